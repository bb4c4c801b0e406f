import type { CaseFilter } from '../../../cases/case-filter';
import { useCaseTotal } from '../../../cases/use-cases';
import { useNow } from '../../case-view/hooks/use-now';
import type { OpenCounts } from './use-map-cases';

export interface KeyFigures {
  open: number | undefined;
  overdue: number | undefined;
  closedToday: number | undefined;
  /** On-time closures over what should be closed by now (closed + open overdue, 应结案), 0–1. */
  onTimeRate: number | undefined;
}

function startOfToday(now: number): Date {
  const day = new Date(now);
  day.setHours(0, 0, 0, 0);
  return day;
}

/**
 * The wall's key figures, from the list API and the live open cases: open and overdue from the cases on
 * the map; closed today and the on-time rate from list totals, refreshed as events arrive. The totals
 * are asked for once `ready` (the map drawn): three counts over the whole history are not worth delaying
 * the map for, nor the browser's six connections.
 */
export function useKeyFigures(openCases: OpenCounts | null, scope: Pick<CaseFilter, 'areaId' | 'categoryCode'>, ready = true): KeyFigures {
  const now = useNow(60_000);
  const today = startOfToday(now);
  const closed = useCaseTotal(ready ? { ...scope, status: ['closed'] } : null);
  const closedLate = useCaseTotal(ready ? { ...scope, status: ['closed'], sla: ['overdue'] } : null);
  const overdue = openCases?.overdue;
  const closedToday = useCaseTotal(ready ? { ...scope, status: ['closed'], closedFrom: today.toISOString() } : null);
  const due = closed !== undefined && overdue !== undefined ? closed + overdue : undefined;
  // Nothing due yet has no rate (not 100%).
  const onTimeRate = !due || closedLate === undefined || closed === undefined ? undefined : (closed - closedLate) / due;
  return { open: openCases?.open, overdue, closedToday, onTimeRate };
}
