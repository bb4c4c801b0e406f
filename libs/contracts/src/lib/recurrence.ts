import { z } from 'zod';
import { isoInstantSchema } from './api';

/**
 * A report at a place where a case of its category was closed not long before (DESIGN §2 `Recurrence`):
 * "reported here 3 times in 60 days, last closed 12 days ago". On `GET /api/cases/:id` (and the report's answer)
 * and in `GET /api/analysis/recurrences`.
 */
export const recurrenceSchema = z
  .object({
    /** Reports of the category within the radius in the window, this one included. */
    timesReported: z.number().int(),
    windowDays: z.number().int(),
    radiusMeters: z.number(),
    /** The latest case closed there before this report. */
    lastClosed: z.object({ id: z.uuid(), code: z.string(), closedAt: isoInstantSchema, daysBefore: z.number().int() }),
    /** The earlier reports in the window, newest first. */
    earlier: z.array(z.object({ id: z.uuid(), code: z.string(), reportedAt: isoInstantSchema, closedAt: isoInstantSchema.nullable() })),
  })
  .meta({ id: 'Recurrence' });
export type RecurrenceDto = z.infer<typeof recurrenceSchema>;
