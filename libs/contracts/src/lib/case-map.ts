/**
 * GET /api/cases/map — every open case in the caller's scope in a compact, column-wise form, so that the
 * command-centre map can hold 100,000 of them (the list endpoint's summaries are about 1 kB each).
 * Row i of the answer is `ids[i]`, `lat[i]`, `lng[i]`, …; enumerations are indexes into the shared
 * vocabularies, and grids and categories are indexes into the answer's own dictionaries.
 */
import { z } from 'zod';

export const caseMapQuerySchema = z.object({
  /** That area's subtree (default: the caller's whole scope). */
  areaId: z.uuid().optional(),
});
export type CaseMapQuery = z.input<typeof caseMapQuerySchema>;


const ints = z.array(z.number().int());
export const caseMapResponseSchema = z
  .object({
    /** The newest case event seq when the answer was read. */
    seq: z.number().int(),
    /** Names the data read (the ETag's basis): two answers of the same version hold the same cases. */
    version: z.string(),
    /** Grid ids and category codes the rows point into. */
    grids: z.array(z.string()),
    categories: z.array(z.string()),
    ids: z.array(z.string()),
    /** Degrees × 100,000, rounded (about a metre): integers are smaller and quicker to write than decimals. */
    lat: ints,
    lng: ints,
    /** Each case's newest event seq: a live event older than this is already in the answer. */
    seqs: ints,
    grid: ints,
    category: ints,
    /** Indexes into CASE_MAP_CODES.status / priority / sla. */
    status: ints,
    priority: ints,
    sla: ints,
  })
  .meta({ id: 'CaseMap' });
export type CaseMapResponse = z.infer<typeof caseMapResponseSchema>;
