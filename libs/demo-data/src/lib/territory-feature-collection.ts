import type { AreaSeed, Territory } from './territory';

/** An area's figures, as the import reads them (docs/territory.md): residents, households, staffing quota (员额). */
export interface AreaAttributes {
  population: number | null;
  households: number | null;
  staffQuota: number | null;
}

export interface TerritoryFeature {
  type: 'Feature';
  geometry: AreaSeed['boundary'];
  properties: { code: string; name: string; level: AreaSeed['level']; parentCode: string | null } & Partial<AreaAttributes>;
}

/** The territory's areas as the import file format (docs/territory.md): what a district would upload, with each area's figures when given. */
export function territoryFeatureCollection(
  territory: Pick<Territory, 'district' | 'zones' | 'villages' | 'grids'>,
  attributes: ReadonlyMap<string, AreaAttributes> = new Map(),
): { type: 'FeatureCollection'; features: TerritoryFeature[] } {
  const areas = [territory.district, ...territory.zones, ...territory.villages, ...territory.grids];
  return {
    type: 'FeatureCollection',
    features: areas.map((a) => ({ type: 'Feature', geometry: a.boundary, properties: { code: a.code, name: a.name, level: a.level, parentCode: a.parentCode, ...figuresOf(attributes.get(a.code)) } })),
  };
}

/** Only the figures an area has: an absent one is left out of the file rather than written as null. */
function figuresOf(a: AreaAttributes | undefined): Partial<AreaAttributes> {
  if (!a) return {};
  return Object.fromEntries(Object.entries(a).filter(([, v]) => v !== null)) as Partial<AreaAttributes>;
}
