import type { AreaGeometry } from './geometry';
import { classifyPoint, pointInGeometry, type PointLocation } from './point-in-geometry';
import { rectangleRing, squareWithHole, twoIslands } from './testing/fixtures';

const adjacentParts: AreaGeometry = {
  type: 'MultiPolygon',
  coordinates: [[rectangleRing(0, 0, 1, 1)], [rectangleRing(1, 0, 2, 1)]],
};

describe('classifyPoint and pointInGeometry', () => {
  it.each<[string, AreaGeometry, number, number, PointLocation]>([
    ['inside', squareWithHole, 1, 1, 'inside'],
    ['on an outer edge', squareWithHole, 10, 3, 'boundary'],
    ['on an outer vertex', squareWithHole, 0, 0, 'boundary'],
    ['inside the hole', squareWithHole, 5, 5, 'outside'],
    ['on the hole ring', squareWithHole, 5, 6, 'boundary'],
    ['outside', squareWithHole, -1, 5, 'outside'],
    ['in a MultiPolygon part', twoIslands, 10.5, 0.5, 'inside'],
    ['between MultiPolygon parts', twoIslands, 5, 0.5, 'outside'],
    ['on an edge two parts share', adjacentParts, 1, 0.5, 'boundary'],
    ['at NaN', squareWithHole, Number.NaN, 1, 'outside'],
    ['out of range', squareWithHole, 1, -91, 'outside'],
  ])('a point %s', (_name, geometry, lng, lat, expected) => {
    expect(classifyPoint({ lng, lat }, geometry)).toBe(expected);
    expect(pointInGeometry({ lng, lat }, geometry)).toBe(expected !== 'outside');
  });
});
