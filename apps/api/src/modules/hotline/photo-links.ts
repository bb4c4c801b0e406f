import { Inject, Injectable } from '@nestjs/common';
import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { APP_CONFIG, AppConfig } from '../../config/app-config';

/**
 * Result photos are sent to the hotline as links it can fetch without an account: the photo's id signed with a key
 * derived from the server secret. A link names one photo and cannot be turned into another's.
 */
@Injectable()
export class PhotoLinks {
  private readonly key: Buffer;
  private readonly base: string;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.key = Buffer.from(hkdfSync('sha256', config.jwtSecret, 'grid-governance', 'hotline-photo-link', 32));
    this.base = config.publicUrl;
  }

  url(attachmentId: string): string {
    return `${this.base}/api/hotline/photos/${attachmentId}?sig=${this.signature(attachmentId)}`;
  }

  verify(attachmentId: string, signature: string): boolean {
    if (!/^[0-9a-f]{64}$/.test(signature)) return false;
    return timingSafeEqual(Buffer.from(this.signature(attachmentId), 'hex'), Buffer.from(signature, 'hex'));
  }

  private signature(id: string): string {
    return createHmac('sha256', this.key).update(id).digest('hex');
  }
}
