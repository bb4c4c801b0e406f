import type { LevelLabels } from '@grid/contracts';
import { centroidOf, type Polygon } from '@grid/geo';
import { apportion, childCountRange } from './apportion';
import { HENGKOU_VILLAGES } from './data/hengkou-villages';
import { defaultDepartments } from './departments';
import { demoUsers } from './demo-users';
import type { DivisionRecord } from './division-record';
import { levelLabels } from './level-labels';
import { gridName, sequenceLabel, zoneName } from './naming';
import { mulberry32 } from './random';
import type { Point } from './tessellation/convex-clip';
import { snapRings } from './tessellation/snap-rings';
import { orderAroundCentre, planarArea, planarCentroid, relaxedCells } from './tessellation/voronoi-cells';
import type { AreaSeed, Territory } from './territory';

export interface TerritoryBox {
  south: number;
  west: number;
  north: number;
  east: number;
}

/** About 382 km² west of Ankang, in the Yue River valley; the geometry inside it is synthetic. */
export const HENGKOU_BOX: TerritoryBox = { south: 32.642, west: 108.696, north: 32.818, east: 108.904 };
export const BAOHE_BOX: TerritoryBox = { south: 31.638, west: 117.234, north: 31.863, east: 117.433 };

export interface TerritoryOptions {
  /** Same seed, same territory. Default 20261123. */
  seed?: number;
  box?: TerritoryBox;
  /** Number of anonymous zones 第一片区…; ignored when `zones` is given. Default 10. */
  zoneCount?: number;
  /**
   * Real zone-level units (e.g. Baohe's 街道): they give the zones their codes and names, and each
   * village goes to the zone whose code is its parentCode. Default: anonymous zones.
   */
  zones?: readonly DivisionRecord[];
  /** Village-level units, kept with their official codes and names. Default: Hengkou's 98. */
  villages?: readonly DivisionRecord[];
  /** Total grids, split among villages by area. Default 400 (3 to 6 per village). */
  gridCount?: number;
  districtName?: string;
  districtCode?: string;
  levelLabels?: LevelLabels;
}

/**
 * Builds a demo territory (DESIGN §8): a district, zones, villages and grids whose boundaries tile the
 * box with no gap or overlap, plus departments and one demo account per role and area.
 *
 * Geometry is synthetic, made in three nested steps: zones are Voronoi cells of random seeds clipped to
 * the box, each zone is split the same way into its villages, each village into its grids (Lloyd-
 * relaxed, so cell sizes are even). Villages are given to zones in proportion to zone area and grids to
 * villages in proportion to village area, within 70%–150% of the average (3 to 6 grids per village by
 * default). A large `gridCount` (10,000 for benchmarks) just puts more grids in each real village
 * rather than inventing villages: no made-up code can then pass for an official one, and grid codes
 * stay village code + 3 digits (so at most 999 grids per village).
 *
 * Codes: the district and villages keep their codes; anonymous zones are the district code + Z01,
 * Z02… (a letter, so they never collide with a numeric official code); a grid is its village's code
 * + 001, 002…. Cells are numbered from the one nearest their parent's centre, then clockwise from north.
 * Deterministic: the same options give the same territory (a seeded PRNG; no Math.random, no clock).
 */
export function generateTerritory(options: TerritoryOptions = {}): Territory {
  const seed = options.seed ?? 20261123;
  const box = options.box ?? HENGKOU_BOX;
  const villages = options.villages ?? HENGKOU_VILLAGES;
  const zoneRecords = options.zones;
  const zoneCount = zoneRecords?.length ?? options.zoneCount ?? 10;
  const gridCount = options.gridCount ?? 400;
  const districtCode = options.districtCode ?? '610902107';
  checkCounts(box, zoneCount, villages, gridCount);

  const random = mulberry32(seed);
  // Work in a plane where a unit east equals a unit north, so Voronoi cells have their true shapes.
  const scale = Math.cos((((box.south + box.north) / 2) * Math.PI) / 180);
  const boxRing: Point[] = [
    [box.west * scale, box.south],
    [box.east * scale, box.south],
    [box.east * scale, box.north],
    [box.west * scale, box.north],
  ];
  const split = (count: number, parent: Point[]) => orderAroundCentre(relaxedCells(count, parent, random), planarCentroid(parent));

  const zoneCells = split(zoneCount, boxRing);
  const villageGroups = zoneRecords
    ? groupByZone(villages, zoneRecords)
    : sliceByArea(villages, zoneCells.map(planarArea), childCountRange(villages.length / zoneCount));
  const villageCells = zoneCells.flatMap((cell, z) => split(villageGroups[z].length, cell));
  const range = childCountRange(gridCount / villages.length);
  const gridsPerVillage = apportion(gridCount, villageCells.map(planarArea), range.min, range.max);
  const gridCells = villageCells.flatMap((cell, v) => split(gridsPerVillage[v], cell));

  const rings = snapRings([boxRing, ...zoneCells, ...villageCells, ...gridCells].map((ring) => ring.map(([x, y]): Point => [x / scale, y])));
  const nextRing = rings.values();
  const area = (code: string, name: string, level: AreaSeed['level'], parentCode: string | null): AreaSeed => {
    const boundary: Polygon = { type: 'Polygon', coordinates: [nextRing.next().value ?? []] };
    return { code, name, level, parentCode, boundary, centroid: centroidOf(boundary) };
  };

  const district = area(districtCode, options.districtName ?? '恒口示范区', 'district', null);
  const zones = zoneCells.map((_, z) =>
    area(
      zoneRecords?.[z].code ?? `${districtCode}Z${sequenceLabel(z + 1, zoneCount, 2)}`,
      zoneRecords?.[z].name ?? zoneName(z + 1),
      'zone',
      district.code,
    ),
  );
  const villageSeeds = villageGroups.flatMap((group, z) => group.map((v) => area(v.code, v.name, 'village', zones[z].code)));
  const grids = villageSeeds.flatMap((village, v) =>
    Array.from({ length: gridsPerVillage[v] }, (_, g) =>
      area(`${village.code}${String(g + 1).padStart(3, '0')}`, gridName(village.name, g + 1), 'grid', village.code),
    ),
  );
  const departments = defaultDepartments.map((d) => ({ ...d }));
  return {
    district,
    zones,
    villages: villageSeeds,
    grids,
    departments,
    users: demoUsers({ district, zones, villages: villageSeeds, grids }, departments, seed),
    levelLabels: options.levelLabels ?? levelLabels.hengkou,
  };
}

function checkCounts(box: TerritoryBox, zoneCount: number, villages: readonly DivisionRecord[], gridCount: number): void {
  if (!(box.south < box.north && box.west < box.east)) throw new RangeError('the box must have south < north and west < east');
  if (!Number.isInteger(zoneCount) || zoneCount < 1) throw new RangeError('zoneCount must be a positive integer');
  if (villages.length < zoneCount) throw new RangeError(`${villages.length} villages cannot fill ${zoneCount} zones`);
  if (new Set(villages.map((v) => v.code)).size !== villages.length) throw new RangeError('village codes must be unique');
  if (!Number.isInteger(gridCount) || gridCount < villages.length || gridCount > 999 * villages.length) {
    throw new RangeError(`gridCount must be an integer from ${villages.length} (one per village) to ${999 * villages.length}`);
  }
}

/** Villages in their given order, cut into consecutive runs sized by zone area. */
function sliceByArea(
  villages: readonly DivisionRecord[],
  zoneAreas: readonly number[],
  range: { min: number; max: number },
): DivisionRecord[][] {
  const counts = apportion(villages.length, zoneAreas, range.min, range.max);
  let start = 0;
  return counts.map((count) => villages.slice(start, (start += count)));
}

/** Villages grouped under the zone whose code is their parentCode, in the order of `zones`. */
function groupByZone(villages: readonly DivisionRecord[], zones: readonly DivisionRecord[]): DivisionRecord[][] {
  const groups = zones.map((zone) => villages.filter((v) => v.parentCode === zone.code));
  const empty = zones.find((_, z) => groups[z].length === 0);
  if (empty) throw new RangeError(`zone ${empty.code} ${empty.name} has no villages`);
  const placed = groups.reduce((n, group) => n + group.length, 0);
  if (placed !== villages.length) throw new RangeError(`${villages.length - placed} villages belong to none of the zones`);
  return groups;
}
