import { distanceMeters } from './distance';

describe('distanceMeters', () => {
  it.each([
    ['same point', { lat: 32.73, lng: 108.8 }, { lat: 32.73, lng: 108.8 }, 0],
    // one degree of latitude is about 111.2 km everywhere
    ['one degree north', { lat: 32, lng: 108.8 }, { lat: 33, lng: 108.8 }, 111_195],
    // one degree of longitude shrinks with cos(latitude): 111.2 km × cos(32.73°) ≈ 93.55 km
    ['one degree east at 32.73N', { lat: 32.73, lng: 108 }, { lat: 32.73, lng: 109 }, 93_545],
  ])('%s', (_name, a, b, expected) => {
    expect(distanceMeters(a, b)).toBeGreaterThanOrEqual(expected * 0.998);
    expect(distanceMeters(a, b)).toBeLessThanOrEqual(expected * 1.002 + 0.001);
  });

  it('is symmetric', () => {
    const a = { lat: 32.7, lng: 108.7 };
    const b = { lat: 32.8, lng: 108.9 };
    expect(distanceMeters(a, b)).toBeCloseTo(distanceMeters(b, a), 6);
  });
});
