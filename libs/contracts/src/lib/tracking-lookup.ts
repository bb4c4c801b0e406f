/**
 * POST /api/public/cases/lookup — a resident who kept the receipt's code (查询码) but not its link finds their case
 * by that code and the last four digits of the phone they gave; the answer is the tracking token of /track/<token>.
 * Rate-limited per address (LOOKUP_RATE_LIMIT a minute), and the same 404 whether the code or the digits are wrong.
 */
import { z } from 'zod';

export const trackingLookupRequestSchema = z
  .object({
    /** The case code as printed, e.g. HK20261207-12 (any case; spaces ignored). */
    code: z
      .string()
      .trim()
      .transform((v) => v.replace(/\s+/g, '').toUpperCase())
      .pipe(z.string().regex(/^[A-Z]{1,6}\d{8}-\d{1,7}$/, 'a case code such as HK20261207-12')),
    /** The last four digits of the phone number given when the case was registered. */
    phoneLast4: z.string().trim().regex(/^\d{4}$/, 'four digits'),
  })
  .meta({ id: 'TrackingLookupRequest' });
export type TrackingLookupRequest = z.input<typeof trackingLookupRequestSchema>;

export const trackingLookupResponseSchema = z.object({ token: z.string() }).meta({ id: 'TrackingLookupResponse' });
export type TrackingLookupResponse = z.infer<typeof trackingLookupResponseSchema>;
