import type { AreaGeometry } from '../geometry';
import { TERRITORY_LEVELS, type RawFeature, type TerritoryLevel, type TerritoryProblem, type TerritoryRecord } from './territory-types';

/** Which property of the file gives each field (property names; level and parent may be absent). */
export interface TerritoryMapping {
  code: string;
  name: string;
  level: string | null;
  parent: string | null;
  population: string | null;
  households: string | null;
  staffQuota: string | null;
}

const CANDIDATES: Record<keyof TerritoryMapping, string[]> = {
  code: ['code', 'areaCode', 'area_code', 'gridCode', 'grid_code', '编码', '代码', '区划代码', '网格编码'],
  name: ['name', 'areaName', 'area_name', '名称', '网格名称', 'NAME_CN'],
  level: ['level', 'areaLevel', 'area_level', '层级', '级别'],
  parent: ['parentCode', 'parent_code', 'parent', 'PCODE', '上级编码', '上级代码', '所属编码'],
  population: ['population', 'pop', '人口', '常住人口'],
  households: ['households', 'hh', '户数'],
  staffQuota: ['staffQuota', 'staff_quota', 'quota', '员额'],
};

/** Level words seen in Chinese territory files, and ours. */
const LEVEL_WORDS: Record<string, TerritoryLevel> = {
  district: 'district', 区: 'district', 县: 'district', 区县: 'district', 示范区: 'district',
  zone: 'zone', 片区: 'zone', 镇: 'zone', 乡: 'zone', 街道: 'zone', 乡镇: 'zone',
  village: 'village', 村: 'village', 社区: 'village', 村社区: 'village', 行政村: 'village',
  grid: 'grid', 网格: 'grid',
};

/** The mapping guessed from the properties the features carry (case-insensitive, English or Chinese names). */
export function guessMapping(features: readonly RawFeature[]): TerritoryMapping {
  const keys = new Set(features.slice(0, 200).flatMap((f) => Object.keys(f.properties)));
  const lower = new Map([...keys].map((k) => [k.toLowerCase(), k]));
  const pick = (field: keyof TerritoryMapping) => CANDIDATES[field].map((c) => lower.get(c.toLowerCase())).find((k) => k !== undefined) ?? null;
  return {
    code: pick('code') ?? 'code',
    name: pick('name') ?? 'name',
    level: pick('level'),
    parent: pick('parent'),
    population: pick('population'),
    households: pick('households'),
    staffQuota: pick('staffQuota'),
  };
}

/** The property names found in the file (for the preview's mapping choices). */
export function propertyNames(features: readonly RawFeature[]): string[] {
  return [...new Set(features.slice(0, 200).flatMap((f) => Object.keys(f.properties)))].sort();
}

/**
 * Turns features into area records with the mapping. A feature without a code or a polygon is listed
 * as a problem and left out; a missing level is taken from the depth in the parent tree (root =
 * district). Problems found here are about single features; validateTerritory checks the whole.
 */
export function mapTerritory(features: readonly RawFeature[], mapping: TerritoryMapping): { records: TerritoryRecord[]; problems: TerritoryProblem[] } {
  const problems: TerritoryProblem[] = [];
  const records: TerritoryRecord[] = [];
  const levelGiven = new Set<TerritoryRecord>();
  features.forEach((feature, i) => {
    const props = feature.properties;
    const code = text(props[mapping.code]);
    const where = code ? undefined : `feature #${i + 1}`;
    if (!code) {
      problems.push({ severity: 'error', code: 'missing_property', params: { context: 'code', feature: i + 1, property: mapping.code }, message: `${where}: no code in property "${mapping.code}"` });
      return;
    }
    const geometry = feature.geometry;
    if (!geometry || (geometry.type !== 'Polygon' && geometry.type !== 'MultiPolygon')) {
      problems.push({ severity: 'error', code: 'unsupported_geometry', areaCode: code, params: { type: geometry ? geometry.type : '' }, message: `${code}: the boundary must be a Polygon or MultiPolygon, not ${geometry ? geometry.type : 'empty'}` });
      return;
    }
    const name = text(props[mapping.name]);
    if (!name) problems.push({ severity: 'error', code: 'missing_property', areaCode: code, params: { context: 'name', property: mapping.name }, message: `${code}: no name in property "${mapping.name}"` });
    const levelText = mapping.level ? text(props[mapping.level]) : '';
    const level = levelText ? (LEVEL_WORDS[levelText] ?? LEVEL_WORDS[levelText.toLowerCase()]) : undefined;
    if (levelText && !level) problems.push({ severity: 'error', code: 'unknown_level', areaCode: code, params: { value: levelText }, message: `${code}: level "${levelText}" is none of ${TERRITORY_LEVELS.join(', ')} (or 区, 片区/镇/街道, 村/社区, 网格)` });
    const number = (field: 'population' | 'households' | 'staffQuota'): number | null => {
      const property = mapping[field];
      const value = property ? props[property] : undefined;
      if (value === undefined || value === null || value === '') return null;
      const n = typeof value === 'number' ? value : Number(String(value).replace(/,/g, ''));
      if (Number.isInteger(n) && n >= 0) return n;
      problems.push({ severity: 'warning', code: 'bad_number', areaCode: code, params: { field, value: String(value) }, message: `${code}: ${field} "${String(value)}" is not a whole number ≥ 0; left empty` });
      return null;
    };
    const record: TerritoryRecord = {
      code,
      name: name || code,
      level: level ?? 'grid',
      parentCode: (mapping.parent ? text(props[mapping.parent]) : '') || null,
      boundary: geometry as AreaGeometry,
      population: number('population'),
      households: number('households'),
      staffQuota: number('staffQuota'),
    };
    records.push(record);
    if (level) levelGiven.add(record);
  });
  inferLevels(records, levelGiven);
  return { records, problems };
}

/** Levels not given in the file come from the depth in the parent tree: a root is the district. */
function inferLevels(records: TerritoryRecord[], levelGiven: Set<TerritoryRecord>): void {
  if (levelGiven.size === records.length) return;
  const byCode = new Map(records.map((r) => [r.code, r]));
  const depthOf = (record: TerritoryRecord, seen = new Set<string>()): number => {
    const parent = record.parentCode ? byCode.get(record.parentCode) : undefined;
    if (!parent || seen.has(record.code)) return 0;
    seen.add(record.code);
    return depthOf(parent, seen) + 1;
  };
  for (const record of records) {
    if (!levelGiven.has(record)) record.level = TERRITORY_LEVELS[Math.min(depthOf(record), TERRITORY_LEVELS.length - 1)];
  }
}

function text(value: unknown): string {
  return value === undefined || value === null ? '' : String(value).trim();
}
