import type { LatLng, CaseSource, Priority } from '@grid/contracts';
import type { Actor, AreaPath, CaseCategory, CaseEventDraft, CaseState, WorkCalendar } from '@grid/domain';
import { toMs } from '@grid/domain';
import { caseSpecs } from './case-specs';
import { CaseStory } from './case-story';
import type { RefusedStep } from './case-run';
import { historyCaseRef } from './history-refs';
import { Roster } from './history-roster';
import { WorkClock } from './work-clock';

export interface HistoryGrid { id: string; areaPath: AreaPath; centroid: LatLng; /** a point list of the boundary's outer ring ([lng, lat]) to place reports inside */ ring: number[][]; workerId: string | null }
export interface HistoryInput {
  seed: number;
  now: string;            // ISO instant; history ends here (cases still open at `now` stay open)
  days: number;           // default callers pass 90
  casesPerDay: number;    // callers pass ~30 for the demo (busier on workdays, fewer on weekends/holidays)
  grids: HistoryGrid[];
  users: Actor[];         // every account (ids, roles, areaId, areaPath root-first incl. own area, departmentId)
  categories: (CaseCategory & { sensitive: boolean })[];  // leaf categories only
  departmentIdByCode: Readonly<Record<string, string>>;
  calendar: WorkCalendar;
}
export interface SimulatedCase {
  source: CaseSource; categoryCode: string; priority: Priority; description: string;
  location: LatLng; address: string | null; gridId: string; areaPath: AreaPath;
  reporterId: string | null; reporterName: string | null; reporterPhone: string | null;
  reportedAt: string; events: CaseEventDraft[]; state: CaseState;
}

/** A step the domain refused (none for a sound input): the case stopped before it. */
export interface HistoryRefusal extends RefusedStep {
  caseIndex: number;
  categoryCode: string;
}

/** A case whose story stopped because nobody in the roster fits the next step. */
export interface HistoryGap {
  caseIndex: number;
  categoryCode: string;
  reason: string;
}

export interface HistoryRun {
  cases: SimulatedCase[];
  refusals: HistoryRefusal[];
  gaps: HistoryGap[];
}

/**
 * About `days` days of case history across the territory up to `now`, every step taken through the
 * domain's state machine (`decide`), so every timeline is valid by construction. Pure and
 * deterministic: the same input gives the same history. No SLA sweeper events are written: the
 * API's sweeper catches up on the open cases, and `slaOf` tells any case's SLA from its events.
 *
 * Cases are in the order they were reported. A merged duplicate names its main case as
 * `history:<index>` (its position in this list), which the caller replaces by the id it gives that case
 * (`withCaseIds`).
 */
export function simulateHistory(input: HistoryInput): SimulatedCase[] {
  return runHistory(input).cases;
}

/** `simulateHistory` with the steps the domain refused, which a test keeps at zero. */
export function runHistory(input: HistoryInput): HistoryRun {
  checkInput(input);
  const roster = new Roster(input.users, input.seed);
  const world = { input, roster, workClock: new WorkClock(input.calendar), nowMs: toMs(input.now) };
  const specs = caseSpecs(input, roster);
  const cases: SimulatedCase[] = [];
  const refusals: HistoryRefusal[] = [];
  const gaps: HistoryGap[] = [];
  /** Where each spec's case stands in `cases`, and its timeline, for duplicates that name it. */
  const written = new Map<number, { index: number; events: readonly CaseEventDraft[] }>();
  for (const spec of specs) {
    const main = spec.duplicateOf === null ? undefined : written.get(spec.duplicateOf);
    const run = new CaseStory(spec, world, main ? { ref: historyCaseRef(main.index), events: main.events } : null).play();
    refusals.push(...run.refusals.map((r) => ({ ...r, caseIndex: cases.length, categoryCode: spec.category.code })));
    gaps.push(...run.gaps.map((reason) => ({ reason, caseIndex: cases.length, categoryCode: spec.category.code })));
    const state = run.state;
    if (state === null) continue;
    written.set(spec.index, { index: cases.length, events: run.events });
    cases.push({
      source: state.source,
      categoryCode: state.categoryCode,
      priority: state.priority,
      description: state.description,
      location: state.location,
      address: state.address,
      gridId: spec.grid.id,
      areaPath: state.areaPath,
      reporterId: state.reporterId,
      reporterName: spec.reporterName,
      reporterPhone: spec.reporterPhone,
      reportedAt: state.reportedAt,
      events: run.events,
      state,
    });
  }
  return { cases, refusals, gaps };
}

function checkInput(input: HistoryInput): void {
  toMs(input.now);
  if (!(Number.isInteger(input.days) && input.days >= 1)) throw new RangeError('days must be a positive integer');
  if (!(input.casesPerDay >= 0)) throw new RangeError('casesPerDay must be ≥ 0');
  if (input.grids.length === 0 || input.categories.length === 0) throw new RangeError('the history needs grids and categories');
}
