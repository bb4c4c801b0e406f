/** The hotline's category names, compared without spaces and case: "市容环境 / 乱堆放" and "市容环境/乱堆放" are one. */
export function normalizeHotlineCategory(text: string): string {
  return text.replace(/\s+/g, '').toLowerCase();
}

/**
 * Our category for the hotline's: the mapping of its exact (normalised) text, else of its most specific part
 * (hotlines send paths such as 城市管理/市容环境/乱堆放, the last part first), else the default (`*`), flagged.
 */
export function mapHotlineCategory(text: string, mappings: ReadonlyMap<string, string>, defaultKey = '*'): { categoryCode: string | null; unmapped: boolean } {
  const key = normalizeHotlineCategory(text);
  const exact = mappings.get(key);
  if (exact) return { categoryCode: exact, unmapped: false };
  const parts = key.split(/[/>|\\-]+/).filter(Boolean).reverse();
  for (const part of parts) {
    const code = mappings.get(part);
    if (code) return { categoryCode: code, unmapped: false };
  }
  return { categoryCode: mappings.get(defaultKey) ?? null, unmapped: true };
}
