/**
 * The standard normal distribution's tails, for the p-values of z-scores.
 *
 * `erfc` is the Chebyshev fit of Numerical Recipes (`erfcc`, fractional error below 1.2e-7 everywhere): it is
 * computed as the tail itself, so a p-value of 1e-12 keeps its magnitude instead of rounding to 0 as `1 − Φ(z)`
 * would.
 */
export function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}

/** P(Z > z) for a standard normal Z. */
export const upperTail = (z: number): number => 0.5 * erfc(z / Math.SQRT2);

/** The two-sided p-value of a z-score: P(|Z| ≥ |z|). */
export const twoSidedP = (z: number): number => Math.min(1, 2 * upperTail(Math.abs(z)));
