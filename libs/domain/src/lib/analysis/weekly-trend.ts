/** Weeks of history the forecast's level and its error are taken from. */
export const TREND_BASE_WEEKS = 8;
/** Weeks forecast ahead. */
export const TREND_HORIZON_WEEKS = 4;
/** A week below this count is never flagged rising, whatever its band (small numbers swing). */
export const TREND_MIN_RISING = 5;

export interface WeekForecast {
  expected: number;
  low: number;
  high: number;
}

export interface WeeklyTrend {
  /** The forecast of each of the next weeks (95 % band). */
  forecast: WeekForecast[];
  /** The latest week's count against the band forecast from the weeks before it. */
  latest: { count: number; expected: number; high: number } | null;
  rising: boolean;
  /** The forecast is scaled by last year's season (false: too little history a year ago, a flat level). */
  seasonal: boolean;
}

/**
 * A simple seasonal forecast of weekly counts (issue 20): the level is the mean of the last eight weeks; when the
 * same weeks a year before are known, each forecast week is scaled by last year's ratio of that week to last year's
 * eight-week mean (seasonal naive, scaled); the 95 % band is ±1.96 × the spread of the last eight one-step errors of
 * the same rule, never narrower than a Poisson count's (√level). The latest week is flagged **rising** when it
 * exceeds the upper band forecast from the eight weeks before it and holds at least `TREND_MIN_RISING` cases.
 *
 * @param counts weekly counts, oldest first, the last being the latest complete week.
 * @param lastYear the counts of the same weeks 52 weeks earlier, with `TREND_HORIZON_WEEKS` more after them (the
 *   weeks a year before the forecast weeks); null where unknown.
 */
export function weeklyTrend(counts: readonly number[], lastYear: readonly (number | null)[] = []): WeeklyTrend {
  const n = counts.length;
  const latest = n > TREND_BASE_WEEKS ? oneStep(counts, n - 1) : null;
  const level = mean(counts.slice(-TREND_BASE_WEEKS));
  const errors: number[] = [];
  for (let t = Math.max(TREND_BASE_WEEKS, n - TREND_BASE_WEEKS); t < n; t++) errors.push(counts[t] - mean(counts.slice(t - TREND_BASE_WEEKS, t)));
  const spread = Math.max(Math.sqrt(level), sd(errors));
  const base = lastYear.slice(Math.max(0, n - TREND_BASE_WEEKS), n);
  const baseMean = base.length === TREND_BASE_WEEKS && base.every((x) => x !== null) ? mean(base as number[]) : null;
  const ahead = lastYear.slice(n, n + TREND_HORIZON_WEEKS);
  const seasonal = baseMean !== null && baseMean > 0 && ahead.length === TREND_HORIZON_WEEKS && ahead.every((x) => x !== null);
  const forecast = Array.from({ length: TREND_HORIZON_WEEKS }, (_, h) => {
    const expected = seasonal ? (level * (ahead[h] as number)) / (baseMean as number) : level;
    const band = 1.96 * spread * Math.sqrt(1 + h / TREND_BASE_WEEKS);
    return { expected: round1(expected), low: round1(Math.max(0, expected - band)), high: round1(expected + band) };
  });
  return { forecast, latest, rising: latest !== null && latest.count >= TREND_MIN_RISING && latest.count > latest.high, seasonal };
}

/** Week t against the band forecast from the eight weeks before it. */
function oneStep(counts: readonly number[], t: number): { count: number; expected: number; high: number } {
  const before = counts.slice(t - TREND_BASE_WEEKS, t);
  const expected = mean(before);
  const errors: number[] = [];
  for (let s = Math.max(TREND_BASE_WEEKS, t - TREND_BASE_WEEKS); s < t; s++) errors.push(counts[s] - mean(counts.slice(s - TREND_BASE_WEEKS, s)));
  const spread = Math.max(Math.sqrt(expected), sd(errors));
  return { count: counts[t], expected: round1(expected), high: round1(expected + 1.96 * spread) };
}

const mean = (xs: readonly number[]): number => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
const sd = (xs: readonly number[]): number => {
  if (xs.length < 2) return 0;
  const m = mean(xs);
  return Math.sqrt(xs.reduce((a, x) => a + (x - m) ** 2, 0) / (xs.length - 1));
};
const round1 = (x: number): number => Math.round(x * 10) / 10;
