import { ringSignedArea } from '@grid/geo';
import { mulberry32 } from '../random';
import { clipConvex, type Point, strictlyInsideConvex } from './convex-clip';
import { snapRings } from './snap-rings';
import { orderAroundCentre, planarArea, planarCentroid, relaxedCells } from './voronoi-cells';

const square = (x0: number, y0: number, size: number): Point[] => [
  [x0, y0],
  [x0 + size, y0],
  [x0 + size, y0 + size],
  [x0, y0 + size],
];

describe('clipConvex', () => {
  it.each<[string, Point[], Point[], number]>([
    ['overlapping squares', square(0, 0, 2), square(1, 1, 2), 1],
    ['a square inside', square(1, 1, 1), square(0, 0, 4), 1],
    ['disjoint squares', square(0, 0, 1), square(5, 5, 1), 0],
    ['squares sharing an edge', square(0, 0, 1), square(1, 0, 1), 0],
    ['a clockwise clip polygon', square(0, 0, 2), square(1, 1, 2).reverse(), 1],
    ['a triangle', square(0, 0, 2), [[0, 0], [2, 0], [0, 2]], 2],
  ])('clips %s', (_name, subject, clip, area) => {
    expect(planarArea(clipConvex(subject, clip))).toBeCloseTo(area, 12);
  });

  it('leaves no near-duplicate points where the subject touches the clip line', () => {
    const clipped = clipConvex(square(0, 0, 1), square(0, 0, 1));
    expect(clipped).toHaveLength(4);
  });
});

describe('strictlyInsideConvex', () => {
  it.each<[Point, boolean]>([
    [[0.5, 0.5], true],
    [[0, 0.5], false],
    [[1.5, 0.5], false],
  ])('%j in the unit square: %s', (p, inside) => {
    expect(strictlyInsideConvex(p, square(0, 0, 1))).toBe(inside);
    expect(strictlyInsideConvex(p, square(0, 0, 1).reverse())).toBe(inside);
  });
});

describe('relaxedCells', () => {
  it('splits a region into cells that cover it, without slivers', () => {
    const region = square(0, 0, 10);
    const cells = relaxedCells(12, region, mulberry32(1));
    expect(cells).toHaveLength(12);
    expect(cells.reduce((sum, c) => sum + planarArea(c), 0)).toBeCloseTo(100, 9);
    expect(Math.min(...cells.map(planarArea))).toBeGreaterThan(100 / 12 / 4);
  });

  it('returns the region itself for one cell', () => {
    expect(relaxedCells(1, square(0, 0, 1), mulberry32(1))).toEqual([square(0, 0, 1)]);
  });
});

describe('orderAroundCentre', () => {
  it('puts the central cell first, then goes clockwise from north', () => {
    const cells = [square(-0.5, -3.5, 1), square(2.5, -0.5, 1), square(-0.5, -0.5, 1), square(-3.5, -0.5, 1), square(-0.5, 2.5, 1)];
    const order = orderAroundCentre(cells, [0, 0]).map((c) => planarCentroid(c).map((v) => Math.round(v) + 0)); // + 0 turns -0 into 0
    expect(order).toEqual([[0, 0], [0, 3], [3, 0], [0, -3], [-3, 0]]);
  });
});

describe('snapRings', () => {
  it('inserts a neighbour’s corner into the edge it lies on (a T-junction)', () => {
    // One big cell to the west; two small ones to the east share its east edge, meeting at y = 1/3.
    const third = 1 / 3;
    const rings = snapRings([
      [[0, 0], [1, 0], [1, 1], [0, 1]],
      [[1, 0], [2, 0], [2, third], [1, third]],
      [[1, third], [2, third], [2, 1], [1, 1]],
    ]);
    expect(rings[0]).toEqual([[0, 0], [1, 0], [1, 0.333333], [1, 1], [0, 1], [0, 0]]);
    expect(rings[1]).toContainEqual([1, 0.333333]);
  });

  it('merges copies of a corner that rounded one step apart, and winds rings counterclockwise', () => {
    const rings = snapRings([
      [[0, 0], [0, 1], [1, 0.0000005]],
      [[1, 0.00000049999], [0, 1], [1, 1]],
    ]);
    for (const ring of rings) {
      expect(ring).toContainEqual([1, 0.000001]);
      expect(ring).not.toContainEqual([1, 0]);
    }
    expect(rings.map((r) => Math.sign(ringSignedArea(r)))).toEqual([1, 1]);
  });

  it('leaves out of an edge a corner 0.15 m beside it (not on it)', () => {
    // Snapping after rounding took any corner within 0.2 m as lying on the edge: at 15,000 grids that put a
    // 10 m² sliver of a grid outside its village.
    const rings = snapRings([
      [[0, 0], [1, 0], [1, 1], [0, 1]],
      [[1, 0], [2, 0], [2, 1], [1, 1], [1.0000015, 0.5]],
    ]);
    expect(rings[0]).toEqual([[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]);
  });

  it('drops the spike left where two corners of a ring round to one point', () => {
    // At 10,000 grids a cell went out to a corner 0.3 m away and straight back, and crossed itself.
    const rings = snapRings([[[0, 0], [1, 0], [1, 1], [0.50000004, 1], [0.5, 1.0000003], [0.49999996, 1], [0, 1]]]);
    expect(rings[0]).toEqual([[0, 0], [1, 0], [1, 1], [0.5, 1], [0, 1], [0, 0]]);
  });
});
