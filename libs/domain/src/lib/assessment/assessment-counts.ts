import type { AssessmentFigures, CaseLevel, SuspensionRule } from '@grid/contracts';
import { MS_PER_HOUR, toMs, type Instant } from '../shared/instant.util';
import { isFieldReport, type AssessmentCaseFacts } from './case-facts';
import { isFinished } from './rollup-months';

/**
 * The sums an assessment is made of, per unit: what the API's SQL aggregates over stored facts and what
 * `countsOf` adds up from facts in memory. Every figure, composite and point total follows from these.
 */
export interface AssessmentCounts {
  reported: number;
  selfHandled: number;
  registered: number;
  dispatched: number;
  acceptedOnTime: number;
  shouldAccept: number;
  handled: number;
  handledOnTime: number;
  shouldHandle: number;
  closed: number;
  closedOnTime: number;
  shouldClose: number;
  reworked: number;
  overdue: number;
  /** Open cases suspended (挂账) at the moment of judgement, and those suspended longer than the scheme's maximum. */
  suspended: number;
  overSuspended: number;
  rated: number;
  ratingSum: number;
  missedReports: number;
  whistled: number;
  summoned: number;
  reportInOnTime: number;
  shouldReportIn: number;
  departmentRated: number;
  departmentRatingSum: number;
  /** Valid reports and the sum of their categories' points. */
  validReports: number;
  validReportPoints: number;
  /** Ratings of 5, and of 2 or less. */
  goodRatings: number;
  poorRatings: number;
  responseHours: number[];
  handlingHours: number[];
}

/**
 * Which parts of a case count for a unit: `r` its reporting, `h` its handling, `m` its missed report, `o` its
 * overdue (charged to who held the case when it went overdue), `k` its handling clock's lateness (charged to who
 * held it when that clock ran out). An area counts every part of its cases (`ALL_PARTS`).
 */
export interface Contribution {
  r: boolean;
  h: boolean;
  m: boolean;
  o: boolean;
  k: boolean;
}

export const ALL_PARTS: Contribution = { r: true, h: true, m: true, o: true, k: true };
const part = (p: Partial<Contribution>): Contribution => ({ r: false, h: false, m: false, o: false, k: false, ...p });

/** Suspension (挂账) as version 1 of the scheme has it: 90 days at most; beyond, the case counts as overdue. */
export const DEFAULT_SUSPENSION_RULE: SuspensionRule = { maxDays: 90, overAsOverdue: true };

export const emptyCounts = (): AssessmentCounts => ({
  reported: 0, selfHandled: 0, registered: 0, dispatched: 0, acceptedOnTime: 0, shouldAccept: 0, handled: 0, handledOnTime: 0,
  shouldHandle: 0, closed: 0, closedOnTime: 0, shouldClose: 0, reworked: 0, overdue: 0, suspended: 0, overSuspended: 0, rated: 0, ratingSum: 0, missedReports: 0,
  whistled: 0, summoned: 0, reportInOnTime: 0, shouldReportIn: 0, departmentRated: 0, departmentRatingSum: 0, validReports: 0,
  validReportPoints: 0, goodRatings: 0, poorRatings: 0, responseHours: [], handlingHours: [],
});

const AREA_INDEX: Record<'grid' | 'village' | 'zone', number> = { zone: 1, village: 2, grid: 3 };

/** The units a case counts for at a level, and in which part. */
export function contributionsOf(fact: AssessmentCaseFacts, level: CaseLevel): [unitId: string, part: Contribution][] {
  switch (level) {
    case 'grid':
    case 'village':
    case 'zone':
      return [[fact.areaPath[AREA_INDEX[level]], ALL_PARTS]];
    case 'department':
      // A department's lateness only when it held the case as it ran out (a summoned one is judged by its report-in).
      return fact.departmentIds.map((id) => [id, { ...ALL_PARTS, o: fact.overdueDepartmentId === id, k: fact.handleLateDepartmentId === id }]);
    case 'worker': {
      const parts: [string, Contribution][] = [];
      const { reporterId, handlerId, gridWorkerId, overdueHolderId, handleLateHolderId } = fact;
      if (reporterId && isFieldReport(fact, reporterId)) parts.push([reporterId, part({ r: true })]);
      if (handlerId) parts.push([handlerId, part({ h: true, o: overdueHolderId === handlerId, k: handleLateHolderId === handlerId })]);
      if (overdueHolderId && overdueHolderId !== handlerId) parts.push([overdueHolderId, part({ o: true })]);
      if (handleLateHolderId && handleLateHolderId !== handlerId) parts.push([handleLateHolderId, part({ k: true })]);
      if (gridWorkerId && fact.missedReport) parts.push([gridWorkerId, part({ m: true })]);
      return parts;
    }
  }
}

/**
 * The decisions of a case that depend on the moment of judgement and the scheme's suspension rule: on time,
 * due, overdue, suspended. A case suspended longer than `maxDays` is over-suspended; with `overAsOverdue` it is
 * back in the handling and closure denominators as not done, and overdue (as if its clocks had run out).
 */
export function judge(fact: AssessmentCaseFacts, asOf: Instant, suspension: SuspensionRule = DEFAULT_SUSPENSION_RULE) {
  const by = (instant: Instant | null) => instant !== null && toMs(instant) <= toMs(asOf);
  const open = !isFinished(fact);
  const suspended = open && by(fact.suspendedSince);
  const overSuspended = suspended && by(overSuspendedAt(fact.suspendedSince, suspension));
  const back = overSuspended && suspension.overAsOverdue;
  const handleLate = by(fact.handleLateAt) || back;
  return {
    acceptedOnTime: fact.accepted && !by(fact.acceptLateAt),
    shouldAccept: fact.accepted || by(fact.acceptLateAt),
    handledOnTime: fact.handled && !handleLate,
    /** The handling clock ran out (or the case is over-suspended and counts so): charged to its holder (`k`). */
    handleLate,
    shouldHandle: fact.handled || handleLate,
    closedOnTime: fact.closed && !by(fact.caseLateAt),
    shouldClose: fact.closed || (open && (by(fact.caseLateAt) || back)),
    overdue: by(fact.overdueAt) || back,
    suspended,
    overSuspended,
  };
}

/** When a suspension that began at `since` exceeds the scheme's maximum. */
export function overSuspendedAt(since: Instant | null, suspension: SuspensionRule): Instant | null {
  return since === null ? null : new Date(toMs(since) + suspension.maxDays * 24 * MS_PER_HOUR).toISOString();
}

export type Judgement = ReturnType<typeof judge>;

/** Adds one case's parts to a unit's counts. */
export function addCase(
  counts: AssessmentCounts,
  fact: AssessmentCaseFacts,
  parts: Contribution,
  asOf: Instant,
  departmentId?: string,
  suspension: SuspensionRule = DEFAULT_SUSPENSION_RULE,
): void {
  const j = judge(fact, asOf, suspension);
  const n = (b: boolean) => (b ? 1 : 0);
  const { r, h, m, o, k } = parts;
  if (r) {
    counts.reported += 1;
    counts.selfHandled += n(fact.selfHandled);
    counts.registered += n(fact.registered);
    counts.validReports += n(fact.validReport);
    counts.validReportPoints += fact.validReport ? fact.categoryPoints : 0;
  }
  // The handling clock's lateness belongs to `k`: a handler who got the case after it ran out handled it on time.
  counts.handledOnTime += n(h && fact.handled && !(k && j.handleLate));
  counts.shouldHandle += n((h && fact.handled) || (k && j.handleLate));
  counts.overdue += n(o && j.overdue);
  if (h) {
    counts.dispatched += n(fact.dispatched);
    counts.acceptedOnTime += n(j.acceptedOnTime);
    counts.shouldAccept += n(j.shouldAccept);
    counts.handled += n(fact.handled);
    counts.closed += n(fact.closed);
    counts.closedOnTime += n(j.closedOnTime);
    counts.shouldClose += n(j.shouldClose);
    counts.reworked += n(fact.reworked);
    counts.suspended += n(j.suspended);
    counts.overSuspended += n(j.overSuspended);
    counts.rated += n(fact.rating !== null);
    counts.ratingSum += fact.rating ?? 0;
    counts.goodRatings += n(fact.rating !== null && fact.rating >= 5);
    counts.poorRatings += n(fact.rating !== null && fact.rating <= 2);
    counts.whistled += n(fact.whistled);
    if (fact.responseHours !== null) counts.responseHours.push(fact.responseHours);
    if (fact.handlingHours !== null) counts.handlingHours.push(fact.handlingHours);
  }
  if (m) counts.missedReports += n(fact.missedReport);
  // A department's own part when summoned; an area's: every summoned department of its cases (never a person's).
  for (const d of fact.departments) {
    if (departmentId !== undefined && d.departmentId !== departmentId) continue;
    if (!(r && h && m)) continue;
    const late = d.reportInLateAt !== null && toMs(d.reportInLateAt) <= toMs(asOf);
    counts.summoned += 1;
    counts.reportInOnTime += n(d.reportedIn && !late);
    counts.shouldReportIn += n(d.reportedIn || late);
    counts.departmentRated += n(d.rating !== null);
    counts.departmentRatingSum += d.rating ?? 0;
  }
}

/** Counts per unit at a level, from facts (the cases reported in the period), judged at `asOf`. */
export function countsOf(
  facts: readonly AssessmentCaseFacts[],
  level: CaseLevel,
  asOf: Instant,
  suspension: SuspensionRule = DEFAULT_SUSPENSION_RULE,
): Map<string, AssessmentCounts> {
  const units = new Map<string, AssessmentCounts>();
  for (const fact of facts) {
    for (const [unitId, parts] of contributionsOf(fact, level)) {
      let counts = units.get(unitId);
      if (!counts) units.set(unitId, (counts = emptyCounts()));
      addCase(counts, fact, parts, asOf, level === 'department' ? unitId : undefined, suspension);
    }
  }
  return units;
}

/**
 * Bounds (hours) of the duration histogram: bucket 0 holds durations under 0.25 h, bucket i those from
 * bound i − 1 up to bound i, the last one 720 h and more. Exactly representable numbers, so that JavaScript and
 * SQL (`width_bucket`) put every duration in the same bucket.
 */
export const DURATION_BOUNDS_HOURS: readonly number[] = [0.25, 0.5, 1, 2, 3, 4, 6, 8, 12, 16, 24, 36, 48, 72, 96, 120, 168, 240, 336, 480, 720];

/** The histogram bucket of a duration: how many bounds it reaches (SQL: `width_bucket(hours, bounds)`). */
export function durationBucket(hours: number): number {
  let bucket = 0;
  while (bucket < DURATION_BOUNDS_HOURS.length && hours >= DURATION_BOUNDS_HOURS[bucket]) bucket++;
  return bucket;
}

export function histogramOf(values: readonly number[]): number[] {
  const histogram = new Array<number>(DURATION_BOUNDS_HOURS.length + 1).fill(0);
  for (const v of values) histogram[durationBucket(v)]++;
  return histogram;
}

/**
 * The p-quantile read from a duration histogram, as "p of the cases within": the upper bound of the bucket that
 * holds the nearest-rank quantile (the last bucket, which has none, answers its lower bound, 720 h). Sums of
 * histograms give it for any group, so it can be aggregated in parallel and rolled up.
 */
export function quantileOfHistogram(histogram: readonly number[], p: number): number | null {
  const n = histogram.reduce((a, b) => a + b, 0);
  if (n === 0) return null;
  const rank = Math.max(1, Math.ceil(p * n));
  let seen = 0;
  for (let bucket = 0; bucket < histogram.length; bucket++) {
    seen += histogram[bucket];
    if (seen >= rank) return DURATION_BOUNDS_HOURS[Math.min(bucket, DURATION_BOUNDS_HOURS.length - 1)];
  }
  return null;
}

/** Nearest-rank percentile of the durations, to the histogram's resolution (`quantileOfHistogram`). */
export function percentile(values: readonly number[], p: number): number | null {
  return quantileOfHistogram(histogramOf(values), p);
}

const mean = (values: readonly number[]) => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : null);
export const ratio = (numerator: number, denominator: number): number | null => (denominator === 0 ? null : numerator / denominator);

/** Hours to three decimals (3.6 s): sums in another order (SQL) then agree. */
const round3 = (hours: number | null) => (hours === null ? null : Math.round(hours * 1000) / 1000);

/** Field work of a unit (到村入户频次、里程; on-duty days), from `patrolFiguresOf`. */
export interface PatrolFigures {
  patrolDays: number;
  patrolVisits: number;
  patrolKm: number;
  onDutyDays: number;
}

export const NO_PATROLS: PatrolFigures = { patrolDays: 0, patrolVisits: 0, patrolKm: 0, onDutyDays: 0 };

/** The figures of a unit from its counts; p90s may come precomputed (SQL) instead of from the value lists. */
export function figuresOf(
  c: AssessmentCounts,
  patrols: PatrolFigures = NO_PATROLS,
  summaries: { avgResponseHours: number | null; p90ResponseHours: number | null; avgHandlingHours: number | null; p90HandlingHours: number | null } = {
    avgResponseHours: mean(c.responseHours),
    p90ResponseHours: percentile(c.responseHours, 0.9),
    avgHandlingHours: mean(c.handlingHours),
    p90HandlingHours: percentile(c.handlingHours, 0.9),
  },
): AssessmentFigures {
  return {
    reported: c.reported,
    selfHandled: c.selfHandled,
    registered: c.registered,
    registrationRate: ratio(c.registered, c.reported),
    dispatched: c.dispatched,
    acceptedOnTime: c.acceptedOnTime,
    shouldAccept: c.shouldAccept,
    onTimeAcceptanceRate: ratio(c.acceptedOnTime, c.shouldAccept),
    handled: c.handled,
    handledOnTime: c.handledOnTime,
    shouldHandle: c.shouldHandle,
    onTimeRate: ratio(c.handledOnTime, c.shouldHandle),
    closed: c.closed,
    closedOnTime: c.closedOnTime,
    shouldClose: c.shouldClose,
    closureRate: ratio(c.closed, c.shouldClose),
    onTimeClosureRate: ratio(c.closedOnTime, c.shouldClose),
    reworked: c.reworked,
    reworkRate: ratio(c.reworked, c.handled),
    avgResponseHours: round3(summaries.avgResponseHours),
    p90ResponseHours: round3(summaries.p90ResponseHours),
    avgHandlingHours: round3(summaries.avgHandlingHours),
    p90HandlingHours: round3(summaries.p90HandlingHours),
    overdue: c.overdue,
    suspended: c.suspended,
    overSuspended: c.overSuspended,
    rated: c.rated,
    satisfaction: ratio(c.ratingSum, c.rated),
    missedReports: c.missedReports,
    whistled: c.whistled,
    whistleRate: ratio(c.whistled, c.registered),
    summoned: c.summoned,
    reportInOnTimeRate: ratio(c.reportInOnTime, c.shouldReportIn),
    departmentRating: ratio(c.departmentRatingSum, c.departmentRated),
    ...patrols,
  };
}
