import type { MultiPolygon, Polygon, Position } from '../geometry';

/** A closed, counterclockwise rectangle ring; test fixtures only. */
export function rectangleRing(west: number, south: number, east: number, north: number): Position[] {
  return [
    [west, south],
    [east, south],
    [east, north],
    [west, north],
    [west, south],
  ];
}

export const rectangle = (west: number, south: number, east: number, north: number): Polygon => ({
  type: 'Polygon',
  coordinates: [rectangleRing(west, south, east, north)],
});

/** 10 × 10 square at the origin with a 2 × 2 hole in its middle. */
export const squareWithHole: Polygon = {
  type: 'Polygon',
  coordinates: [rectangleRing(0, 0, 10, 10), rectangleRing(4, 4, 6, 6).reverse()],
};

/** Two unit squares 10 apart: their centroid lies between them, in neither. */
export const twoIslands: MultiPolygon = {
  type: 'MultiPolygon',
  coordinates: [[rectangleRing(0, 0, 1, 1)], [rectangleRing(10, 0, 11, 1)]],
};

/** A "C" open to the east: its area centroid falls in the mouth, outside the shape. */
export const cShape: Polygon = {
  type: 'Polygon',
  coordinates: [
    [
      [0, 0],
      [10, 0],
      [10, 2],
      [2, 2],
      [2, 8],
      [10, 8],
      [10, 10],
      [0, 10],
      [0, 0],
    ],
  ],
};
