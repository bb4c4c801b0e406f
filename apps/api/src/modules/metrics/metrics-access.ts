import { timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';
import { AppError } from '../../common/app-error';
import { bearerToken } from '../auth/access.guard';

const LOOPBACK = /^(127\.|::1$|::ffff:127\.)/;

/**
 * Who may read GET /metrics: with METRICS_TOKEN set, a caller sending `Authorization: Bearer <token>`;
 * without it, only a caller on this machine. `ip` is the client address after the trusted (loopback)
 * proxies, so a request relayed by a local nginx counts as the outside client it comes from.
 */
export function assertMayReadMetrics(token: string | undefined, authorization: string | undefined, ip: string | undefined): void {
  if (token) {
    const given = Buffer.from(bearerToken(authorization) ?? '');
    const expected = Buffer.from(token);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new AppError('unauthorized', 'metrics: send the METRICS_TOKEN as a bearer token');
    return;
  }
  if (!ip || !isIP(ip) || !LOOPBACK.test(ip)) throw new AppError('forbidden', 'metrics are served to this machine only (set METRICS_TOKEN to scrape from elsewhere)');
}
