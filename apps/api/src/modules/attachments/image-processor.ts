import { Injectable } from '@nestjs/common';
import sharp, { type Metadata } from 'sharp';
import { invalid } from '../../common/app-error';

export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
/** Refuses decompression bombs: a small file that would expand to a huge bitmap. */
const MAX_PIXELS = 40_000_000;
const FORMATS: Record<string, string> = { jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp' };
const THUMBNAIL_WIDTH = 320;
/** Markup that would make a photo a polyglot a browser or an interpreter could run. */
const ACTIVE_CONTENT = /<(?:script|html|body|svg|iframe|object|embed|\?php|!doctype)\b/i;
const PNG_END = Buffer.from('0000000049454e44ae426082', 'hex');

export interface InspectedImage {
  mime: string;
  width: number;
  height: number;
}

/** Photos are checked by their content, never by the name or type the client claims. */
@Injectable()
export class ImageProcessor {
  async inspect(data: Buffer): Promise<InspectedImage> {
    if (data.length === 0) throw invalid('the file is empty', { file: 'empty' });
    if (data.length > MAX_UPLOAD_BYTES) throw invalid(`the file is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB`, { file: 'too large' });
    let meta: Metadata;
    try {
      meta = await sharp(data, { limitInputPixels: MAX_PIXELS }).metadata();
    } catch {
      throw invalid('not a readable image (JPEG, PNG or WebP)', { file: 'unsupported type' });
    }
    const mime = meta.format ? FORMATS[meta.format] : undefined;
    if (!mime || !meta.width || !meta.height) throw invalid('only JPEG, PNG and WebP photos are accepted', { file: 'unsupported type' });
    if (meta.width * meta.height > MAX_PIXELS) throw invalid('the image has too many pixels', { file: 'too many pixels' });
    if (!endsWhereTheImageEnds(data, meta.format as string) || ACTIVE_CONTENT.test(data.toString('latin1'))) {
      throw invalid('the file carries more than a photo (appended data or markup)', { file: 'not a plain photo' });
    }
    return { mime, width: meta.width, height: meta.height };
  }

  /** A small JPEG for lists and the map, rotated upright by its EXIF orientation. */
  thumbnail(data: Buffer): Promise<Buffer> {
    return sharp(data, { limitInputPixels: MAX_PIXELS }).rotate().resize({ width: THUMBNAIL_WIDTH, withoutEnlargement: true }).jpeg({ quality: 70 }).toBuffer();
  }
}

/**
 * Whether the file ends where its format says the image ends: a JPEG at its EOI marker (zero padding
 * allowed), a PNG with its IEND chunk, a WebP at the length its RIFF header declares. Photos from the
 * web app (re-encoded on the phone before upload) always do; a file with data appended does not.
 */
function endsWhereTheImageEnds(data: Buffer, format: string): boolean {
  if (format === 'jpeg') {
    let end = data.length;
    while (end > 0 && data[end - 1] === 0) end--;
    return end >= 2 && data[end - 2] === 0xff && data[end - 1] === 0xd9;
  }
  if (format === 'png') return data.subarray(-PNG_END.length).equals(PNG_END);
  if (format === 'webp') {
    const declared = data.readUInt32LE(4) + 8;
    return data.length === declared || data.length === declared + 1;
  }
  return false;
}
