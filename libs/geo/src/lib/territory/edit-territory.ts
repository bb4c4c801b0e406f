import * as turf from '@turf/turf';
import type { AreaGeometry, Position } from '../geometry';
import { splitPolygon } from './split-polygon';
import { TerritoryEditError } from './territory-edit-error';
import type { TerritoryProblem, TerritoryRecord } from './territory-types';
import { collection, DEFAULT_TOLERANCES, featureOf, type TerritoryTolerances, validateTerritory } from './validate-territory';

/** One change of one boundary drawn on the map (ADR 0015). */
export type TerritoryEdit =
  /** Replace one area's boundary by a new (Multi)Polygon. */
  | { kind: 'move'; areaCode: string; boundary: AreaGeometry }
  /** Cut a grid in two along a line drawn across it; the new part is called `name`. */
  | { kind: 'split'; areaCode: string; line: Position[]; name: string }
  /** Join `otherCode` into `areaCode`, a neighbouring grid of the same village; `otherCode` is retired. */
  | { kind: 'merge'; areaCode: string; otherCode: string };

export interface TerritoryEditResult {
  /** The whole territory after the edit. */
  records: TerritoryRecord[];
  /** Codes whose boundary or attributes changed, created, and retired. */
  changed: string[];
  created: string[];
  retired: string[];
  /** The problems the edit brings (the import's checks on the edited areas and their neighbourhood), errors first. */
  problems: TerritoryProblem[];
  /** One line saying what the edit does, e.g. "split 610902107001001 → 610902107001001 + 610902107001006". */
  description: string;
}

/**
 * Applies one edit to the current territory, as a new list of records for the import's pipeline to preview
 * and apply. Refusals (a split line that does not cross the grid, grids of different villages…) throw a
 * TerritoryEditError; the edited territory is then checked by `validateTerritory` on the edited areas, their
 * siblings, children and ancestors, and only the problems the edit brings are listed (those the territory
 * already had stay out of the way). `usedCodes`: every code ever given, retired ones too, since a split's new
 * grid must not take a retired grid's code (cases still point at it).
 */
export function editTerritory(current: readonly TerritoryRecord[], edit: TerritoryEdit, usedCodes: Iterable<string>, tolerances: TerritoryTolerances = DEFAULT_TOLERANCES): TerritoryEditResult {
  const byCode = new Map(current.map((r) => [r.code, r]));
  const target = byCode.get(edit.areaCode);
  if (!target) throw new TerritoryEditError(`there is no area ${edit.areaCode} in the current territory`, 'areaCode', 'unknown_area');
  const replace = (changes: Map<string, TerritoryRecord | null>, added: TerritoryRecord[] = []) =>
    [...current.flatMap((r) => (changes.has(r.code) ? (changes.get(r.code) ? [changes.get(r.code) as TerritoryRecord] : []) : [r])), ...added];

  let result: Omit<TerritoryEditResult, 'problems'>;
  if (edit.kind === 'move') {
    result = {
      records: replace(new Map([[target.code, { ...target, boundary: edit.boundary }]])),
      changed: [target.code],
      created: [],
      retired: [],
      description: `boundary of ${target.code}`,
    };
  } else if (edit.kind === 'split') {
    requireGrid(target);
    const polygon = singlePolygon(target);
    const [a, b] = splitPolygon(polygon, edit.line, target.code);
    // The larger part keeps the grid's code (and its cases, people and history); the smaller is the new grid.
    const [kept, cut] = turf.area(turf.polygon(a.coordinates)) >= turf.area(turf.polygon(b.coordinates)) ? [a, b] : [b, a];
    const code = nextGridCode(target.parentCode as string, usedCodes);
    const created: TerritoryRecord = { code, name: edit.name, level: 'grid', parentCode: target.parentCode, boundary: cut, population: null, households: null, staffQuota: null };
    result = {
      records: replace(new Map([[target.code, { ...target, boundary: kept }]]), [created]),
      changed: [target.code],
      created: [code],
      retired: [],
      description: `split ${target.code} → ${target.code} + ${code}`,
    };
  } else {
    requireGrid(target);
    const other = byCode.get(edit.otherCode);
    if (!other) throw new TerritoryEditError(`there is no area ${edit.otherCode} in the current territory`, 'otherCode', 'unknown_area');
    requireGrid(other, 'otherCode');
    if (other.code === target.code) throw new TerritoryEditError('a grid cannot be merged with itself: choose a neighbouring grid', 'otherCode', 'merge_same_grid');
    if (other.parentCode !== target.parentCode) {
      throw new TerritoryEditError(`${other.code} belongs to village ${other.parentCode}, ${target.code} to ${target.parentCode}: only grids of one village can be merged`, 'otherCode', 'merge_different_villages');
    }
    const union = turf.union(collection([featureOf(target.boundary), featureOf(other.boundary)]));
    if (!union || union.geometry.type !== 'Polygon') {
      throw new TerritoryEditError(`${target.code} and ${other.code} share no boundary: only neighbouring grids can be merged`, 'otherCode', 'merge_not_adjacent');
    }
    const sum = (key: 'population' | 'households' | 'staffQuota') => (target[key] === null && other[key] === null ? null : (target[key] ?? 0) + (other[key] ?? 0));
    const survivor: TerritoryRecord = { ...target, boundary: { type: 'Polygon', coordinates: union.geometry.coordinates as Position[][] }, population: sum('population'), households: sum('households'), staffQuota: sum('staffQuota') };
    result = {
      records: replace(new Map<string, TerritoryRecord | null>([[target.code, survivor], [other.code, null]])),
      changed: [target.code],
      created: [],
      retired: [other.code],
      description: `merge ${other.code} into ${target.code}`,
    };
  }
  const touched = [...result.changed, ...result.created, ...result.retired];
  return { ...result, problems: problemsBrought(current, result.records, touched, tolerances) };
}

/** The next free code of a village's grids: its code + the 3-digit number after the highest ever used (DESIGN §2). */
export function nextGridCode(villageCode: string, usedCodes: Iterable<string>): string {
  let highest = 0;
  for (const code of usedCodes) {
    if (code.length === villageCode.length + 3 && code.startsWith(villageCode) && /^\d{3}$/.test(code.slice(-3))) highest = Math.max(highest, Number(code.slice(-3)));
  }
  if (highest >= 999) throw new TerritoryEditError(`village ${villageCode} has used all 999 grid numbers`, 'areaCode', 'no_free_code');
  return `${villageCode}${String(highest + 1).padStart(3, '0')}`;
}

function requireGrid(record: TerritoryRecord, field = 'areaCode'): void {
  if (record.level !== 'grid' || !record.parentCode) throw new TerritoryEditError(`${record.code} is a ${record.level}: only grids can be split or merged`, field, 'not_a_grid');
}

function singlePolygon(record: TerritoryRecord) {
  const { boundary } = record;
  if (boundary.type === 'Polygon') return boundary;
  if (boundary.coordinates.length === 1) return { type: 'Polygon' as const, coordinates: boundary.coordinates[0] };
  throw new TerritoryEditError(`${record.code} is made of ${boundary.coordinates.length} separate parts: edit its boundary instead of splitting it`, 'areaCode', 'split_multipart');
}

/**
 * The import's checks on the part of the territory an edit can change (the touched areas, their siblings and
 * children, and the chain of ancestors that the parent checks need), before and after: the problems found after
 * and not before. A problem is known by its severity, code, area and point.
 */
function problemsBrought(before: readonly TerritoryRecord[], after: readonly TerritoryRecord[], touched: readonly string[], tolerances: TerritoryTolerances): TerritoryProblem[] {
  const key = (p: TerritoryProblem) => `${p.severity}|${p.code}|${p.areaCode ?? ''}|${p.at ? `${p.at.lat.toFixed(7)},${p.at.lng.toFixed(7)}` : p.message}`;
  const known = new Set(validateTerritory(neighbourhood(before, touched), tolerances).map(key));
  return validateTerritory(neighbourhood(after, touched), tolerances)
    .filter((p) => !known.has(key(p)))
    .sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
}

/** The touched areas first (so that an overlap is reported under the touched area's code), then their neighbourhood. */
function neighbourhood(records: readonly TerritoryRecord[], touched: readonly string[]): TerritoryRecord[] {
  const byCode = new Map(records.map((r) => [r.code, r]));
  const present = touched.filter((c) => byCode.has(c));
  const parents = new Set(present.map((c) => byCode.get(c)?.parentCode).filter((c): c is string => !!c));
  const keep = new Set(present);
  for (const r of records) if (r.parentCode && (parents.has(r.parentCode) || keep.has(r.parentCode))) keep.add(r.code);
  for (const parent of parents) {
    let code: string | null | undefined = parent;
    while (code && byCode.has(code)) {
      keep.add(code);
      code = byCode.get(code)?.parentCode;
    }
  }
  const first = new Set(present);
  return [...present.map((c) => byCode.get(c) as TerritoryRecord), ...records.filter((r) => keep.has(r.code) && !first.has(r.code))];
}
