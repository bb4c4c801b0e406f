import { z } from 'zod';
import { areaFeatureCollectionSchema, boundaryGeometrySchema, isoInstantSchema } from './api';
import { AREA_LEVELS } from './vocabulary';

/** The datum a territory file's lng/lat are in (CGCS2000 counts as WGS 84). */
export const TERRITORY_CRS = ['wgs84', 'gcj02', 'bd09'] as const;
export type TerritoryCrs = (typeof TERRITORY_CRS)[number];

/** A territory file larger than this is refused (413), by the console before it uploads (the issue's bound). */
export const MAX_TERRITORY_FILE_BYTES = 50 * 1024 * 1024;

/** Which property of the file gives each field of an area. */
export const territoryMappingSchema = z.object({
  code: z.string().min(1).max(64),
  name: z.string().min(1).max(64),
  level: z.string().max(64).nullable(),
  parent: z.string().max(64).nullable(),
  population: z.string().max(64).nullable(),
  households: z.string().max(64).nullable(),
  staffQuota: z.string().max(64).nullable(),
});
export type TerritoryMapping = z.infer<typeof territoryMappingSchema>;

/** The multipart fields beside `file` of POST /api/admin/territory/imports. */
export const territoryImportFormSchema = z.object({
  crs: z.enum(TERRITORY_CRS).default('wgs84'),
  /** A TerritoryMapping as JSON; guessed from the property names when absent. */
  mapping: z
    .string()
    .max(2000)
    .optional()
    .transform((text, ctx) => {
      if (text === undefined || text === '') return undefined;
      const parsed = territoryMappingSchema.safeParse((() => { try { return JSON.parse(text) as unknown; } catch { return null; } })());
      if (!parsed.success) {
        ctx.addIssue({ code: 'custom', message: 'mapping must be a JSON object naming the properties code, name, level, parent, population, households, staffQuota' });
        return z.NEVER;
      }
      return parsed.data;
    }),
});

export const territoryProblemSchema = z
  .object({
    severity: z.enum(['error', 'warning']),
    code: z.string(),
    areaCode: z.string().optional(),
    /** The values its wording names (the other area's code, square metres, a property …), for clients that word the code themselves. */
    params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
    /** In English, for API users. */
    message: z.string(),
    at: z.object({ lat: z.number(), lng: z.number() }).optional(),
  })
  .meta({ id: 'TerritoryProblem' });
export type TerritoryProblemDto = z.infer<typeof territoryProblemSchema>;

const count = z.number().int();

/** What a boundary edited on the map does (an import's `summary.edit`). */
const territoryEditSummarySchema = z.object({
  kind: z.enum(['move', 'split', 'merge']),
  areaCode: z.string(),
  /** e.g. "split 610902107001001 → 610902107001001 + 610902107001006". */
  description: z.string(),
  changed: z.array(z.string()),
  created: z.array(z.string()),
  retired: z.array(z.string()),
  /** The version the edit was made on: applying it is refused once another version was applied. */
  baseVersion: count,
});
export type TerritoryEditSummary = z.infer<typeof territoryEditSummarySchema>;

const territoryImportSummarySchema = z.object({
  fileName: z.string(),
  /** `edit`: a boundary edited on the map (then `edit` says what). */
  format: z.enum(['geojson', 'kml', 'shapefile', 'edit']),
  sourceCrs: z.string(),
  declaredCrs: z.enum(TERRITORY_CRS),
  features: count,
  /** Areas per level after mapping. */
  levels: z.record(z.enum(AREA_LEVELS), count),
  errors: count,
  warnings: count,
  /** Problems beyond the first 1,000 are counted, not listed. */
  unlisted: count,
  mapping: territoryMappingSchema,
  /** The property names the file's features carry, for the mapping choices. */
  properties: z.array(z.string()),
  /** Compared with the current territory: areas added, removed, and kept (by code). */
  added: count,
  removed: count,
  kept: count,
  /** For a boundary edited on the map: what the edit does. */
  edit: territoryEditSummarySchema.optional(),
});
export type TerritoryImportSummary = z.infer<typeof territoryImportSummarySchema>;

/** 201 of POST /api/admin/territory/imports (DESIGN §7a). */
export const territoryImportDtoSchema = z
  .object({
    id: z.uuid(),
    status: z.enum(['valid', 'invalid']),
    problems: z.array(territoryProblemSchema),
    summary: territoryImportSummarySchema,
    appliedVersion: z.number().int().nullable(),
  })
  .meta({ id: 'TerritoryImport' });
export type TerritoryImportDto = z.infer<typeof territoryImportDtoSchema>;

/** GET /api/admin/territory/imports/:id/preview: the mapped areas to draw, and the open cases the new boundaries move. */
export const territoryImportPreviewSchema = z
  .object({
    areas: areaFeatureCollectionSchema,
    /** Open cases whose location falls in another grid (by code) under the import, first 200. */
    affectedCases: z.array(z.object({ id: z.uuid(), code: z.string(), gridCode: z.string().nullable(), newGridCode: z.string().nullable() })),
    affectedCaseCount: count,
  })
  .meta({ id: 'TerritoryImportPreview' });
export type TerritoryImportPreviewDto = z.infer<typeof territoryImportPreviewSchema>;

const areaCodeSchema = z.string().trim().min(1).max(32);
/** [longitude, latitude] in WGS 84 degrees. */
const positionSchema = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]);

/**
 * POST /api/admin/territory/edits: one boundary edited on the map (ADR 0015). `move` gives an area a new
 * boundary; `split` cuts a grid along a line drawn across it (the new grid gets the village's next free grid code
 * and `name`); `merge` joins `otherCode` into `areaCode`, neighbouring grids of one village (`otherCode` is retired).
 */
export const territoryEditSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('move'), areaCode: areaCodeSchema, boundary: boundaryGeometrySchema }),
  z.object({ kind: z.literal('split'), areaCode: areaCodeSchema, line: z.array(positionSchema).min(2, 'a line needs at least 2 points').max(1000), name: z.string().trim().min(1).max(64) }),
  z.object({ kind: z.literal('merge'), areaCode: areaCodeSchema, otherCode: areaCodeSchema }),
]);
export type TerritoryEditRequest = z.infer<typeof territoryEditSchema>;

export const territoryApplySchema = z.object({
  /** Re-route open cases whose location lies in another grid under the new version: a `rerouted` event each (ADR 0008). */
  reroute: z.boolean().default(false),
});

export const territoryApplyResultSchema = z
  .object({
    version: count,
    created: count,
    updated: count,
    retired: count,
    /** Open cases re-routed to another grid (0 unless `reroute` was asked). */
    rerouted: count,
  })
  .meta({ id: 'TerritoryApplied' });
export type TerritoryApplyDto = z.infer<typeof territoryApplyResultSchema>;

export const territoryVersionDtoSchema = z
  .object({
    version: count,
    createdAt: isoInstantSchema,
    createdBy: z.string().nullable(),
    source: z.string(),
    areaCount: count,
    current: z.boolean(),
  })
  .meta({ id: 'TerritoryVersion' });
export type TerritoryVersionDto = z.infer<typeof territoryVersionDtoSchema>;
export const territoryVersionListSchema = z.array(territoryVersionDtoSchema);

export const territoryCompareQuerySchema = z.object({
  from: z.coerce.number().int().min(1),
  to: z.coerce.number().int().min(1),
});

const territoryChangeSchema = z
  .object({
    code: z.string(),
    name: z.string(),
    level: z.enum(AREA_LEVELS),
    /** What differs for a changed area: boundary, name, parent, attributes. */
    changes: z.array(z.string()).optional(),
  })
  .meta({ id: 'TerritoryChange' });
export type TerritoryChangeDto = z.infer<typeof territoryChangeSchema>;

export const territoryCompareDtoSchema = z
  .object({
    from: count,
    to: count,
    added: z.array(territoryChangeSchema),
    removed: z.array(territoryChangeSchema),
    changed: z.array(territoryChangeSchema),
  })
  .meta({ id: 'TerritoryCompare' });
export type TerritoryCompareDto = z.infer<typeof territoryCompareDtoSchema>;

/** GET /api/admin/territory/staffing: area attributes and staff per 1,000 residents, per village and zone. */
export const territoryStaffingRowSchema = z
  .object({
    id: z.uuid(),
    code: z.string(),
    name: z.string(),
    level: z.enum(['zone', 'village']),
    parentId: z.uuid().nullable(),
    population: z.number().nullable(),
    households: z.number().nullable(),
    staffQuota: z.number().nullable(),
    /** Active users whose area lies in this area (itself or below). */
    staff: count,
    /** staff × 1000 / population; null without a population. */
    staffPerThousand: z.number().nullable(),
  })
  .meta({ id: 'TerritoryStaffingRow' });
export type TerritoryStaffingRowDto = z.infer<typeof territoryStaffingRowSchema>;
export const territoryStaffingListSchema = z.array(territoryStaffingRowSchema);
