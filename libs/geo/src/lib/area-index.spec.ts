import fc from 'fast-check';
import { AreaIndex, type AreaIndexEntry } from './area-index';
import { centroidOf } from './centroid-of';
import type { BBox } from './geometry';
import { classifyPoint } from './point-in-geometry';
import { cShape, rectangle, squareWithHole, twoIslands } from './testing/fixtures';
import { jitteredTiling } from './testing/jittered-tiling';

const at = (lng: number, lat: number) => ({ lng, lat });

describe('AreaIndex.locate on single shapes', () => {
  const index = AreaIndex.build([
    { id: 'holed', boundary: squareWithHole },
    { id: 'islands', boundary: { type: 'MultiPolygon', coordinates: twoIslands.coordinates.map((p) => [p[0].map(([x, y]) => [x + 20, y])]) } },
    { id: 'c', boundary: { type: 'Polygon', coordinates: [cShape.coordinates[0].map(([x, y]) => [x, y + 20])] } },
  ]);

  it.each([
    ['strictly inside', at(2, 2), 'holed'],
    ['on an outer edge', at(0, 5), 'holed'],
    ['on an outer vertex', at(10, 10), 'holed'],
    ['inside the hole', at(5, 5), null],
    ['on the hole ring', at(4, 5), 'holed'],
    ['on a hole vertex', at(6, 6), 'holed'],
    ['in the first part of a MultiPolygon', at(20.5, 0.5), 'islands'],
    ['in the second part of a MultiPolygon', at(30.5, 0.5), 'islands'],
    ['between the parts of a MultiPolygon', at(25, 0.5), null],
    ['in the arm of a concave shape', at(5, 21), 'c'],
    ['in the mouth of a concave shape', at(6, 25), null],
    ['outside every area', at(50, 50), null],
    ['just outside an edge', at(-1e-9, 5), null],
  ])('%s', (_name, point, expected) => {
    expect(index.locate(point)).toBe(expected);
  });

  it.each([
    ['NaN latitude', at(2, Number.NaN)],
    ['NaN longitude', at(Number.NaN, 2)],
    ['infinite longitude', at(Number.POSITIVE_INFINITY, 2)],
    ['latitude above 90', at(2, 90.5)],
    ['longitude below -180', at(-180.5, 2)],
  ])('returns null for %s', (_name, point) => {
    expect(index.locate(point)).toBeNull();
  });

  it('counts its areas', () => {
    expect(index.size).toBe(3);
  });
});

describe('AreaIndex.locate where areas touch', () => {
  // Four unit squares meeting at (1, 1): sw, se, nw, ne.
  const quadrants: AreaIndexEntry[] = [
    { id: 'sw', boundary: rectangle(0, 0, 1, 1) },
    { id: 'se', boundary: rectangle(1, 0, 2, 1) },
    { id: 'nw', boundary: rectangle(0, 1, 1, 2) },
    { id: 'ne', boundary: rectangle(1, 1, 2, 2) },
  ];

  it.each([
    ['a shared edge', at(1, 0.5), ['sw', 'se']],
    ['a vertex shared by four', at(1, 1), ['sw', 'se', 'nw', 'ne']],
    ['a vertex shared by two on the outline', at(1, 0), ['sw', 'se']],
  ])('on %s answers the area built first', (_name, point, sharing) => {
    for (const first of sharing) {
      const ordered = [...quadrants.filter((q) => q.id === first), ...quadrants.filter((q) => q.id !== first)];
      const index = AreaIndex.build(ordered);
      expect(index.locate(point)).toBe(first);
      // Same index, same answer: no hidden state.
      expect(index.locate(point)).toBe(first);
    }
  });

  it('answers the area built first where areas overlap', () => {
    const big = { id: 'big', boundary: rectangle(0, 0, 10, 10) };
    const small = { id: 'small', boundary: rectangle(2, 2, 3, 3) };
    expect(AreaIndex.build([small, big]).locate(at(2.5, 2.5))).toBe('small');
    expect(AreaIndex.build([big, small]).locate(at(2.5, 2.5))).toBe('big');
  });
});

describe('AreaIndex.build', () => {
  it('gives an empty index that finds nothing', () => {
    const index = AreaIndex.build([]);
    expect(index.size).toBe(0);
    expect(index.locate(at(0, 0))).toBeNull();
  });

  it('refuses a repeated id', () => {
    const a = { id: 'a', boundary: rectangle(0, 0, 1, 1) };
    expect(() => AreaIndex.build([a, a])).toThrow(/a appears twice/);
  });

  it('refuses an invalid boundary, naming the area', () => {
    const open = { type: 'Polygon' as const, coordinates: [[[0, 0], [1, 0], [1, 1], [0, 1]]] };
    expect(() => AreaIndex.build([{ id: 'open', boundary: open }])).toThrow(/open: coordinates\[0\]/);
  });
});

describe('AreaIndex over a 10,000-cell tiling', () => {
  const box: BBox = [108.696, 32.642, 108.904, 32.818];
  const entries = jitteredTiling(100, 100, box);
  const index = AreaIndex.build(entries);
  const byId = new Map(entries.map((e) => [e.id, e.boundary]));

  it('holds every cell', () => {
    expect(index.size).toBe(10_000);
  });

  it('finds every cell from its own centroid', () => {
    const misplaced = entries.filter((e) => index.locate(centroidOf(e.boundary)) !== e.id);
    expect(misplaced.map((e) => e.id)).toEqual([]);
  });

  it('puts every point of the box in exactly one cell, which contains it', () => {
    const [west, south, east, north] = box;
    fc.assert(
      fc.property(
        fc.double({ min: west, max: east, noNaN: true }),
        fc.double({ min: south, max: north, noNaN: true }),
        (lng, lat) => {
          const point = at(lng, lat);
          const id = index.locate(point);
          expect(id).not.toBeNull();
          expect(classifyPoint(point, byId.get(id ?? '') ?? rectangle(0, 0, 0, 0))).not.toBe('outside');
          // No overlaps: at most one cell has the point in its interior.
          expect(entries.filter((e) => classifyPoint(point, e.boundary) === 'inside').length).toBeLessThanOrEqual(1);
        },
      ),
      { numRuns: 200, seed: 20261123 },
    );
  });
});
