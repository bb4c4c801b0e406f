/** A named place of the territory (a village, community or grid) with the point a case there is placed at. */
export interface AddressPlace {
  id: string;
  name: string;
  lat: number;
  lng: number;
}

export type AddressMatch = { ok: true; place: AddressPlace; matched: string } | { ok: false; reason: 'no_match' | 'ambiguous'; candidates: string[] };

/** Suffixes of official names an address leaves out: 老街社区居委会 is written 老街社区. */
const OFFICIAL_SUFFIXES = ['居民委员会', '村民委员会', '居委会', '村委会'];

function shortNames(name: string): string[] {
  const compact = name.replace(/\s+/g, '');
  const names = new Set([compact]);
  for (const suffix of OFFICIAL_SUFFIXES) if (compact.endsWith(suffix) && compact.length - suffix.length >= 2) names.add(compact.slice(0, -suffix.length));
  return [...names];
}

/**
 * Geocodes an address against the territory's own place names, without an external geocoder: the most specific
 * place the address names (the longest matching name, so a grid 老街社区第1网格 wins over its village 老街社区).
 * Two different places matching equally well are ambiguous: the front desk decides, not a guess.
 */
export function matchAddress(address: string, places: readonly AddressPlace[]): AddressMatch {
  const text = address.replace(/\s+/g, '');
  let best: { place: AddressPlace; matched: string }[] = [];
  for (const place of places) {
    for (const name of shortNames(place.name)) {
      if (name.length < 2 || !text.includes(name)) continue;
      const length = best[0]?.matched.length ?? 0;
      if (name.length > length) best = [{ place, matched: name }];
      else if (name.length === length && !best.some((b) => b.place.id === place.id)) best.push({ place, matched: name });
    }
  }
  if (best.length === 1) return { ok: true, ...best[0] };
  return { ok: false, reason: best.length ? 'ambiguous' : 'no_match', candidates: best.map((b) => b.place.name) };
}
