import type { AssessmentLevel } from '@grid/contracts';
import { NO_PATROLS, type PatrolFigures } from './assessment-counts';
import { isLeaderLevel } from './leader-levels';

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

/** A local day on which a worker checked in for duty (签到) in a grid of `areaPath` (issue 17). */
export type DutyDaySummary = Pick<PatrolDaySummary, 'workerId' | 'areaPath' | 'day'>;

const AREA_INDEX = { zone: 1, village: 2, grid: 3 } as const;

type Unit = PatrolFigures & { workerDays: Set<string>; dutyDays: Set<string> };

/**
 * Field work per unit of a level: days on patrol (distinct worker-days), visits and kilometres, and on-duty days
 * (distinct worker-days with a check-in); departments do not patrol.
 */
export function patrolFiguresOf(days: readonly PatrolDaySummary[], level: AssessmentLevel, dutyDays: readonly DutyDaySummary[] = []): Map<string, PatrolFigures> {
  const units = new Map<string, Unit>();
  const unitOf = (d: DutyDaySummary): Unit | null => {
    if (level === 'department') return null;
    // Persons (grid workers, leaders) by their own field work; areas by everybody's in them.
    const unitId = level === 'worker' || isLeaderLevel(level) ? d.workerId : d.areaPath[AREA_INDEX[level]];
    let unit = units.get(unitId);
    if (!unit) units.set(unitId, (unit = { ...NO_PATROLS, workerDays: new Set(), dutyDays: new Set() }));
    return unit;
  };
  for (const d of days) {
    const unit = unitOf(d);
    if (!unit) continue;
    unit.workerDays.add(`${d.workerId}/${d.day}`);
    unit.patrolVisits += d.visits;
    unit.patrolKm += d.distanceM / 1000;
  }
  for (const d of dutyDays) unitOf(d)?.dutyDays.add(`${d.workerId}/${d.day}`);
  return new Map(
    [...units].map(([id, u]) => [id, { patrolDays: u.workerDays.size, patrolVisits: u.patrolVisits, patrolKm: Math.round(u.patrolKm * 100) / 100, onDutyDays: u.dutyDays.size }]),
  );
}
