import { isValidBoundary } from './is-valid-boundary';
import { rectangle, rectangleRing, squareWithHole, twoIslands } from './testing/fixtures';

const polygon = (...rings: unknown[]) => ({ type: 'Polygon', coordinates: rings });

describe('isValidBoundary', () => {
  it.each([
    ['a polygon', rectangle(108.7, 32.7, 108.8, 32.8)],
    ['a polygon with a hole', squareWithHole],
    ['a MultiPolygon', twoIslands],
    ['positions with an altitude', polygon(rectangleRing(0, 0, 1, 1).map(([x, y]) => [x, y, 400]))],
    ['the extremes of the ranges', polygon(rectangleRing(-180, -90, 180, 90))],
  ])('accepts %s', (_name, geometry) => {
    expect(isValidBoundary(geometry)).toEqual([]);
  });

  it.each([
    ['null', null, 'the boundary is not an object'],
    ['a string', 'Polygon', 'the boundary is not an object'],
    ['a Point', { type: 'Point', coordinates: [0, 0] }, 'type must be "Polygon" or "MultiPolygon", not "Point"'],
    ['a polygon without rings', polygon(), 'coordinates: a polygon needs at least one ring'],
    ['a MultiPolygon without polygons', { type: 'MultiPolygon', coordinates: [] }, 'coordinates: a MultiPolygon needs at least one polygon'],
    ['a ring of 3 positions', polygon([[0, 0], [1, 0], [0, 0]]), 'coordinates[0]: a ring needs at least 4 positions'],
    ['an open ring', polygon([[0, 0], [1, 0], [1, 1], [0, 1]]), 'coordinates[0]: the ring is not closed (its last position must repeat its first)'],
    ['a NaN latitude', polygon([[0, 0], [1, Number.NaN], [1, 1], [0, 0]]), 'coordinates[0][1]: longitude and latitude must be finite numbers'],
    ['a string coordinate', polygon([[0, 0], ['1', 0], [1, 1], [0, 0]]), 'coordinates[0][1]: longitude and latitude must be finite numbers'],
    ['a bare number as position', polygon([[0, 0], 1, [1, 1], [0, 0]]), 'coordinates[0][1]: a position must be [longitude, latitude]'],
    ['a longitude of 200', polygon([[0, 0], [200, 0], [1, 1], [0, 0]]), 'coordinates[0][1]: longitude 200 is outside [-180, 180]'],
    ['a latitude of -95', polygon([[0, 0], [1, -95], [1, 1], [0, 0]]), 'coordinates[0][1]: latitude -95 is outside [-90, 90]'],
    ['a bad hole in the 2nd polygon', { type: 'MultiPolygon', coordinates: [[rectangleRing(0, 0, 1, 1)], [rectangleRing(2, 0, 3, 1), [[0, 0]]]] }, 'coordinates[1][1]: a ring needs at least 4 positions'],
  ])('rejects %s', (_name, geometry, problem) => {
    expect(isValidBoundary(geometry)).toEqual([problem]);
  });

  it('lists at most 20 problems and counts the rest', () => {
    const ring = Array.from({ length: 30 }, (_, i) => [200 + i, 0]);
    const problems = isValidBoundary(polygon([...ring, ring[0]]));
    expect(problems).toHaveLength(21);
    expect(problems[20]).toBe('… and 11 more problems');
  });
});
