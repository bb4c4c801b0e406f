import { rectangleRing } from '../testing/fixtures';
import { DEG_PER_M_LAT, DEG_PER_M_LNG, tinyTerritory, VILLAGE_CODE, westGridWithBump } from '../testing/territory-fixtures';
import type { TerritoryRecord } from './territory-types';
import { hasErrors, mayOverlap, validateTerritory } from './validate-territory';

const G1 = `${VILLAGE_CODE}001`;
const G2 = `${VILLAGE_CODE}002`;

const edit = (code: string, change: Partial<TerritoryRecord>) => (records: TerritoryRecord[]) => records.map((r) => (r.code === code ? { ...r, ...change } : r));
const ring = (coordinates: number[][]): TerritoryRecord['boundary'] => ({ type: 'Polygon', coordinates: [coordinates] });

describe('validateTerritory', () => {
  it('finds nothing wrong with a valid territory', () => {
    expect(validateTerritory(tinyTerritory())).toEqual([]);
  });

  it('accepts a grid made of two parts sharing an edge (two grids merged)', () => {
    const merged = edit(G1, { boundary: { type: 'MultiPolygon', coordinates: [[rectangleRing(108.7, 32.7, 108.71, 32.71)], [rectangleRing(108.7, 32.71, 108.71, 32.72)]] } })(tinyTerritory());
    expect(validateTerritory(merged)).toEqual([]);
  });

  it.each([
    ['a 1 m² overlap between two grids', tinyTerritory({ west: westGridWithBump(1) }), 'error', 'overlap', G1],
    ['a 4 m² overlap', tinyTerritory({ west: westGridWithBump(2) }), 'error', 'overlap', G1],
    ['a 0.1 m² sliver overlap', tinyTerritory({ west: westGridWithBump(Math.sqrt(0.1)) }), 'warning', 'overlap', G1],
    ['a grid reaching 10 m out of its village', edit(G1, { boundary: ring(rectangleRing(108.7 - 10 * DEG_PER_M_LNG, 32.7, 108.71, 32.72)) })(tinyTerritory()), 'error', 'outside_parent', G1],
    ['a gap of 100 m × 100 m inside the village', edit(G2, { boundary: ring(rectangleRing(108.71 + 100 * DEG_PER_M_LNG, 32.7, 108.72, 32.72)) })(tinyTerritory()), 'warning', 'gap', VILLAGE_CODE],
    ['a bow-tie grid', edit(G2, { boundary: ring([[108.71, 32.7], [108.72, 32.72], [108.72, 32.7], [108.71, 32.72], [108.71, 32.7]]) })(tinyTerritory()), 'error', 'self_intersection', G2],
    ['an unclosed ring', edit(G2, { boundary: ring([[108.71, 32.7], [108.72, 32.7], [108.72, 32.72], [108.71, 32.72]]) })(tinyTerritory()), 'error', 'invalid_ring', G2],
    ['a ring without area', edit(G2, { boundary: ring([[108.71, 32.7], [108.72, 32.7], [108.715, 32.7], [108.71, 32.7]]) })(tinyTerritory()), 'error', 'invalid_ring', G2],
    ['projected metres read as degrees', edit(G2, { boundary: ring(rectangleRing(565000, 3620000, 566000, 3621000)) })(tinyTerritory()), 'error', 'implausible_coordinates', G2],
    ['coordinates outside China (lat/lng swapped)', edit(G2, { boundary: ring(rectangleRing(32.7, 108.71 - 90, 32.72, 108.72 - 90)) })(tinyTerritory()), 'error', 'implausible_coordinates', G2],
    ['a duplicate code', [...tinyTerritory(), { ...tinyTerritory()[4] }], 'error', 'duplicate_code', G2],
    ['a grid code not its village code + 3 digits', edit(G2, { code: '610902107999002' })(tinyTerritory()), 'error', 'malformed_code', '610902107999002'],
    ['a code with spaces', edit(G2, { code: 'grid 2' })(tinyTerritory()), 'error', 'malformed_code', 'grid 2'],
    ['a village code that is not 12 digits', edit(VILLAGE_CODE, { code: 'V1' })(tinyTerritory()).map((r) => (r.parentCode === VILLAGE_CODE ? { ...r, parentCode: 'V1' } : r)), 'warning', 'malformed_code', 'V1'],
    ['a parent missing from the file', edit(G2, { parentCode: '610902107777' })(tinyTerritory()), 'error', 'missing_parent', G2],
    ['a zone without a parent', edit('610902Z01', { parentCode: null })(tinyTerritory()), 'error', 'missing_parent', '610902Z01'],
    ['a grid directly under a zone', edit(G2, { parentCode: '610902Z01' })(tinyTerritory()), 'error', 'wrong_parent_level', G2],
  ])('reports %s', (_, records, severity, code, areaCode) => {
    const problems = validateTerritory(records);
    expect(problems).toContainEqual(expect.objectContaining({ severity, code, areaCode }));
    const problem = problems.find((p) => p.code === code && p.areaCode === areaCode);
    if (code !== 'invalid_ring' && code !== 'implausible_coordinates') expect(problem?.at).toEqual({ lat: expect.any(Number), lng: expect.any(Number) });
  });

  it('places a 1 m² overlap where it is and measures it', () => {
    const [overlap] = validateTerritory(tinyTerritory({ west: westGridWithBump(1) })).filter((p) => p.code === 'overlap');
    expect(overlap.message).toMatch(new RegExp(`${G1} and ${G2} overlap by (0\\.9\\d|1\\.0\\d) m²`));
    expect(overlap.at?.lng).toBeGreaterThan(108.71);
    expect(overlap.at?.lng).toBeLessThan(108.71 + DEG_PER_M_LNG);
    expect(overlap.at?.lat).toBeLessThan(32.7 + DEG_PER_M_LAT);
  });

  it('treats warnings as acceptable and errors as not', () => {
    expect(hasErrors(validateTerritory(tinyTerritory({ west: westGridWithBump(0.3) })))).toBe(false);
    expect(hasErrors(validateTerritory(tinyTerritory({ west: westGridWithBump(1) })))).toBe(true);
  });
});

describe('mayOverlap', () => {
  const square = ring(rectangleRing(0, 0, 2, 2));
  it.each([
    ['neighbours sharing an edge', ring(rectangleRing(2, 0, 4, 2)), false],
    ['a square far away', ring(rectangleRing(5, 5, 6, 6)), false],
    ['the same square', square, true],
    ['a triangle on three of its corners', ring([[0, 0], [2, 0], [2, 2], [0, 0]]), true],
    ['a cross through it', ring(rectangleRing(0.5, -1, 1.5, 3)), true],
    ['a square inside it', ring(rectangleRing(0.5, 0.5, 1, 1)), true],
  ])('%s → %s', (_, other, expected) => {
    expect(mayOverlap(square, other)).toBe(expected);
  });
});
