/**
 * Getis–Ord Gi* (Getis & Ord 1992; Ord & Getis 1995) with binary weights over a neighbour list, the cell
 * itself included (w_ii = 1, the "star"):
 *
 *   Gi* = (Σ_j w_ij x_j − X̄ Σ_j w_ij) / (S · √[(n Σ_j w_ij² − (Σ_j w_ij)²) / (n − 1)])
 *
 * with X̄ the mean of all n values and S = √(Σ x_j² / n − X̄²). Gi* is itself a z-score: under the null of no
 * spatial association it is approximately standard normal. With binary weights Σ w_ij² = Σ w_ij = W_i.
 */
export interface GiStarResult {
  /** Gi* of each cell (0 where it is undefined: every value equal, or a cell that neighbours every cell). */
  z: number[];
  /** Σ_j w_ij x_j: the cell's and its neighbours' values together. */
  local: number[];
  /** W_i: the cell and its neighbours counted. */
  weight: number[];
  mean: number;
  sd: number;
}

/**
 * @param values x_j, one per cell.
 * @param neighbours for each cell, the indexes of its neighbours (itself excluded; it is added here).
 */
export function giStar(values: readonly number[], neighbours: readonly (readonly number[])[]): GiStarResult {
  const n = values.length;
  if (neighbours.length !== n) throw new RangeError('one neighbour list per value');
  const sum = values.reduce((a, b) => a + b, 0);
  const mean = n ? sum / n : 0;
  const sd = n ? Math.sqrt(Math.max(0, values.reduce((a, x) => a + x * x, 0) / n - mean * mean)) : 0;
  const z: number[] = new Array(n);
  const local: number[] = new Array(n);
  const weight: number[] = new Array(n);
  for (let i = 0; i < n; i++) {
    let s = values[i];
    const seen = new Set<number>([i]);
    for (const j of neighbours[i]) {
      if (seen.has(j)) continue; // a neighbour listed twice weighs once
      if (j < 0 || j >= n) throw new RangeError(`neighbour ${j} of cell ${i} is not a cell`);
      seen.add(j);
      s += values[j];
    }
    const w = seen.size;
    local[i] = s;
    weight[i] = w;
    const spread = (n * w - w * w) / (n - 1);
    const denominator = sd * Math.sqrt(spread);
    z[i] = n > 1 && denominator > 1e-12 ? (s - mean * w) / denominator : 0;
  }
  return { z, local, weight, mean, sd };
}
