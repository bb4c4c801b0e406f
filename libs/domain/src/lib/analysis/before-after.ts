const WEEK_MS = 7 * 86_400_000;

export interface BeforeAfterMeasure {
  baselineWeeks: number;
  /** Reports in the baseline weeks just before the task was opened, and per week. */
  before: { cases: number; perWeek: number };
  /** Reports since it was opened, the weeks elapsed (fractional) and per week (null before a full week). */
  after: { cases: number; weeks: number; perWeek: number | null };
  /** (after − before) / before per week; null while too early or without a baseline. */
  change: number | null;
  status: 'too_early' | 'measuring';
}

/**
 * A 每月一题 task's before/after measure (issue 20): reports per week in its area and category in the
 * `baselineWeeks` weeks before it was opened, against the reports per week since. A rate after less than a full
 * week would swing wildly: it is held back (`too_early`) and only the count is given.
 */
export function beforeAfterMeasure(reportedMs: readonly number[], openedAtMs: number, nowMs: number, baselineWeeks = 8): BeforeAfterMeasure {
  const baselineStart = openedAtMs - baselineWeeks * WEEK_MS;
  let before = 0;
  let after = 0;
  for (const at of reportedMs) {
    if (at >= baselineStart && at < openedAtMs) before++;
    else if (at >= openedAtMs && at < nowMs) after++;
  }
  const weeks = Math.max(0, (nowMs - openedAtMs) / WEEK_MS);
  const beforePerWeek = before / baselineWeeks;
  const afterPerWeek = weeks >= 1 ? after / weeks : null;
  return {
    baselineWeeks,
    before: { cases: before, perWeek: round2(beforePerWeek) },
    after: { cases: after, weeks: round2(weeks), perWeek: afterPerWeek === null ? null : round2(afterPerWeek) },
    change: afterPerWeek === null || beforePerWeek === 0 ? null : round2((afterPerWeek - beforePerWeek) / beforePerWeek),
    status: afterPerWeek === null ? 'too_early' : 'measuring',
  };
}

const round2 = (x: number): number => Math.round(x * 100) / 100;
