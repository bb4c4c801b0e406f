/** Paired departments first (in pairing order), then the others as listed. */
export function orderPaired<D extends { id: string }>(list: readonly D[], paired: readonly string[]): D[] {
  const rank = (d: D) => (paired.includes(d.id) ? paired.indexOf(d.id) : paired.length);
  return [...list].sort((a, b) => rank(a) - rank(b));
}
