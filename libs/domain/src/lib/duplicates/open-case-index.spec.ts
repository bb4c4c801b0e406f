import { distanceMeters } from '@grid/geo';
import { findDuplicateCandidates } from './find-duplicate-candidates';
import { OpenCaseIndex, type OpenCaseEntry } from './open-case-index';

const AT = '2026-11-23T01:00:00.000Z';
const entry = (id: string, lat: number, lng: number, categoryCode = 'city.litter'): OpenCaseEntry => ({ id, categoryCode, location: { lat, lng }, reportedAt: AT });

/** A small deterministic generator, so that a failure names the same cases every run. */
function random(seed: number): () => number {
  let s = seed;
  return () => ((s = (s * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
}

describe('OpenCaseIndex', () => {
  it.each([
    ['150 m at 32.7N', 150, 32.7, 108.9],
    ['1 km at 45.8N (Harbin)', 1_000, 45.8, 126.6],
    ['30 m at 18.2N (Sanya), west of a cell boundary', 30, 18.2, 109.5],
  ])('finds every case within the radius, as a scan of all cases would (%s)', (_name, radius, lat, lng) => {
    const next = random(radius);
    const index = new OpenCaseIndex(radius);
    const all: OpenCaseEntry[] = [];
    const spread = (radius * 6) / 111_320; // cases up to three radii away on each side
    for (let i = 0; i < 600; i++) {
      const e = entry(`c${i}`, lat + (next() - 0.5) * spread, lng + (next() - 0.5) * spread, i % 3 ? 'city.litter' : 'city.posters');
      all.push(e);
      index.put(e);
    }
    for (let i = 0; i < 60; i++) {
      const probe = { categoryCode: 'city.litter', location: { lat: lat + (next() - 0.5) * spread, lng: lng + (next() - 0.5) * spread }, reportedAt: AT };
      const near = index.near(probe.categoryCode, probe.location);
      const within = all.filter((c) => c.categoryCode === probe.categoryCode && distanceMeters(c.location, probe.location) <= radius);
      expect(near.map((c) => c.id)).toEqual(expect.arrayContaining(within.map((c) => c.id)));
      expect(near.every((c) => c.categoryCode === probe.categoryCode)).toBe(true);
      // ... and reads only the cells around the point, not the whole category.
      expect(near.length).toBeLessThan(all.length / 3);
      const options = { radiusMeters: radius, windowHours: 72 };
      expect(findDuplicateCandidates(probe, near, options)).toEqual(findDuplicateCandidates(probe, all, options));
    }
  });

  it('moves a case that is put again, forgets one that is gone, and counts what it holds', () => {
    const index = new OpenCaseIndex(150);
    index.put(entry('a', 32.7, 108.9));
    index.put(entry('b', 32.7, 108.9));
    expect(index.size).toBe(2);
    index.put(entry('a', 32.8, 108.9)); // 11 km north
    expect(index.size).toBe(2);
    expect(index.near('city.litter', { lat: 32.7, lng: 108.9 }).map((c) => c.id)).toEqual(['b']);
    expect(index.near('city.litter', { lat: 32.8, lng: 108.9 }).map((c) => c.id)).toEqual(['a']);
    index.apply({ kind: 'gone', id: 'b' });
    index.apply({ kind: 'gone', id: 'never-there' });
    expect(index.near('city.litter', { lat: 32.7, lng: 108.9 })).toEqual([]);
    index.apply({ kind: 'open', entry: entry('c', 32.7, 108.9, 'city.posters') });
    expect(index.near('city.litter', { lat: 32.7, lng: 108.9 })).toEqual([]);
    expect(index.near('city.posters', { lat: 32.7, lng: 108.9 }).map((c) => c.id)).toEqual(['c']);
    expect(index.size).toBe(2);
  });

  it('refuses a radius of zero (duplicate detection is off: there is nothing to index)', () => {
    expect(() => new OpenCaseIndex(0)).toThrow(RangeError);
  });
});
