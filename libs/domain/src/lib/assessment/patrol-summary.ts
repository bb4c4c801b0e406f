import type { AssessmentLevel } from '@grid/contracts';
import type { PatrolFigures } from './assessment-counts';

/** One worker's patrols on one local day in one grid (到村入户), as the patrol tables sum them up. */
export interface PatrolDaySummary {
  workerId: string;
  gridId: string;
  /** [district, zone, village, grid]. */
  areaPath: readonly string[];
  /** Local date, YYYY-MM-DD. */
  day: string;
  distanceM: number;
  visits: number;
}

const AREA_INDEX = { zone: 1, village: 2, grid: 3 } as const;

/** Days on patrol (distinct worker-days), visits and kilometres per unit of a level; departments do not patrol. */
export function patrolFiguresOf(days: readonly PatrolDaySummary[], level: AssessmentLevel): Map<string, PatrolFigures> {
  const units = new Map<string, PatrolFigures & { workerDays: Set<string> }>();
  for (const d of days) {
    if (level === 'department') continue;
    const unitId = level === 'worker' ? d.workerId : d.areaPath[AREA_INDEX[level]];
    let unit = units.get(unitId);
    if (!unit) units.set(unitId, (unit = { patrolDays: 0, patrolVisits: 0, patrolKm: 0, workerDays: new Set() }));
    unit.workerDays.add(`${d.workerId}/${d.day}`);
    unit.patrolVisits += d.visits;
    unit.patrolKm += d.distanceM / 1000;
  }
  return new Map(
    [...units].map(([id, u]) => [id, { patrolDays: u.workerDays.size, patrolVisits: u.patrolVisits, patrolKm: Math.round(u.patrolKm * 100) / 100 }]),
  );
}
