import type { PatrolSummary, PatrolVisitDto } from '@grid/contracts';
import { apiRequest } from '../api/api-client';
import type { PatrolRequest } from '../outbox/outbox-store';

const PATHS: Record<PatrolRequest['op'], (id: string) => string> = {
  start: () => '/api/patrols',
  points: (id) => `/api/patrols/${encodeURIComponent(id)}/points`,
  visit: (id) => `/api/patrols/${encodeURIComponent(id)}/visits`,
  end: (id) => `/api/patrols/${encodeURIComponent(id)}/end`,
};

/** One write of a patrol; every one is safe to resend (the phone's ids, points merged by instant). */
export function sendPatrolRequest(patrolId: string, request: PatrolRequest): Promise<PatrolSummary | PatrolVisitDto> {
  return apiRequest(PATHS[request.op](patrolId), { method: 'POST', body: request.body });
}
