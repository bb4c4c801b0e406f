import type { CaseSource, LatLng, Priority } from '@grid/contracts';
import { isWorkday, localDateOf, toInstant, toMs, type Actor } from '@grid/domain';
import { categoryWeightOf, gridBusynessOf, pointInRing, pointNear, priorityOf, reportMinuteOf, sourceOf } from './history-mix';
import { plantedReports, type PlantedReport } from './history-patterns';
import { chance, streamOf, uniform, WeightedDraw, type Random } from './history-random';
import type { Roster } from './history-roster';
import { addressOf, callerName, callerPhone, descriptionOf, placeOf } from './history-texts';
import type { HistoryGrid, HistoryInput } from './simulate-history';

const DAY = 86_400_000;
const MINUTE = 60_000;
/** Relative report volume on a workday and on a weekend or holiday. */
const WORKDAY_LOAD = 1.2;
const DAY_OFF_LOAD = 0.5;
/** Share of grid workers' reports that a resident also phones in (a duplicate, merged by the command centre). */
const DUPLICATE_SHARE = 0.012;

export type HistoryCategory = HistoryInput['categories'][number];

/** One report to simulate: where, what, who and when; its story is told by `CaseStory`. */
export interface CaseSpec {
  /** Position in time order (not in the output, where a case whose intake failed is missing). */
  index: number;
  /** The key of the case's own random stream. */
  key: string;
  reportedMs: number;
  grid: HistoryGrid;
  category: HistoryCategory;
  source: CaseSource;
  priority: Priority;
  reporter: Actor;
  reporterName: string | null;
  reporterPhone: string | null;
  description: string;
  /** The landmark the description and address name. */
  place: string;
  location: LatLng;
  address: string | null;
  /** The index of the case this one repeats (a second report of the same matter), or null. */
  duplicateOf: number | null;
}

type Draft = Omit<CaseSpec, 'index' | 'duplicateOf'> & { duplicateOf: Draft | null };

/**
 * The reports of the period, in time order: per local day, a count around the average (more on
 * workdays, fewer on weekends and holidays); for each, a category by frequency, a channel, a
 * priority, a grid by how busy it is, a time of day by channel, a point inside the grid.
 */
export function caseSpecs(input: HistoryInput, roster: Roster): CaseSpec[] {
  const random = streamOf(input.seed, 'reports');
  const nowMs = toMs(input.now);
  const offset = input.calendar.utcOffsetMinutes * MINUTE;
  const todayMidnight = Math.floor((nowMs + offset) / DAY) * DAY - offset;
  const days = Array.from({ length: input.days }, (_, i) => todayMidnight - (input.days - 1 - i) * DAY);
  const loads = days.map((midnight) => (isWorkday(input.calendar, localDateOf(toInstant(midnight), input.calendar.utcOffsetMinutes)) ? WORKDAY_LOAD : DAY_OFF_LOAD));
  const perLoad = (input.casesPerDay * input.days) / loads.reduce((a, b) => a + b, 0);
  const grids = new WeightedDraw(input.grids, (g) => gridBusynessOf(streamOf(input.seed, `grid:${g.id}`)));
  const categories = new WeightedDraw(input.categories, (c) => categoryWeightOf(c.code));

  const drafts: Draft[] = [];
  days.forEach((midnight, d) => {
    const count = Math.floor(perLoad * loads[d] * uniform(random, 0.8, 1.2) + random());
    for (let i = 0; i < count; i++) {
      const draft = reportOn(random, { roster, grids, categories }, midnight, loads[d] === WORKDAY_LOAD, `${d}:${i}`);
      if (draft && draft.reportedMs < nowMs) drafts.push(draft);
    }
  });
  for (const main of [...drafts]) {
    if (main.source === 'grid_report' && main.priority !== 'emergency' && chance(random, DUPLICATE_SHARE)) {
      const copy = duplicateOf(random, main, roster);
      if (copy && copy.reportedMs < nowMs) drafts.push(copy);
    }
  }
  // The patterns the analysis must find (a hotspot, a new one, recurring places), on streams of their own.
  for (const plan of plantedReports(input, days)) {
    const draft = plantedOn(streamOf(input.seed, plan.key), roster, input, plan, loads[days.indexOf(plan.midnight)] === WORKDAY_LOAD);
    if (draft && draft.reportedMs < nowMs) drafts.push(draft);
  }
  drafts.sort((a, b) => a.reportedMs - b.reportedMs || a.key.localeCompare(b.key));
  const indexOf = new Map(drafts.map((draft, index) => [draft, index]));
  return drafts.map((draft, index) => ({ ...draft, index, duplicateOf: draft.duplicateOf ? (indexOf.get(draft.duplicateOf) ?? null) : null }));
}

interface Draws {
  roster: Roster;
  grids: WeightedDraw<HistoryGrid>;
  categories: WeightedDraw<HistoryCategory>;
}

function reportOn(random: Random, draws: Draws, midnight: number, workday: boolean, key: string): Draft | null {
  const category = draws.categories.draw(random);
  const priority = priorityOf(random, category);
  let source = sourceOf(random, category.code);
  if (source === 'front_desk' && !workday) source = 'hotline';
  const minute = reportMinuteOf(random, source, priority, workday);
  // Nobody is on rounds at night: what happens then is phoned in.
  if ((minute < 450 || minute > 1200) && source !== 'hotline') source = 'hotline';
  const grid = draws.grids.draw(random);
  return draftAt(random, draws.roster, { key, midnight, minute, grid, category, priority, source }, (r) => pointInRing(r, grid.ring, grid.centroid));
}

/** A planted report (`plantedReports`): its grid, category and day fixed, the rest drawn as any report's. */
function plantedOn(random: Random, roster: Roster, input: HistoryInput, plan: PlantedReport, workday: boolean): Draft | null {
  const category = input.categories.find((c) => c.code === plan.categoryCode);
  if (!category) return null;
  const source = sourceOf(random, category.code) === 'hotline' ? 'hotline' : 'grid_report';
  const minute = reportMinuteOf(random, source, 'normal', workday);
  const near = plan.near;
  const locate = near ? (r: Random) => pointNear(r, plan.grid.ring, near) : (r: Random) => pointInRing(r, plan.grid.ring, plan.grid.centroid);
  return draftAt(random, roster, { key: plan.key, midnight: plan.midnight, minute, grid: plan.grid, category, priority: 'normal', source }, locate);
}

interface DraftChoice {
  key: string;
  midnight: number;
  minute: number;
  grid: HistoryGrid;
  category: HistoryCategory;
  priority: Priority;
  source: CaseSource;
}

/** A report once its what, where and when are chosen: who brings it, the caller, the words and the point. */
function draftAt(random: Random, roster: Roster, choice: DraftChoice, locate: (random: Random) => LatLng): Draft | null {
  const { key, midnight, minute, grid, category, priority, source } = choice;
  const reporter = reporterFor(source, grid, roster);
  if (reporter === null) return null;
  const place = placeOf(random);
  const resident = reporter.source === 'hotline' || reporter.source === 'front_desk';
  return {
    key,
    reportedMs: midnight + Math.floor(minute * MINUTE + random() * MINUTE),
    grid,
    category,
    source: reporter.source,
    priority,
    reporter: reporter.actor,
    reporterName: resident ? callerName(random) : null,
    reporterPhone: resident ? callerPhone(random) : null,
    description: descriptionOf(random, category.code, place),
    place,
    location: locate(random),
    address: resident ? addressOf(random, place) : null,
    duplicateOf: null,
  };
}

/**
 * Who reports through a channel: the grid's on-duty worker for a grid report, the village cadre (or the
 * zone leader) on patrol, the command centre's operator for a call or a visit to the front desk. When
 * nobody fits, the report comes by the hotline; without an operator there is no report.
 */
function reporterFor(source: CaseSource, grid: HistoryGrid, roster: Roster): { source: CaseSource; actor: Actor } | null {
  if (source === 'grid_report') {
    const worker = (grid.workerId === null ? null : roster.actor(grid.workerId)) ?? roster.membersOf({ level: 'grid', areaId: grid.id })[0];
    if (worker) return { source, actor: worker };
  }
  if (source === 'patrol') {
    const patrol = roster.areaLeaderAt(grid.areaPath, 'village') ?? roster.areaLeaderAt(grid.areaPath, 'zone');
    if (patrol) return { source, actor: patrol };
  }
  const operator = roster.operator;
  return operator ? { source: source === 'front_desk' ? source : 'hotline', actor: operator } : null;
}

/** A resident phoning in what the grid's worker reported a little earlier. */
function duplicateOf(random: Random, main: Draft, roster: Roster): Draft | null {
  const operator = roster.operator;
  if (operator === null) return null;
  const place = main.place;
  return {
    ...main,
    key: `${main.key}:again`,
    reportedMs: main.reportedMs + Math.floor(uniform(random, 12, 90) * MINUTE),
    source: 'hotline',
    reporter: operator,
    reporterName: callerName(random),
    reporterPhone: callerPhone(random),
    description: descriptionOf(random, main.category.code, place),
    location: pointNear(random, main.grid.ring, main.location),
    address: addressOf(random, place),
    duplicateOf: main,
  };
}
