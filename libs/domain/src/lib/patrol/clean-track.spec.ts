import { cleanTrack, mergeTrackPoints } from './clean-track';
import type { TrackPoint } from './track-point.types';

// Along a meridian one degree of latitude is 2πR/360 = 111,195 m (R = 6,371,008.8 m): 0.001° ≈ 111.2 m.
const METRES_PER_MILLIDEGREE = 111.195;
const start = Date.parse('2026-11-23T01:00:00.000Z');
/** A point `dLat` millidegrees north of 32.7°N 108.8°E, `seconds` after the start. */
const p = (dLat: number, seconds: number, accuracy: number | null = 5): TrackPoint => ({
  lat: 32.7 + dLat / 1000,
  lng: 108.8,
  at: new Date(start + seconds * 1000).toISOString(),
  accuracy,
});

describe('cleanTrack', () => {
  it('sums the legs of a clean walk: 3 × 111.2 m = 333.6 m', () => {
    const track = cleanTrack([p(0, 0), p(1, 90), p(2, 180), p(3, 270)]);
    expect(track.distanceMeters).toBeCloseTo(3 * METRES_PER_MILLIDEGREE, 0);
    expect(track.kept).toHaveLength(4);
    expect(track.rejected).toEqual({ inaccurate: 0, too_fast: 0, jitter: 0 });
  });

  it('takes the points in time order whatever order they arrived in', () => {
    expect(cleanTrack([p(2, 180), p(0, 0), p(1, 90)]).distanceMeters).toBeCloseTo(2 * METRES_PER_MILLIDEGREE, 0);
  });

  it('counts a resent point once', () => {
    const track = cleanTrack([p(0, 0), p(1, 90), p(1, 90), p(2, 180)]);
    expect(track.kept).toHaveLength(3);
    expect(track.distanceMeters).toBeCloseTo(2 * METRES_PER_MILLIDEGREE, 0);
  });

  it('drops fixes less accurate than 50 m', () => {
    // The 0.5 km fix in the middle would add 2 × 444.8 m of detour.
    const track = cleanTrack([p(0, 0), p(5, 60, 400), p(1, 90)]);
    expect(track.rejected.inaccurate).toBe(1);
    expect(track.distanceMeters).toBeCloseTo(METRES_PER_MILLIDEGREE, 0);
  });

  it('keeps points without an accuracy', () => {
    expect(cleanTrack([p(0, 0, null), p(1, 90, null)]).distanceMeters).toBeCloseTo(METRES_PER_MILLIDEGREE, 0);
  });

  it('drops a spike reached at an impossible speed (1.1 km in 10 s = 400 km/h)', () => {
    const track = cleanTrack([p(0, 0), p(10, 10), p(1, 90), p(2, 180)]);
    expect(track.rejected.too_fast).toBe(1);
    expect(track.distanceMeters).toBeCloseTo(2 * METRES_PER_MILLIDEGREE, 0);
  });

  it('accepts a long leg after a long gap (1.1 km in 10 min is 6.7 km/h)', () => {
    expect(cleanTrack([p(0, 0), p(10, 600)]).distanceMeters).toBeCloseTo(10 * METRES_PER_MILLIDEGREE, 0);
  });

  it('ignores jitter of someone standing still (moves under 10 m), yet counts slow walking once it adds up', () => {
    // 0.00004° ≈ 4.4 m per fix: the 3rd fix is 8.9 m from the anchor (jitter), the 4th 13.3 m (a step).
    const track = cleanTrack([p(0, 0), p(0.04, 10), p(0.08, 20), p(0.12, 30), p(0.08, 40), p(0.12, 50)]);
    expect(track.rejected.jitter).toBe(4);
    expect(track.kept).toHaveLength(2);
    expect(track.distanceMeters).toBeCloseTo(0.12 * METRES_PER_MILLIDEGREE, 1);
  });

  it('re-anchors when the first fix was the outlier: three agreeing points later, the track goes on from them', () => {
    // The first fix is 5.6 km off; the next three are 111 m apart each, 90 s apart: they are the truth.
    const track = cleanTrack([p(-50, 0), p(0, 30), p(1, 120), p(2, 210), p(3, 300)]);
    expect(track.rejected.too_fast).toBe(0);
    expect(track.kept).toHaveLength(5);
    // The jump from the bad fix is not counted: the legs 0→1→2→3.
    expect(track.distanceMeters).toBeCloseTo(3 * METRES_PER_MILLIDEGREE, 0);
  });

  it('gives zero for an empty or single-point track', () => {
    expect(cleanTrack([]).distanceMeters).toBe(0);
    expect(cleanTrack([p(0, 0)]).distanceMeters).toBe(0);
  });
});

describe('mergeTrackPoints', () => {
  it('merges a resent batch: one point per instant, in time order, the later copy winning', () => {
    const merged = mergeTrackPoints([p(0, 0), p(1, 90)], [p(1.5, 90), p(2, 180)]);
    expect(merged.map((x) => x.at)).toEqual([p(0, 0).at, p(0, 90).at, p(0, 180).at]);
    expect(merged[1].lat).toBeCloseTo(32.7015, 6);
  });
});
