import type { SessionUser } from '@grid/contracts';
import type { CaseFilter } from '../../../cases/case-filter';

export type TaskTab = 'mine' | 'grid' | 'verify';

/** The three lists of the phone: what is mine to do, what is open in my grid, and what waits for my check. */
export function taskFilters(user: Pick<SessionUser, 'areaId'>): Record<TaskTab, CaseFilter | null> {
  const areaId = user.areaId ?? undefined;
  return {
    mine: { assigneeId: 'me', open: true, sort: 'handleDueAt', pageSize: 100 },
    grid: areaId ? { areaId, open: true, sort: '-reportedAt', pageSize: 100 } : null,
    verify: areaId ? { areaId, status: ['handled'], sort: 'reportedAt', pageSize: 100 } : null,
  };
}
