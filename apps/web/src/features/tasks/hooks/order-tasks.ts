import type { CaseSummary } from '@grid/contracts';

const URGENCY: Record<CaseSummary['slaState'], number> = { overdue: 0, warning: 1, on_time: 2 };

function dueOf(c: CaseSummary): number {
  const due = c.status === 'dispatched' ? (c.acceptDueAt ?? c.handleDueAt) : c.handleDueAt;
  return due ? Date.parse(due) : Number.POSITIVE_INFINITY;
}

/**
 * The order of the worker's own list, as its caption says: new (not yet opened) first, then overdue, then
 * nearly due, then by deadline, the newest report first among equal deadlines. A case just dispatched is
 * therefore on top, not below the fold behind older cases of the same deadline.
 */
export function orderTasks(items: readonly CaseSummary[], fresh: ReadonlySet<string>): CaseSummary[] {
  return [...items].sort(
    (a, b) =>
      Number(fresh.has(b.id)) - Number(fresh.has(a.id)) ||
      URGENCY[a.slaState] - URGENCY[b.slaState] ||
      dueOf(a) - dueOf(b) ||
      Date.parse(b.reportedAt) - Date.parse(a.reportedAt),
  );
}
