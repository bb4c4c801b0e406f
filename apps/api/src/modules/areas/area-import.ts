import { AREA_LEVELS } from '@grid/contracts';
import { z } from 'zod';
import { invalid } from '../../common/app-error';
import type { AreaRecord } from './territory-writer';

const position = z.array(z.number()).min(2);
const polygon = z.object({ type: z.literal('Polygon'), coordinates: z.array(z.array(position)) });
const multiPolygon = z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(z.array(position))) });

const featureSchema = z.object({
  type: z.literal('Feature'),
  geometry: z.union([polygon, multiPolygon]),
  properties: z.object({
    code: z.coerce.string().min(1).max(32),
    name: z.string().min(1).max(128),
    level: z.enum(AREA_LEVELS),
    parentCode: z.coerce.string().max(32).nullish(),
    parent_code: z.coerce.string().max(32).nullish(),
  }),
});
const collectionSchema = z.object({ type: z.literal('FeatureCollection'), features: z.array(featureSchema).min(1) });

/** The CLI's import format: a FeatureCollection whose properties name code, name, level and parent. */
export function parseAreaFeatureCollection(json: unknown): AreaRecord[] {
  const parsed = collectionSchema.safeParse(json);
  if (!parsed.success) {
    const fields = Object.fromEntries(parsed.error.issues.slice(0, 10).map((i) => [i.path.join('.'), i.message]));
    throw invalid('not a FeatureCollection of areas', fields);
  }
  return parsed.data.features.map(({ geometry, properties: p }) => ({
    code: p.code,
    name: p.name,
    level: p.level,
    parentCode: p.parentCode ?? p.parent_code ?? null,
    boundary: geometry,
  }));
}
