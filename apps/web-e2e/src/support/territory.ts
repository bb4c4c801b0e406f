import type { AreaFeatureCollection } from '@grid/contracts';
import type { ApiClient } from './api';

/** A territory import file, as the tests build it. */
export interface TerritoryFile {
  type: 'FeatureCollection';
  crs?: unknown;
  features: { type: 'Feature'; geometry: { type: string; coordinates: unknown }; properties: Record<string, unknown> }[];
}

/** The current territory as an import file: re-applying it makes a new version that moves nothing. */
export async function currentTerritory(admin: ApiClient): Promise<TerritoryFile> {
  const fc = await admin.get<AreaFeatureCollection>('/api/areas/geojson');
  const codeOf = new Map(fc.features.map((f) => [f.properties.id, f.properties.code]));
  return {
    type: 'FeatureCollection',
    features: fc.features.map((f) => ({ type: 'Feature', geometry: f.geometry, properties: { code: f.properties.code, name: f.properties.name, level: f.properties.level, parentCode: f.properties.parentId ? codeOf.get(f.properties.parentId) : null } })),
  };
}
