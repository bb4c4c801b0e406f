import { boxAround, distanceMeters } from './distance';

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

describe('boxAround', () => {
  it.each([
    ['150 m at 32.73N', { lat: 32.73, lng: 108.8 }, 150],
    ['5 km at 53N (Mohe)', { lat: 53.0, lng: 122.5 }, 5_000],
    ['1 m at the equator', { lat: 0, lng: 0 }, 1],
  ])('holds every point of the circle, and the circle touches each side (%s)', (_name, center, radius) => {
    const [west, south, east, north] = boxAround(center, radius);
    for (let i = 0; i < 360; i++) {
      const bearing = (i / 360) * 2 * Math.PI;
      // a point exactly `radius` away along `bearing` (the sphere's direct formula)
      const angle = radius / 6_371_008.8;
      const lat1 = (center.lat * Math.PI) / 180;
      const lat2 = Math.asin(Math.sin(lat1) * Math.cos(angle) + Math.cos(lat1) * Math.sin(angle) * Math.cos(bearing));
      const lng2 = (center.lng * Math.PI) / 180 + Math.atan2(Math.sin(bearing) * Math.sin(angle) * Math.cos(lat1), Math.cos(angle) - Math.sin(lat1) * Math.sin(lat2));
      const point = { lat: (lat2 * 180) / Math.PI, lng: (lng2 * 180) / Math.PI };
      expect(distanceMeters(center, point)).toBeCloseTo(radius, 6);
      expect(point.lng).toBeGreaterThanOrEqual(west);
      expect(point.lng).toBeLessThanOrEqual(east);
      expect(point.lat).toBeGreaterThanOrEqual(south);
      expect(point.lat).toBeLessThanOrEqual(north);
    }
    // tight: a point just outside the circle straight north or east is outside the box
    expect(north - center.lat).toBeLessThan(((radius * 1.001) / 6_371_008.8) * (180 / Math.PI));
    expect(distanceMeters(center, { lat: center.lat, lng: east })).toBeLessThan(radius * 1.001);
  });

  it('spans every longitude where the circle reaches a pole', () => {
    const [west, , east] = boxAround({ lat: 89.99, lng: 10 }, 5_000);
    expect(east - west).toBe(360);
  });
});
