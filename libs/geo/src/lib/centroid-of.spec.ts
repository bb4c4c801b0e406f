import { centroidOf } from './centroid-of';
import type { AreaGeometry } from './geometry';
import { classifyPoint } from './point-in-geometry';
import { cShape, rectangle, rectangleRing, squareWithHole, twoIslands } from './testing/fixtures';

describe('centroidOf', () => {
  it.each<[string, AreaGeometry, { lng: number; lat: number }]>([
    ['a rectangle', rectangle(108.7, 32.7, 108.8, 32.8), { lng: 108.75, lat: 32.75 }],
    ['a clockwise rectangle', { type: 'Polygon', coordinates: [rectangleRing(0, 0, 4, 2).reverse()] }, { lng: 2, lat: 1 }],
    // 4×2 block at the west plus 2×2 block at the east: (8·(2,1) + 4·(5,1)) / 12 = (3, 1)
    ['an L-free union of rectangles', { type: 'MultiPolygon', coordinates: [[rectangleRing(0, 0, 4, 2)], [rectangleRing(4, 0, 6, 2)]] }, { lng: 3, lat: 1 }],
    // 10×10 square minus the 2×2 hole at x 6..8: (100·5 − 4·7) / 96
    [
      'a square with an off-centre hole',
      { type: 'Polygon', coordinates: [rectangleRing(0, 0, 10, 10), rectangleRing(6, 4, 8, 6)] },
      { lng: (500 - 28) / 96, lat: 5 },
    ],
  ])('is the area-weighted centroid of %s', (_name, geometry, expected) => {
    const c = centroidOf(geometry);
    expect(c.lng).toBeCloseTo(expected.lng, 9);
    expect(c.lat).toBeCloseTo(expected.lat, 9);
  });

  it.each<[string, AreaGeometry]>([
    ['a concave C whose centroid is in its mouth', cShape],
    ['a square whose centre is a hole', squareWithHole],
    ['a MultiPolygon whose centroid is between its parts', twoIslands],
  ])('falls back to a point strictly inside for %s', (_name, geometry) => {
    expect(classifyPoint(centroidOf(geometry), geometry)).toBe('inside');
  });

  it('returns the vertex mean of a zero-area ring', () => {
    const flat: AreaGeometry = { type: 'Polygon', coordinates: [[[0, 0], [2, 0], [4, 0], [0, 0]]] };
    expect(centroidOf(flat)).toEqual({ lng: 2, lat: 0 });
  });

  it('refuses a geometry without positions', () => {
    expect(() => centroidOf({ type: 'MultiPolygon', coordinates: [] })).toThrow(RangeError);
  });
});
