import { Injectable } from '@nestjs/common';
import sharp, { type Metadata } from 'sharp';
import { invalid } from '../../common/app-error';

export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
/** Refuses decompression bombs: a small file that would expand to a huge bitmap. */
const MAX_PIXELS = 40_000_000;
const FORMATS: Record<string, string> = { jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp' };
const THUMBNAIL_WIDTH = 320;

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
    return { mime, width: meta.width, height: meta.height };
  }

  /** A small JPEG for lists and the map, rotated upright by its EXIF orientation. */
  thumbnail(data: Buffer): Promise<Buffer> {
    return sharp(data, { limitInputPixels: MAX_PIXELS }).rotate().resize({ width: THUMBNAIL_WIDTH, withoutEnlargement: true }).jpeg({ quality: 70 }).toBuffer();
  }
}
