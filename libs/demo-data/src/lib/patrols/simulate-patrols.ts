import type { LatLng, PatrolVisitKind } from '@grid/contracts';
import { isWorkday, localDateOf, localMidnightMs, nextDate, toMs, type TrackPoint, type WorkCalendar } from '@grid/domain';
import { classifyPoint, type Polygon } from '@grid/geo';
import { pick } from '../random';
import { chance, logNormal, normal, streamOf, uniform, type Random } from '../history/history-random';
import type { HistoryGrid } from '../history/simulate-history';

export interface PatrolHistoryInput {
  seed: number;
  /** ISO instant; no patrol ends after it. */
  now: string;
  days: number;
  /** In a stable order (by code): a grid's patrols are drawn from its position, so the same input gives the same patrols. */
  grids: readonly HistoryGrid[];
  calendar: WorkCalendar;
}

export interface SimulatedVisit {
  kind: PatrolVisitKind;
  label: string;
  location: LatLng;
  at: string;
}

export interface SimulatedPatrol {
  workerId: string;
  gridId: string;
  areaPath: readonly string[];
  startedAt: string;
  endedAt: string;
  points: TrackPoint[];
  visits: SimulatedVisit[];
}

/** The demo keeps a point every 10 minutes (a phone records far more; this keeps the demo quick to load and small). */
const POINT_EVERY_S = 600;
const METRES_PER_DEGREE = 111_195;
const GROUPS = ['一', '二', '三', '四', '五', '六', '七', '八'];
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '胡', '朱', '高', '何'];
const PLACES = ['村委会', '村口桥', '小学', '村卫生室', '河堤', '农贸市场', '加油站', '养老院', '文化广场', '安置小区', '幼儿园', '集中供水点', '后山边坡', '在建工地', '废品收购站'];

/**
 * Grid workers' patrols over the last `days` days up to `now` (到村入户): each worker has a diligence of
 * their own (how often they go out, how many households they call on), so the assessment's figures
 * differ from grid to grid. Patrols start in working hours, mostly on workdays; tracks walk inside the
 * grid with a few bad fixes, as phones give them. Pure and deterministic: the same input gives the same patrols.
 */
export function simulatePatrols(input: PatrolHistoryInput): SimulatedPatrol[] {
  const nowMs = toMs(input.now);
  const offset = input.calendar.utcOffsetMinutes;
  let date = localDateOf(new Date(nowMs - input.days * 86_400_000).toISOString(), offset);
  const dates: string[] = [];
  for (let i = 0; i <= input.days; i++, date = nextDate(date)) dates.push(date);

  const patrols: SimulatedPatrol[] = [];
  for (const [index, grid] of input.grids.entries()) {
    if (!grid.workerId) continue;
    const person = streamOf(input.seed, `patrol-worker:${index}`);
    const diligence = uniform(person, 0.2, 0.95);
    const shape: Polygon = { type: 'Polygon', coordinates: [grid.ring] };
    for (const day of dates) {
      const random = streamOf(input.seed, `patrol:${index}:${day}`);
      if (!chance(random, isWorkday(input.calendar, day) ? diligence : diligence / 8)) continue;
      // Between 08:40 and 15:30 local time, for 20 minutes to 4 hours.
      const startMs = localMidnightMs(day, offset) + uniform(random, 8 * 60 + 40, 15 * 60 + 30) * 60_000;
      const minutes = Math.min(240, Math.max(20, logNormal(random, 75, 0.45)));
      const endMs = startMs + minutes * 60_000;
      if (endMs > nowMs) continue;
      const points = walk(random, grid.centroid, shape, startMs, endMs);
      patrols.push({
        workerId: grid.workerId,
        gridId: grid.id,
        areaPath: grid.areaPath,
        startedAt: new Date(startMs).toISOString(),
        endedAt: new Date(endMs).toISOString(),
        points,
        visits: visitsAlong(random, points, diligence),
      });
    }
  }
  return patrols;
}

/** A walk from the centre that turns back whenever it would leave the grid, so good fixes stay inside; one fix in 40 is bad. */
function walk(random: Random, centroid: LatLng, shape: Polygon, startMs: number, endMs: number): TrackPoint[] {
  const points: TrackPoint[] = [];
  let here = { ...centroid };
  let heading = random() * 2 * Math.PI;
  for (let ms = startMs; ms <= endMs; ms += POINT_EVERY_S * 1000) {
    const at = new Date(ms).toISOString();
    if (points.length > 0 && chance(random, 1 / 40)) {
      // A bad fix (indoors, under a hill): far off and saying so.
      points.push({ ...offsetBy(here, uniform(random, 200, 600), random() * 2 * Math.PI), at, accuracy: Math.round(uniform(random, 80, 300)) });
      continue;
    }
    points.push({ ...here, at, accuracy: Math.round(uniform(random, 4, 25)) });
    // 0.3–1.3 m/s on average over ten minutes: walking, with stops at doors.
    const step = uniform(random, 0.3, 1.3) * POINT_EVERY_S;
    heading += normal(random) * 0.7;
    let next = offsetBy(here, step, heading);
    if (classifyPoint(next, shape) === 'outside') {
      // At the boundary: turn towards the centre and, in a small grid, take a shorter step (or pause).
      heading = Math.atan2(centroid.lat - here.lat, (centroid.lng - here.lng) * Math.cos((here.lat * Math.PI) / 180));
      next = here;
      for (let length = step; length > 10; length /= 2) {
        const candidate = offsetBy(here, length, heading);
        if (classifyPoint(candidate, shape) !== 'outside') {
          next = candidate;
          break;
        }
      }
    }
    here = next;
  }
  return points;
}

/** Households and places called on, at good fixes of the track; a diligent worker calls on more. */
function visitsAlong(random: Random, points: readonly TrackPoint[], diligence: number): SimulatedVisit[] {
  const good = points.filter((p) => (p.accuracy ?? 0) <= 50);
  const count = Math.round(uniform(random, 0, 10) * diligence);
  const visits: SimulatedVisit[] = [];
  for (let i = 0; i < count && good.length > 0; i++) {
    const at = pick(random, good);
    const household = chance(random, 0.7);
    visits.push({
      kind: household ? 'household' : 'place',
      label: household ? `${pick(random, GROUPS)}组 ${pick(random, SURNAMES)}家` : pick(random, PLACES),
      location: { lat: at.lat, lng: at.lng },
      at: at.at,
    });
  }
  return visits.sort((a, b) => a.at.localeCompare(b.at));
}

/** The point `metres` away along `heading` (radians from east, counter-clockwise), flat-earth at grid scale. */
function offsetBy(from: LatLng, metres: number, heading: number): LatLng {
  return {
    lat: from.lat + (metres * Math.sin(heading)) / METRES_PER_DEGREE,
    lng: from.lng + (metres * Math.cos(heading)) / (METRES_PER_DEGREE * Math.cos((from.lat * Math.PI) / 180)),
  };
}
