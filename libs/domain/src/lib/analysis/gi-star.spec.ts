import { benjaminiHochberg } from './false-discovery';
import { giStar } from './gi-star';
import { twoSidedP, upperTail } from './normal-tail';

/** Five cells in a row, 0–1–2–3–4, with counts 0, 0, 0, 3, 6 (worked by hand below). */
const ROW = [[1], [0, 2], [1, 3], [2, 4], [3]];
const COUNTS = [0, 0, 0, 3, 6];

describe('giStar', () => {
  // n = 5, X̄ = 9/5 = 1.8, S = √(45/5 − 1.8²) = √5.76 = 2.4.
  // Cell 4: W = 2, Σwx = 9 → (9 − 3.6) / (2.4 · √((5·2 − 4)/4)) = 5.4 / (2.4 · √1.5) = 1.837117…
  // Cell 3: W = 3, Σwx = 9 → (9 − 5.4) / (2.4 · √((15 − 9)/4)) = 3.6 / (2.4 · √1.5) = 1.224744…
  // Cell 2: W = 3, Σwx = 3 → −2.4 / 2.939387… = −0.816496…
  it.each([
    [0, -1.224744871],
    [1, -1.837117307],
    [2, -0.816496581],
    [3, 1.224744871],
    [4, 1.837117307],
  ])('cell %i of the hand-worked row has Gi* %f', (cell, expected) => {
    expect(giStar(COUNTS, ROW).z[cell]).toBeCloseTo(expected, 8);
  });

  it('gives the neighbourhood sums and weights, the mean and the standard deviation', () => {
    const result = giStar(COUNTS, ROW);
    expect(result.local).toEqual([0, 0, 3, 9, 9]);
    expect(result.weight).toEqual([2, 3, 3, 3, 2]);
    expect(result.mean).toBeCloseTo(1.8, 12);
    expect(result.sd).toBeCloseTo(2.4, 12);
  });

  it('answers 0, not NaN, where every value is equal', () => {
    expect(giStar([2, 2, 2], [[1], [0, 2], [1]]).z).toEqual([0, 0, 0]);
  });

  it('counts a neighbour listed twice once', () => {
    expect(giStar(COUNTS, [[1, 1], [0, 2], [1, 3], [2, 4], [3, 3]]).z).toEqual(giStar(COUNTS, ROW).z);
  });

  it('refuses a neighbour that is not a cell', () => {
    expect(() => giStar([1, 2], [[5], [0]])).toThrow(RangeError);
  });
});

describe('normal tails', () => {
  it.each([
    [0, 0.5],
    [1.959963985, 0.025],
    [2.575829304, 0.005],
    [3.290526731, 0.0005],
    [-1.959963985, 0.975],
  ])('P(Z > %f) = %f', (z, p) => {
    expect(upperTail(z)).toBeCloseTo(p, 6);
  });

  it('keeps the magnitude of a tiny p-value', () => {
    const p = upperTail(7.5); // 3.19e-14
    expect(p).toBeGreaterThan(3.1e-14);
    expect(p).toBeLessThan(3.3e-14);
  });

  it('is two-sided for p-values', () => {
    expect(twoSidedP(-1.959963985)).toBeCloseTo(0.05, 6);
    expect(twoSidedP(0)).toBe(1);
  });
});

describe('benjaminiHochberg', () => {
  it('adjusts p-values step-up, keeping the input order', () => {
    // sorted 0.005, 0.01, 0.03, 0.04 → ·4/rank 0.02, 0.02, 0.04, 0.04 (already monotone)
    const q = benjaminiHochberg([0.01, 0.04, 0.03, 0.005]);
    [0.02, 0.04, 0.04, 0.02].forEach((expected, i) => expect(q[i]).toBeCloseTo(expected, 12));
  });

  it('keeps q-values monotone in p and at most 1', () => {
    const q = benjaminiHochberg([0.9, 0.5, 0.04, 0.8]);
    expect(q).toEqual([0.9, 0.9, 0.16, 0.9]);
  });

  it('answers nothing for nothing', () => {
    expect(benjaminiHochberg([])).toEqual([]);
  });
});
