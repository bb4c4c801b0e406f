import type { AreaSeed, Territory } from './territory';

export interface TerritoryFeature {
  type: 'Feature';
  geometry: AreaSeed['boundary'];
  properties: { code: string; name: string; level: AreaSeed['level']; parentCode: string | null };
}

/** The territory's areas as the import file format (docs/territory.md): what a district would upload. */
export function territoryFeatureCollection(territory: Pick<Territory, 'district' | 'zones' | 'villages' | 'grids'>): { type: 'FeatureCollection'; features: TerritoryFeature[] } {
  const areas = [territory.district, ...territory.zones, ...territory.villages, ...territory.grids];
  return {
    type: 'FeatureCollection',
    features: areas.map((a) => ({ type: 'Feature', geometry: a.boundary, properties: { code: a.code, name: a.name, level: a.level, parentCode: a.parentCode } })),
  };
}
