import type { AssessmentConfig, AssessmentFigures, AssessmentLevel, AssessmentRow } from '@grid/contracts';
import { type AssessmentCounts } from './assessment-counts';
import { compositeOf, gradeOf, starsOf } from './composite';
import { indicatorsOf } from './leader-levels';
import { addPoints, coefficientOf, pointsByRule, scoreOf, sumPoints } from './points';

/**
 * The persons the worker level ranks: grid workers (网格员). Department staff are judged with their department's
 * level, leaders with their areas; their own points stay in their ledgers.
 */
export const RANKED_PERSON_ROLES: readonly string[] = ['grid_worker'];

/** A unit as the ranking names it; persons carry what their coefficient depends on. */
export interface AssessedUnit {
  unitId: string;
  unitName: string;
  unitCode: string;
  parentAreaId: string | null;
  person?: { role: string; areaId: string | null };
}

/**
 * Composite, grade, stars; for persons points, coefficient and score: one unit's line before ranking. A person's
 * points are those of their cases by rule plus their approved reward and penalty points (奖惩, `adjustmentPoints`).
 */
export function rowOf(level: AssessmentLevel, unit: AssessedUnit, figures: AssessmentFigures, counts: AssessmentCounts, config: AssessmentConfig, adjustmentPoints = 0): AssessmentRow {
  const composite = compositeOf(indicatorsOf(config, level), figures);
  const grade = gradeOf(composite, config.grades);
  const person = level === 'worker' ? unit.person : undefined;
  const points = person ? addPoints(sumPoints(pointsByRule(counts, config.points)), adjustmentPoints) : null;
  const coefficient = person ? coefficientOf({ id: unit.unitId, ...person }, config.coefficients) : null;
  return {
    level,
    unitId: unit.unitId,
    unitName: unit.unitName,
    unitCode: unit.unitCode,
    parentAreaId: unit.parentAreaId,
    figures,
    composite,
    grade,
    points,
    coefficient,
    score: coefficient !== null && points !== null ? scoreOf(coefficient, points) : composite,
    stars: starsOf(grade),
    rank: 0,
    bottom: false,
  };
}

/**
 * Orders the rows best first by score (ties by code), gives tied scores the same rank (1, 2, 2, 4…), and
 * flags the last `bottomShare` of the scored rows (rounded down: ten zones flag one) as the bottom.
 */
export function rankRows(rows: readonly AssessmentRow[], bottomShare: number): AssessmentRow[] {
  const sorted = [...rows].sort((a, b) => {
    if (a.score === null || b.score === null) return a.score === b.score ? a.unitCode.localeCompare(b.unitCode) : a.score === null ? 1 : -1;
    return b.score - a.score || a.unitCode.localeCompare(b.unitCode);
  });
  const scored = sorted.filter((r) => r.score !== null).length;
  const bottomFrom = scored - Math.floor(scored * bottomShare);
  let rank = 0;
  return sorted.map((row, i) => {
    if (i === 0 || sorted[i - 1].score !== row.score) rank = i + 1;
    return { ...row, rank, bottom: row.score !== null && i >= bottomFrom };
  });
}
