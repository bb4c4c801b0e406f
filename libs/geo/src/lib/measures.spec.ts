import { areaSquareMeters } from './area-square-meters';
import { bboxOf } from './bbox-of';
import type { AreaGeometry } from './geometry';
import { ringSignedArea } from './ring';
import { rectangle, rectangleRing, squareWithHole, twoIslands } from './testing/fixtures';
import { jitteredTiling } from './testing/jittered-tiling';

// One degree is 111,195 m on the mean-radius sphere; longitude shrinks with cos(latitude).
const DEG = 111_195.08;

describe('ringSignedArea', () => {
  it.each([
    ['counterclockwise', rectangleRing(0, 0, 2, 3), 6],
    ['clockwise', rectangleRing(0, 0, 2, 3).reverse(), -6],
    ['open (no closing position)', rectangleRing(0, 0, 2, 3).slice(0, -1), 6],
    ['far from the origin', rectangleRing(108.7, 32.7, 108.701, 32.701), 1e-6],
    ['too short', [[0, 0], [1, 1]], 0],
  ])('of a %s ring', (_name, ring, expected) => {
    expect(ringSignedArea(ring)).toBeCloseTo(expected, 15);
  });
});

describe('bboxOf', () => {
  it.each<[string, AreaGeometry, number[]]>([
    ['a polygon', squareWithHole, [0, 0, 10, 10]],
    ['a MultiPolygon', twoIslands, [0, 0, 11, 1]],
    ['a real place', rectangle(108.696, 32.642, 108.904, 32.818), [108.696, 32.642, 108.904, 32.818]],
  ])('of %s', (_name, geometry, expected) => {
    expect(bboxOf(geometry)).toEqual(expected);
  });
});

describe('areaSquareMeters', () => {
  const cos = (lat: number) => Math.cos((lat * Math.PI) / 180);

  it.each<[string, AreaGeometry, number]>([
    ['a 0.01° square at the equator', rectangle(0, -0.005, 0.01, 0.005), (0.01 * DEG) ** 2],
    ['a 0.01° square at 32.73N', rectangle(108.8, 32.725, 108.81, 32.735), (0.01 * DEG) ** 2 * cos(32.73)],
    ['the Hengkou box (about 382 km²)', rectangle(108.696, 32.642, 108.904, 32.818), 0.208 * 0.176 * DEG ** 2 * cos(32.73)],
    ['a square with a hole, in degrees²', squareWithHole, 96 * DEG ** 2 * cos(5)],
    ['a MultiPolygon, in degrees²', twoIslands, 2 * DEG ** 2 * cos(0.5)],
  ])('of %s', (_name, geometry, expected) => {
    expect(areaSquareMeters(geometry) / expected).toBeCloseTo(1, 4);
  });

  it('does not depend on winding order', () => {
    const reversed: AreaGeometry = { type: 'Polygon', coordinates: squareWithHole.coordinates.map((r) => [...r].reverse()) };
    expect(areaSquareMeters(reversed)).toBeCloseTo(areaSquareMeters(squareWithHole), 3);
  });
});

describe('jitteredTiling (the test and benchmark fixture)', () => {
  it('covers its box exactly with counterclockwise cells', () => {
    const cells = jitteredTiling(20, 10, [0, 0, 20, 10]);
    const areas = cells.map((c) => (c.boundary.type === 'Polygon' ? ringSignedArea(c.boundary.coordinates[0]) : 0));
    expect(Math.min(...areas)).toBeGreaterThan(0);
    expect(areas.reduce((a, b) => a + b, 0)).toBeCloseTo(200, 9);
  });
});
