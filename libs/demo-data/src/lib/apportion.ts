/**
 * Splits `total` into integers proportional to `weights`, each within [min, max], summing exactly to
 * `total` (largest-remainder method, ties to the earlier index so the result is deterministic).
 */
export function apportion(total: number, weights: readonly number[], min: number, max: number): number[] {
  const n = weights.length;
  if (n === 0 || total < min * n || total > max * n) {
    throw new RangeError(`cannot split ${total} into ${n} parts of ${min} to ${max}`);
  }
  const sum = weights.reduce((a, b) => a + b, 0);
  const shares = weights.map((w) => (sum > 0 ? (w / sum) * total : total / n));
  const counts = shares.map((s) => Math.min(max, Math.max(min, Math.floor(s))));
  let missing = total - counts.reduce((a, b) => a + b, 0);
  while (missing !== 0) {
    const step = Math.sign(missing);
    // Give to the part furthest below its share, or take from the one furthest above it.
    let best = -1;
    for (let i = 0; i < n; i++) {
      const movable = step > 0 ? counts[i] < max : counts[i] > min;
      if (movable && (best < 0 || step * (shares[i] - counts[i]) > step * (shares[best] - counts[best]))) best = i;
    }
    counts[best] += step;
    missing -= step;
  }
  return counts;
}

/**
 * How many children one parent may get when `perParent` is the average: from 70% to 150% of it
 * (3 to 6 grids per village for the default 400 grids over 98 villages), never below 1 and never
 * above 999, the most a 3-digit grid sequence can number.
 */
export function childCountRange(perParent: number): { min: number; max: number } {
  const min = Math.max(1, Math.round(perParent * 0.7));
  return { min, max: Math.min(999, Math.max(min, Math.round(perParent * 1.5))) };
}
