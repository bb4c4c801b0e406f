import type { AssessmentConfig, AssessmentFigures, AssessmentGrade, Indicator } from '@grid/contracts';

/** Figures on a 1–5 scale; every other indicator figure without bands is a 0–1 rate. */
const FIVE_POINT: readonly Indicator['figure'][] = ['satisfaction', 'departmentRating'];
const RATES: readonly Indicator['figure'][] = [
  'registrationRate', 'onTimeAcceptanceRate', 'onTimeRate', 'closureRate', 'onTimeClosureRate', 'reworkRate', 'whistleRate', 'reportInOnTimeRate',
];

/** One indicator's 0–100 score, or null when its figure has no value (a zero denominator). */
export function indicatorScore(indicator: Indicator, figures: AssessmentFigures): number | null {
  const raw = figures[indicator.figure];
  if (raw === null) return null;
  const value = indicator.invert && RATES.includes(indicator.figure) ? 1 - raw : raw;
  if (indicator.bands?.length) return indicator.bands.find((b) => value >= b.atLeast)?.score ?? 0;
  if (FIVE_POINT.includes(indicator.figure)) return clamp((value - 1) * 25);
  if (RATES.includes(indicator.figure)) return clamp(value * 100);
  // A count without bands: something is better than nothing.
  return value > 0 ? 100 : 0;
}

const clamp = (score: number) => Math.min(100, Math.max(0, score));
const round1 = (n: number) => Math.round(n * 10) / 10;

/**
 * The composite indicator (综合指标值): the weighted mean of the indicators that have a value, 0–100 to
 * one decimal; null when none has. Weights of missing indicators are spread over the others.
 */
export function compositeOf(indicators: readonly Indicator[], figures: AssessmentFigures): number | null {
  let weight = 0;
  let sum = 0;
  for (const indicator of indicators) {
    const score = indicatorScore(indicator, figures);
    if (score === null || indicator.weight === 0) continue;
    weight += indicator.weight;
    sum += indicator.weight * score;
  }
  return weight === 0 ? null : round1(sum / weight);
}

export function gradeOf(composite: number | null, grades: AssessmentConfig['grades']): AssessmentGrade | null {
  if (composite === null) return null;
  if (composite >= grades.A) return 'A';
  if (composite >= grades.B) return 'B';
  if (composite >= grades.C) return 'C';
  return composite >= grades.D ? 'D' : 'E';
}

/** Star rating (星级): A five stars … E one. */
export function starsOf(grade: AssessmentGrade | null): number | null {
  return grade === null ? null : 5 - ['A', 'B', 'C', 'D', 'E'].indexOf(grade);
}
