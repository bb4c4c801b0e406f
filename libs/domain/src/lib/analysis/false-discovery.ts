/**
 * Benjamini–Hochberg adjusted p-values (q-values): a cell whose q ≤ α is significant with the expected share of
 * false discoveries among the significant cells at most α. Order of the answer = order of the input.
 */
export function benjaminiHochberg(pValues: readonly number[]): number[] {
  const m = pValues.length;
  const order = pValues.map((p, i) => [p, i] as const).sort((a, b) => a[0] - b[0]);
  const q: number[] = new Array(m);
  let running = 1;
  for (let rank = m; rank >= 1; rank--) {
    const [p, index] = order[rank - 1];
    running = Math.min(running, (p * m) / rank);
    q[index] = running;
  }
  return q;
}
