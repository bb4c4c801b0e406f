/** Photos above this size are scaled down before they are queued or sent (a hill village's signal is slow). */
const SHRINK_ABOVE_BYTES = 1_500_000;
const MAX_EDGE_PX = 2048;

/**
 * A phone camera's 4–8 MB photo, scaled to at most 2048 px as a JPEG: enough to see a pothole, and it
 * goes through a weak signal. Position and time travel as upload fields, so losing EXIF loses nothing.
 * Returns the original when it is small or cannot be decoded here.
 */
export async function shrinkPhoto(file: File): Promise<Blob> {
  if (file.size <= SHRINK_ABOVE_BYTES || typeof createImageBitmap !== 'function') return file;
  try {
    const bitmap = await createImageBitmap(file);
    const scale = Math.min(1, MAX_EDGE_PX / Math.max(bitmap.width, bitmap.height));
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(bitmap.width * scale);
    canvas.height = Math.round(bitmap.height * scale);
    canvas.getContext('2d')?.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    bitmap.close();
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.85));
    return blob && blob.size < file.size ? blob : file;
  } catch {
    return file;
  }
}
