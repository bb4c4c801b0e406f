import fc from 'fast-check';
import { AreaIndex } from './area-index';
import type { AreaGeometry } from './geometry';
import { decodeOutlines, encodeOutlines, OutlineIndex, outlineRings, outlinesBounds } from './outlines';
import { cShape, rectangle, rectangleRing, squareWithHole, twoIslands } from './testing/fixtures';
import { jitteredTiling } from './testing/jittered-tiling';

describe('encodeOutlines / decodeOutlines', () => {
  it('keeps every vertex to the nearest 1/scale degree, drops the closing vertex, and deltas the coordinates', () => {
    const encoded = encodeOutlines([rectangle(108.123456, 32.5, 108.2, 32.6)]);
    expect(encoded).toEqual({ scale: 100_000, rings: [1], sizes: [4], coords: [10812346, 3250000, 7654, 0, 0, 10000, -7654, 0] });
    expect(outlineRings(decodeOutlines(encoded), 0)).toEqual([
      [
        [108.12346, 32.5],
        [108.2, 32.5],
        [108.2, 32.6],
        [108.12346, 32.6],
      ],
    ]);
  });

  it.each<[string, AreaGeometry, number]>([
    ['a polygon with a hole', squareWithHole, 2],
    ['a multipolygon', twoIslands, 2],
    ['a concave polygon', cShape, 1],
  ])('gives %s all its rings', (_name, geometry, rings) => {
    const outlines = decodeOutlines(encodeOutlines([geometry], 1));
    expect(outlines.ringStart[1] - outlines.ringStart[0]).toBe(rings);
  });

  it('merges vertices that quantize to the same point, and drops a ring that collapses', () => {
    const tiny = rectangle(1, 1, 1.000001, 1.000001);
    const jagged = { type: 'Polygon' as const, coordinates: [[[0, 0], [0.000001, 0], [1, 0], [1, 1], [0, 1], [0, 0]]] };
    const encoded = encodeOutlines([tiny, jagged]);
    expect(encoded.rings).toEqual([0, 1]);
    expect(encoded.sizes).toEqual([4]);
  });

  it('decodes areas in order, each with its box, and the box around them all', () => {
    const outlines = decodeOutlines(encodeOutlines([rectangle(0, 0, 1, 1), rectangle(5, -2, 6, 3)], 10));
    expect(outlines.count).toBe(2);
    expect([...outlines.bbox]).toEqual([0, 0, 1, 1, 5, -2, 6, 3]);
    expect(outlinesBounds(outlines)).toEqual([0, -2, 6, 3]);
    expect(outlinesBounds(decodeOutlines(encodeOutlines([])))).toBeNull();
  });

  it.each([
    ['more sizes than rings', { scale: 1, rings: [1], sizes: [3, 3], coords: new Array(12).fill(0) }],
    ['fewer coordinates than vertices', { scale: 1, rings: [1], sizes: [3], coords: [0, 0, 1, 0] }],
    ['no scale', { scale: 0, rings: [], sizes: [], coords: [] }],
  ])('refuses %s', (_name, encoded) => {
    expect(() => decodeOutlines(encoded)).toThrow(RangeError);
  });

  it('shares quantized vertices between neighbours exactly as the source shares them', () => {
    const tiles = jitteredTiling(6, 5, [108.7, 32.6, 108.9, 32.8]);
    const outlines = decodeOutlines(encodeOutlines(tiles.map((t) => t.boundary)));
    const key = (v: number) => `${outlines.lng[v]},${outlines.lat[v]}`;
    const seen = new Map<string, number>();
    for (let v = 0; v < outlines.lng.length; v++) seen.set(key(v), (seen.get(key(v)) ?? 0) + 1);
    // An inner lattice corner belongs to four cells; an inner edge's midpoint to two.
    expect(Math.max(...seen.values())).toBe(4);
  });
});

describe('OutlineIndex.locate', () => {
  const outlines = decodeOutlines(
    encodeOutlines(
      [squareWithHole, { type: 'MultiPolygon', coordinates: twoIslands.coordinates.map((p) => [p[0].map(([x, y]) => [x + 20, y])]) }, { type: 'Polygon', coordinates: [rectangleRing(40, 0, 41, 1)] }, { type: 'Polygon', coordinates: [[[50, 50], [50, 50], [50, 50]]] }],
      1000,
    ),
  );
  const index = OutlineIndex.build(outlines);

  it.each([
    ['inside a polygon', 2, 2, 0],
    ['inside its hole', 5, 5, -1],
    ['in the first part of a multipolygon', 20.5, 0.5, 1],
    ['in its second part', 30.5, 0.5, 1],
    ['between its parts', 25, 0.5, -1],
    ['in the last area', 40.5, 0.5, 2],
    ['where an area collapsed to nothing', 50, 50, -1],
    ['outside every area', -5, -5, -1],
    ['at NaN', Number.NaN, 1, -1],
  ])('%s', (_name, lng, lat, expected) => {
    expect(index.locate(lng, lat)).toBe(expected);
  });

  it('finds nothing among no areas', () => {
    expect(OutlineIndex.build(decodeOutlines(encodeOutlines([]))).locate(0, 0)).toBe(-1);
  });

  it('agrees with AreaIndex off the edges of a tiling', () => {
    const tiles = jitteredTiling(8, 8, [108.7, 32.6, 108.9, 32.8]);
    const exact = AreaIndex.build(tiles);
    // A scale fine enough that quantization moves no vertex.
    const quick = OutlineIndex.build(decodeOutlines(encodeOutlines(tiles.map((t) => t.boundary), 1e9)));
    fc.assert(
      fc.property(fc.double({ min: 108.69, max: 108.91, noNaN: true }), fc.double({ min: 32.59, max: 32.81, noNaN: true }), (lng, lat) => {
        // Points on or next to a shared edge may go either way: only those well inside one area (or none) count.
        const around = [[1e-7, 0], [-1e-7, 0], [0, 1e-7], [0, -1e-7]].map(([dx, dy]) => exact.locate({ lng: lng + dx, lat: lat + dy }));
        fc.pre(around.every((id) => id === around[0]));
        const found = quick.locate(lng, lat);
        expect(found === -1 ? null : tiles[found].id).toBe(exact.locate({ lng, lat }));
      }),
      { seed: 20261123, numRuns: 2000 },
    );
  });
});
