import { z } from 'zod';
import { boundaryGeometrySchema, type AreaFeatureCollection } from './api';
import { AREA_LEVELS } from './vocabulary';

/** The datum a territory file's lng/lat are in (CGCS2000 counts as WGS 84). */
export const TERRITORY_CRS = ['wgs84', 'gcj02', 'bd09'] as const;
export type TerritoryCrs = (typeof TERRITORY_CRS)[number];

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

export const territoryProblemSchema = z.object({
  severity: z.enum(['error', 'warning']),
  code: z.string(),
  areaCode: z.string().optional(),
  message: z.string(),
  at: z.object({ lat: z.number(), lng: z.number() }).optional(),
});
export type TerritoryProblemDto = z.infer<typeof territoryProblemSchema>;

export interface TerritoryImportSummary {
  fileName: string;
  /** `edit`: a boundary edited on the map (then `edit` says what). */
  format: 'geojson' | 'kml' | 'shapefile' | 'edit';
  sourceCrs: string;
  declaredCrs: TerritoryCrs;
  features: number;
  /** Areas per level after mapping. */
  levels: Record<(typeof AREA_LEVELS)[number], number>;
  errors: number;
  warnings: number;
  /** Problems beyond the first 1,000 are counted, not listed. */
  unlisted: number;
  mapping: TerritoryMapping;
  /** The property names the file's features carry, for the mapping choices. */
  properties: string[];
  /** Compared with the current territory: areas added, removed, and kept (by code). */
  added: number;
  removed: number;
  kept: number;
  /** For a boundary edited on the map: what the edit does. */
  edit?: TerritoryEditSummary;
}

/** 201 of POST /api/admin/territory/imports (DESIGN §7a). */
export interface TerritoryImportDto {
  id: string;
  status: 'valid' | 'invalid';
  problems: TerritoryProblemDto[];
  summary: TerritoryImportSummary;
  appliedVersion: number | null;
}

/** GET /api/admin/territory/imports/:id/preview: the mapped areas to draw, and the open cases the new boundaries move. */
export interface TerritoryImportPreviewDto {
  areas: AreaFeatureCollection;
  /** Open cases whose location falls in another grid (by code) under the import, first 200. */
  affectedCases: { id: string; code: string; gridCode: string | null; newGridCode: string | null }[];
  affectedCaseCount: number;
}

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

export interface TerritoryEditSummary {
  kind: TerritoryEditRequest['kind'];
  areaCode: string;
  /** e.g. "split 610902107001001 → 610902107001001 + 610902107001006". */
  description: string;
  changed: string[];
  created: string[];
  retired: string[];
  /** The version the edit was made on: applying it is refused once another version was applied. */
  baseVersion: number;
}

export const territoryApplySchema = z.object({
  /** Re-route open cases whose location lies in another grid under the new version: a `rerouted` event each (ADR 0008). */
  reroute: z.boolean().default(false),
});

export interface TerritoryApplyDto {
  version: number;
  created: number;
  updated: number;
  retired: number;
  /** Open cases re-routed to another grid (0 unless `reroute` was asked). */
  rerouted: number;
}

export interface TerritoryVersionDto {
  version: number;
  createdAt: string;
  createdBy: string | null;
  source: string;
  areaCount: number;
  current: boolean;
}

export const territoryCompareQuerySchema = z.object({
  from: z.coerce.number().int().min(1),
  to: z.coerce.number().int().min(1),
});

export interface TerritoryChangeDto {
  code: string;
  name: string;
  level: (typeof AREA_LEVELS)[number];
  /** What differs for a changed area: boundary, name, parent, attributes. */
  changes?: string[];
}

export interface TerritoryCompareDto {
  from: number;
  to: number;
  added: TerritoryChangeDto[];
  removed: TerritoryChangeDto[];
  changed: TerritoryChangeDto[];
}

/** GET /api/admin/territory/staffing: area attributes and staff per 1,000 residents, per village and zone. */
export interface TerritoryStaffingRowDto {
  id: string;
  code: string;
  name: string;
  level: 'zone' | 'village';
  parentId: string | null;
  population: number | null;
  households: number | null;
  staffQuota: number | null;
  /** Active users whose area lies in this area (itself or below). */
  staff: number;
  /** staff × 1000 / population; null without a population. */
  staffPerThousand: number | null;
}
