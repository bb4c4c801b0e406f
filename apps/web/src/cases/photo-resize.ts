import type { LatLng } from '@grid/contracts';

/** Photos above this size are scaled down before they are queued or sent (a hill village's signal is slow). */
const SHRINK_ABOVE_BYTES = 400_000;
/** What the desk needs to see a pothole or a pile of rubbish: 1600 px on the long edge (ADR 0017). */
const MAX_EDGE_PX = 1600;
const JPEG_QUALITY = 0.8;

/**
 * A phone camera's 3–8 MB photo, scaled to at most 1600 px as a JPEG (about 150–500 kB, a few seconds on one bar
 * of 3G instead of a minute). Where and when it was taken travel as upload fields (`photoFacts`), so the EXIF the
 * re-encoding drops loses nothing. Returns the original when it is small or cannot be decoded here.
 */
export async function shrinkPhoto(file: File): Promise<Blob> {
  if (file.size <= SHRINK_ABOVE_BYTES || typeof createImageBitmap !== 'function') return file;
  try {
    // The camera's orientation tag applied, as the re-encoded JPEG will not carry it.
    const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
    const scale = Math.min(1, MAX_EDGE_PX / Math.max(bitmap.width, bitmap.height));
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(bitmap.width * scale);
    canvas.height = Math.round(bitmap.height * scale);
    canvas.getContext('2d')?.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    bitmap.close();
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', JPEG_QUALITY));
    return blob && blob.size < file.size ? blob : file;
  } catch {
    return file;
  }
}

/** Where and when a photo was taken, from its EXIF; null where the camera did not say or said nonsense. */
export interface PhotoFacts {
  takenAt: string | null;
  position: LatLng | null;
}

/** The EXIF fields exifr reads (`DateTimeOriginal` revived as a Date; `latitude`/`longitude` in decimal degrees). */
export interface ExifFields {
  DateTimeOriginal?: unknown;
  latitude?: unknown;
  longitude?: unknown;
}

const DAY_MS = 86_400_000;

/** Pure: the facts of a photo's EXIF, checked (a real place, a time not in the future), as of `now`. */
export function photoFacts(exif: ExifFields | null | undefined, now = Date.now()): PhotoFacts {
  const taken = exif?.DateTimeOriginal instanceof Date ? exif.DateTimeOriginal.getTime() : NaN;
  const { latitude: lat, longitude: lng } = exif ?? {};
  const placed =
    typeof lat === 'number' && typeof lng === 'number' && Number.isFinite(lat) && Number.isFinite(lng) && Math.abs(lat) <= 90 && Math.abs(lng) <= 180 && !(lat === 0 && lng === 0);
  return {
    // A camera clock a day ahead is wrong, not early: such a time is dropped.
    takenAt: Number.isFinite(taken) && taken <= now + DAY_MS ? new Date(taken).toISOString() : null,
    position: placed ? { lat, lng } : null,
  };
}

/** Reads a photo's EXIF time and GPS position (exifr's lite build, fetched with the first photo). */
export async function readPhotoFacts(file: Blob): Promise<PhotoFacts> {
  try {
    const exifr = await import('exifr/dist/lite.esm.mjs');
    // Whole blocks, not a tag filter: the lite build's filters need dictionaries it leaves out.
    return photoFacts((await exifr.parse(file, { exif: true, gps: true })) as ExifFields | undefined);
  } catch {
    // Not a JPEG/HEIC with EXIF, or no EXIF at all: the phone's own clock and position stand in.
    return { takenAt: null, position: null };
  }
}
