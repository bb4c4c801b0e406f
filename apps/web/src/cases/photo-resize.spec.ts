import { photoFacts } from './photo-resize';

const NOW = Date.parse('2026-12-07T10:00:00Z');

describe('photoFacts (a photo’s EXIF, checked)', () => {
  it('keeps the time and the GPS position the camera wrote', () => {
    expect(photoFacts({ DateTimeOriginal: new Date('2026-12-07T09:12:30Z'), latitude: 32.7301, longitude: 108.8005 }, NOW)).toEqual({
      takenAt: '2026-12-07T09:12:30.000Z',
      position: { lat: 32.7301, lng: 108.8005 },
    });
  });

  it('says nothing where the camera said nothing', () => {
    expect(photoFacts(undefined, NOW)).toEqual({ takenAt: null, position: null });
    expect(photoFacts({ DateTimeOriginal: 'yesterday' }, NOW)).toEqual({ takenAt: null, position: null });
  });

  it('drops a position that is no place (0,0 of a GPS without a fix, out of range) and keeps the time', () => {
    expect(photoFacts({ DateTimeOriginal: new Date('2026-12-06T08:00:00Z'), latitude: 0, longitude: 0 }, NOW).position).toBeNull();
    expect(photoFacts({ latitude: 132.7, longitude: 108.8 }, NOW).position).toBeNull();
    expect(photoFacts({ latitude: Number.NaN, longitude: 108.8 }, NOW).position).toBeNull();
    expect(photoFacts({ DateTimeOriginal: new Date('2026-12-06T08:00:00Z'), latitude: 0, longitude: 0 }, NOW).takenAt).toBe('2026-12-06T08:00:00.000Z');
  });

  it('drops a time from a camera clock more than a day ahead', () => {
    expect(photoFacts({ DateTimeOriginal: new Date('2026-12-09T10:00:00Z') }, NOW).takenAt).toBeNull();
    expect(photoFacts({ DateTimeOriginal: new Date('2026-12-07T20:00:00Z') }, NOW).takenAt).toBe('2026-12-07T20:00:00.000Z');
  });
});
