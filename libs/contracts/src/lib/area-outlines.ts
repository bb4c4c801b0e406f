/**
 * GET /api/areas/outlines?level=grid — the boundaries of one level in the caller's scope, compact and
 * column-wise, for maps that draw thousands of areas at once (the command centre). Area i is `ids[i]`,
 * `codes[i]`, `names[i]`, `parent[i]`; its geometry is the i-th entry of the quantized, delta-encoded
 * outlines (`rings`, `sizes`, `coords`: see EncodedOutlines in @grid/geo, which decodes them).
 * The precise GeoJSON stays at GET /api/areas/geojson.
 */
import { z } from 'zod';
import { AREA_LEVELS } from './vocabulary';

export const areaOutlinesQuerySchema = z.object({ level: z.enum(AREA_LEVELS) });
export type AreaOutlinesQuery = z.infer<typeof areaOutlinesQuerySchema>;

export const areaOutlinesResponseSchema = z
  .object({
    level: z.enum(AREA_LEVELS),
    ids: z.array(z.string()),
    codes: z.array(z.string()),
    names: z.array(z.string()),
    /** Each area's parent as an index into `parents`; -1 for none (the district). */
    parent: z.array(z.number().int()),
    /** The parents, each with its own ancestors (root first): a client tells which areas lie under any ancestor without the area list. */
    parents: z.array(z.object({ id: z.string(), path: z.array(z.string()) })),
    /** Coordinates are integers: degrees × scale. */
    scale: z.number(),
    /** Per area, its number of rings (drawn with the even-odd rule: holes and separate parts alike). */
    rings: z.array(z.number().int()),
    /** Per ring, its number of vertices (the closing vertex not repeated). */
    sizes: z.array(z.number().int()),
    /** lng, lat of every vertex in turn, each the difference from the vertex before (the first from 0, 0). */
    coords: z.array(z.number().int()),
  })
  .meta({ id: 'AreaOutlines' });
export type AreaOutlinesResponse = z.infer<typeof areaOutlinesResponseSchema>;
