import { Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';

/**
 * Limits login attempts per client address and username, so one office behind a NAT does not lock
 * out each other while password guessing on one account is still cut short.
 */
@Injectable()
export class LoginThrottlerGuard extends ThrottlerGuard {
  protected override async getTracker(req: Record<string, unknown>): Promise<string> {
    const body = req['body'] as { username?: unknown } | undefined;
    const username = typeof body?.username === 'string' ? body.username.trim().toLowerCase().slice(0, 64) : '';
    return `${String(req['ip'])}|${username}`;
  }
}
