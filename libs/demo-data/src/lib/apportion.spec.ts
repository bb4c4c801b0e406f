import { apportion, childCountRange } from './apportion';
import { mulberry32 } from './random';

describe('apportion', () => {
  it.each([
    ['equal weights', 10, [1, 1, 1, 1, 1], 1, 10, [2, 2, 2, 2, 2]],
    ['proportional', 10, [1, 2, 2], 1, 10, [2, 4, 4]],
    ['largest remainder, ties to the first', 10, [1, 1, 1], 1, 10, [4, 3, 3]],
    ['raised to the minimum', 10, [100, 1, 1], 2, 10, [6, 2, 2]],
    ['cut to the maximum', 10, [100, 1, 1], 1, 4, [4, 3, 3]],
    ['zero weights', 4, [0, 0], 1, 4, [2, 2]],
  ])('%s', (_name, total, weights, min, max, expected) => {
    expect(apportion(total, weights, min, max)).toEqual(expected);
  });

  it.each([
    ['too few', 2, [1, 1, 1], 1, 5],
    ['too many', 16, [1, 1, 1], 1, 5],
    ['no parts', 1, [], 1, 5],
  ])('refuses %s', (_name, total, weights, min, max) => {
    expect(() => apportion(total, weights, min, max)).toThrow(RangeError);
  });
});

describe('childCountRange', () => {
  it.each([
    [400 / 98, 3, 6],
    [98 / 10, 7, 15],
    [1, 1, 2],
    [10_000 / 98, 71, 153],
    [900, 630, 999],
  ])('for an average of %d: %d to %d', (per, min, max) => {
    expect(childCountRange(per)).toEqual({ min, max });
  });
});

describe('mulberry32', () => {
  it('repeats its sequence for a seed and stays in [0, 1)', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const drawn = Array.from({ length: 1000 }, () => a());
    expect(Array.from({ length: 1000 }, () => b())).toEqual(drawn);
    expect(Math.min(...drawn)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...drawn)).toBeLessThan(1);
    expect(mulberry32(43)()).not.toBe(drawn[0]);
  });
});
