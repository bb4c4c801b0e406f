import { adjacencyOf } from './adjacency';
import type { Polygon } from './geometry';

const D = 0.01; // about 1 km
const square = (west: number, south: number, size = D): Polygon => ({
  type: 'Polygon',
  coordinates: [
    [
      [west, south],
      [west + size, south],
      [west + size, south + size],
      [west, south + size],
      [west, south],
    ],
  ],
});

describe('adjacencyOf', () => {
  it('links squares of a 3 × 3 block by sides and corners (queen contiguity)', () => {
    const squares = [0, 1, 2].flatMap((r) => [0, 1, 2].map((c) => square(108.7 + c * D, 32.7 + r * D)));
    const result = adjacencyOf(squares);
    expect(result[4]).toEqual([0, 1, 2, 3, 5, 6, 7, 8]);
    expect(result[0]).toEqual([1, 3, 4]);
    expect(result[8]).toEqual([4, 5, 7]);
  });

  it('links a shape whose corner lies on the other’s edge (no shared vertex)', () => {
    const big = square(108.7, 32.7, 2 * D);
    const small = square(108.7 + 2 * D, 32.7 + D / 2, D / 2); // its west edge on big's east edge, mid-way
    expect(adjacencyOf([big, small])).toEqual([[1], [0]]);
  });

  it('links across a gap within the tolerance, not beyond it', () => {
    const a = square(108.7, 32.7);
    const near = square(108.7 + D + 0.00002, 32.7); // about 2 m away
    const far = square(108.7 + D + 0.0002, 32.7); // about 19 m away
    expect(adjacencyOf([a, near])).toEqual([[1], [0]]);
    expect(adjacencyOf([a, far])).toEqual([[], []]);
  });

  it('answers nothing for nothing and for one shape', () => {
    expect(adjacencyOf([])).toEqual([]);
    expect(adjacencyOf([square(108.7, 32.7)])).toEqual([[]]);
  });
});
