import * as turf from '@turf/turf';
import { rectangleRing } from '../testing/fixtures';
import { DEG_PER_M_LNG, tinyTerritory, VILLAGE_CODE } from '../testing/territory-fixtures';
import { editTerritory, nextGridCode, type TerritoryEdit } from './edit-territory';
import { TerritoryEditError } from './territory-edit-error';
import type { TerritoryRecord } from './territory-types';
import { validateTerritory } from './validate-territory';

const G1 = `${VILLAGE_CODE}001`;
const G2 = `${VILLAGE_CODE}002`;
const codes = (records: TerritoryRecord[]) => records.map((r) => r.code);
const recordOf = (records: TerritoryRecord[], code: string) => records.find((r) => r.code === code) as TerritoryRecord;
const m2 = (r: TerritoryRecord) => turf.area(r.boundary.type === 'Polygon' ? turf.polygon(r.boundary.coordinates) : turf.multiPolygon(r.boundary.coordinates));
const refusal = (edit: TerritoryEdit, current = tinyTerritory()) => {
  try {
    editTerritory(current, edit, codes(current));
  } catch (error) {
    if (error instanceof TerritoryEditError) return { field: error.field, reason: error.reason, message: error.message };
    throw error;
  }
  return null;
};

describe('editTerritory: split', () => {
  // G1 spans lng 108.70–108.71, lat 32.70–32.72: a line across it at lat 32.705 leaves a quarter south.
  const across = [[108.699, 32.705], [108.711 - 0.0005, 32.705], [108.711, 32.705]];

  it('cuts a grid in two: the larger part keeps the code, the smaller is the next free grid code, named as asked', () => {
    const result = editTerritory(tinyTerritory(), { kind: 'split', areaCode: G1, line: across, name: '新网格' }, [...codes(tinyTerritory()), `${VILLAGE_CODE}004`]);
    expect(result).toMatchObject({ changed: [G1], created: [`${VILLAGE_CODE}005`], retired: [], problems: [], description: `split ${G1} → ${G1} + ${VILLAGE_CODE}005` });
    const kept = recordOf(result.records, G1);
    const cut = recordOf(result.records, `${VILLAGE_CODE}005`);
    expect(cut).toMatchObject({ name: '新网格', level: 'grid', parentCode: VILLAGE_CODE });
    expect(m2(kept) / m2(cut)).toBeCloseTo(3, 1);
    expect(m2(kept) + m2(cut)).toBeCloseTo(m2(recordOf(tinyTerritory(), G1)), 3);
    expect(validateTerritory(result.records)).toEqual([]);
  });

  it('splits along a bent line with several vertices inside, the two parts sharing the cut exactly', () => {
    const bent = [[108.699, 32.71], [108.703, 32.712], [108.706, 32.708], [108.711, 32.71]];
    const result = editTerritory(tinyTerritory(), { kind: 'split', areaCode: G1, line: bent, name: 'B' }, codes(tinyTerritory()));
    expect(result.problems).toEqual([]);
    expect(validateTerritory(result.records)).toEqual([]);
  });

  it('splits a grid with slanted edges (turf’s areas of the parts then add up to the whole only within about 1e-5)', () => {
    // A demo grid: the line crosses two slanted edges.
    const ring = [[108.865477, 32.680116], [108.857736, 32.693153], [108.850329, 32.690161], [108.849297, 32.689744], [108.850009, 32.683259], [108.864766, 32.678414], [108.865477, 32.680116]];
    const current = tinyTerritory().map((r) => (r.level === 'grid' ? r : { ...r, boundary: { type: 'Polygon' as const, coordinates: [rectangleRing(108.84, 32.67, 108.87, 32.7)] } }));
    const slanted = [...current.filter((r) => r.level !== 'grid'), { ...recordOf(current, G1), boundary: { type: 'Polygon' as const, coordinates: [ring] } }];
    const result = editTerritory(slanted, { kind: 'split', areaCode: G1, line: [[108.847818, 32.685821], [108.866873, 32.685604]], name: 'n' }, codes(slanted));
    expect(result.created).toEqual([G2]);
    expect(result.problems.filter((p) => p.severity === 'error')).toEqual([]);
  });

  it.each<[string, number[][], string]>([
    ['a line ending inside the grid', [[108.699, 32.705], [108.705, 32.705]], 'split_line_ends_inside'],
    ['a line passing beside the grid', [[108.699, 32.69], [108.711, 32.69]], 'split_line_not_crossing'],
    ['a line crossing the boundary four times', [[108.699, 32.705], [108.711, 32.705], [108.711, 32.715], [108.699, 32.715]], 'split_line_not_crossing'],
  ])('refuses %s', (_, line, reason) => {
    expect(refusal({ kind: 'split', areaCode: G1, line, name: 'x' })).toMatchObject({ field: 'line', reason });
  });

  it('refuses to split a village, or an area that does not exist', () => {
    expect(refusal({ kind: 'split', areaCode: VILLAGE_CODE, line: across, name: 'x' })).toMatchObject({ field: 'areaCode', reason: 'not_a_grid' });
    expect(refusal({ kind: 'split', areaCode: '610902107001099', line: across, name: 'x' })).toMatchObject({ field: 'areaCode', reason: 'unknown_area' });
  });
});

describe('nextGridCode', () => {
  it.each([
    [[], `${VILLAGE_CODE}001`],
    [[G1, G2], `${VILLAGE_CODE}003`],
    // A retired grid's number is never given again, and other villages' codes do not count.
    [[G1, `${VILLAGE_CODE}007`, '610902107002009'], `${VILLAGE_CODE}008`],
  ])('after %j gives %s', (used, next) => {
    expect(nextGridCode(VILLAGE_CODE, used)).toBe(next);
  });

  it('refuses when all 999 numbers are used', () => {
    expect(() => nextGridCode(VILLAGE_CODE, [`${VILLAGE_CODE}999`])).toThrow(TerritoryEditError);
  });
});

describe('editTerritory: merge', () => {
  it('joins two neighbouring grids of a village: the first keeps its code and gets the union, the other is retired', () => {
    const current = tinyTerritory().map((r) => (r.code === G1 ? { ...r, population: 1000 } : r.code === G2 ? { ...r, population: 500 } : r));
    const result = editTerritory(current, { kind: 'merge', areaCode: G2, otherCode: G1 }, codes(current));
    expect(result).toMatchObject({ changed: [G2], created: [], retired: [G1], problems: [], description: `merge ${G1} into ${G2}` });
    expect(codes(result.records)).not.toContain(G1);
    const survivor = recordOf(result.records, G2);
    expect(survivor.population).toBe(1500);
    expect(m2(survivor)).toBeCloseTo(m2(recordOf(current, VILLAGE_CODE)), 0);
    expect(validateTerritory(result.records)).toEqual([]);
  });

  it('refuses grids that share no boundary, grids of different villages, and a grid with itself', () => {
    // G2 shrunk 10 m away from G1: a strip between them.
    const apart = tinyTerritory({ east: rectangleRing(108.71 + 10 * DEG_PER_M_LNG, 32.7, 108.72, 32.72) });
    expect(refusal({ kind: 'merge', areaCode: G1, otherCode: G2 }, apart)).toMatchObject({ field: 'otherCode', reason: 'merge_not_adjacent' });
    const twoVillages = tinyTerritory().map((r) => (r.code === G2 ? { ...r, parentCode: '610902107002' } : r));
    expect(refusal({ kind: 'merge', areaCode: G1, otherCode: G2 }, twoVillages)).toMatchObject({ field: 'otherCode', reason: 'merge_different_villages' });
    expect(refusal({ kind: 'merge', areaCode: G1, otherCode: G1 })).toMatchObject({ reason: 'merge_same_grid' });
  });
});

describe('editTerritory: move', () => {
  it('replaces a boundary; the strip it leaves uncovered is a gap warning of the village', () => {
    const moved = editTerritory(tinyTerritory(), { kind: 'move', areaCode: G1, boundary: { type: 'Polygon', coordinates: [rectangleRing(108.7, 32.7, 108.705, 32.72)] } }, []);
    expect(moved.changed).toEqual([G1]);
    expect(moved.problems).toEqual([expect.objectContaining({ severity: 'warning', code: 'gap', areaCode: VILLAGE_CODE, at: expect.objectContaining({ lng: expect.closeTo(108.7075, 3) }) })]);
  });

  it('lists an overlap with a sibling and a part outside the village as errors, as an import would', () => {
    const grown = editTerritory(tinyTerritory(), { kind: 'move', areaCode: G1, boundary: { type: 'Polygon', coordinates: [rectangleRing(108.699, 32.7, 108.712, 32.72)] } }, []);
    expect(grown.problems.map((p) => [p.severity, p.code, p.areaCode])).toEqual(
      expect.arrayContaining([
        ['error', 'overlap', G1],
        ['error', 'outside_parent', G1],
      ]),
    );
    expect(grown.problems.every((p) => p.at)).toBe(true);
  });

  it('does not list the problems the territory already had', () => {
    // A pre-existing gap in the village (G2 short of the east edge) stays out of a move of G1 that keeps it.
    const current = tinyTerritory({ east: rectangleRing(108.71, 32.7, 108.719, 32.72) });
    expect(validateTerritory(current).map((p) => p.code)).toEqual(['gap']);
    const moved = editTerritory(current, { kind: 'move', areaCode: G1, boundary: recordOf(current, G1).boundary }, []);
    expect(moved.problems).toEqual([]);
  });
});
