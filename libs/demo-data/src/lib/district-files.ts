import { PEOPLE_IMPORT_COLUMNS, type CategoryListFile } from '@grid/contracts';
import { defaultCategories } from './categories';
import { TWO_WORKER_VILLAGE_EVERY } from './demo-users';
import { sequenceLabel } from './naming';
import { mulberry32, pick } from './random';
import type { AreaSeed, Territory } from './territory';
import { territoryFeatureCollection, type AreaAttributes, type TerritoryFeature } from './territory-feature-collection';

/**
 * The demo as the four files a district moves in with (README "Setting up a district", ADR 0016): the territory
 * (GeoJSON, with population, households and staffing quota), the people and their posts (the people import's table,
 * 1+2+N), the duty rota (the rota workbook's rows) and the responsibility list. The API loads them through the same
 * imports as the console; `npm run cli -- export-demo-samples DIR` writes them out.
 */
export interface DemoDistrictFiles {
  territory: { type: 'FeatureCollection'; features: TerritoryFeature[] };
  /** The header (`姓名(name)` …, as the template writes it) and one row per post. */
  people: string[][];
  /** Rows in the rota workbook's column order: date/weekdays, grid or department code, username, start, end, substitute, from, to. */
  rota: string[][];
  categories: CategoryListFile;
}

/**
 * Of the villages with two workers per grid (every tenth), every second one from the third (the 21st, 41st …)
 * keeps a rota of day shifts: there a case goes to the worker on duty (`on_duty`), at night to the grid leader
 * (`grid_leader`). The others (grid001's village among them) keep none: both workers count as on duty around the
 * clock and the less loaded gets the case (`least_loaded`). Most villages have one worker per grid.
 */
export const ROTA_VILLAGE_EVERY = TWO_WORKER_VILLAGE_EVERY * 2;

export const keepsRota = (villageIndex: number) => villageIndex > 0 && villageIndex % ROTA_VILLAGE_EVERY === 0;

/** The two workers' alternating day shifts (08:00–20:00, Beijing time). */
const DAY_SHIFTS = [
  ['周一、周三、周五、周日', ''],
  ['周二、周四、周六', 'b'],
] as const;
const DAY_START = '08:00';
const DAY_END = '20:00';

/** The people of a grid's "N" in the demo (post type, username prefix), besides its leader and workers. */
const HELPERS = [
  // 警格: one police officer serves all the grids of a village (a post in each grid, 一人多岗).
  { type: 'grid_police', prefix: 'police', per: 'village' },
  // 一村（社区）一法律顾问: one legal adviser per village, a post in each of its grids.
  { type: 'legal_adviser', prefix: 'legal', per: 'village' },
  // 楼栋长: one per grid, in the villages with two workers per grid.
  { type: 'building_manager', prefix: 'manager', per: 'grid' },
] as const;

/** Prefix of the helpers' mobile numbers (166: a carrier prefix the other demo accounts do not use). */
const HELPER_PHONE_PREFIX = '166';
const SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛'];
const GIVEN = [...'伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰文建国红志海燕春晓鹏辉飞云波宁博琳欣宇浩婷雪梅林斌颖俊峰亮成德荣兵'];

/** Plausible figures: 250–650 residents per grid (a rural grid of 100–250 households), 2.6–3.2 per household; a village's are its grids' sums. */
function areaAttributes(territory: Territory, seed: number): Map<string, AreaAttributes> {
  const random = mulberry32(seed ^ 0x9e37_79b9);
  const twoWorkers = twoWorkerVillages(territory);
  const byCode = new Map<string, AreaAttributes>();
  const add = (code: string | null, a: AreaAttributes, quota: number | null) => {
    if (!code) return;
    const sum = byCode.get(code) ?? { population: 0, households: 0, staffQuota: null };
    byCode.set(code, { population: (sum.population ?? 0) + (a.population ?? 0), households: (sum.households ?? 0) + (a.households ?? 0), staffQuota: quota });
  };
  const gridsOf = new Map<string, AreaSeed[]>();
  for (const grid of territory.grids) gridsOf.set(grid.parentCode as string, [...(gridsOf.get(grid.parentCode as string) ?? []), grid]);
  for (const grid of territory.grids) {
    const population = 250 + Math.round(random() * 400);
    const households = Math.round(population / (2.6 + random() * 0.6));
    // 员额: the reform's two full-time workers per grid (the quota; most villages have filled one).
    byCode.set(grid.code, { population, households, staffQuota: 2 });
  }
  for (const village of territory.villages) {
    const grids = gridsOf.get(village.code) ?? [];
    for (const grid of grids) add(village.code, byCode.get(grid.code) as AreaAttributes, null);
    // The grids' workers, the grid leader and two village cadres (one more where the village is staffed twice over).
    const current = byCode.get(village.code) as AreaAttributes;
    byCode.set(village.code, { ...current, staffQuota: grids.length * 2 + (twoWorkers.has(village.code) ? 3 : 2) });
  }
  for (const village of territory.villages) add(village.parentCode, byCode.get(village.code) as AreaAttributes, null);
  for (const zone of territory.zones) add(zone.parentCode, byCode.get(zone.code) as AreaAttributes, null);
  return byCode;
}

function twoWorkerVillages(territory: Pick<Territory, 'villages'>): Set<string> {
  return new Set(territory.villages.filter((_, i) => i % TWO_WORKER_VILLAGE_EVERY === 0).map((v) => v.code));
}

/** The people table: every demo account with its post (the role's own type), then the grids' helpers. */
function peopleTable(territory: Territory, seed: number): string[][] {
  const header = PEOPLE_IMPORT_COLUMNS.map((c) => `${c.zh}(${c.key})`);
  const row = (name: string, phone: string, username: string, type: string, areaCode: string | null, departmentCode: string | null) => [name, phone, username, type, areaCode ?? '', departmentCode ?? '', '', ''];
  const accounts = territory.users.map((u) => row(u.displayName, u.phone, u.username, u.role, u.areaCode, u.departmentCode));
  const random = mulberry32(seed ^ 0x0a11_ce55);
  const twoWorkers = twoWorkerVillages(territory);
  const gridsOf = new Map<string, AreaSeed[]>();
  for (const grid of territory.grids) gridsOf.set(grid.parentCode as string, [...(gridsOf.get(grid.parentCode as string) ?? []), grid]);
  let helperIndex = 0;
  const helper = (username: string, type: string, grids: readonly AreaSeed[]) => {
    const name = pick(random, SURNAMES) + pick(random, GIVEN) + (random() < 0.6 ? pick(random, GIVEN) : '');
    const phone = HELPER_PHONE_PREFIX + String(helperIndex++).padStart(8, '0');
    return grids.map((grid) => row(name, phone, username, type, grid.code, null));
  };
  const helpers = HELPERS.flatMap(({ type, prefix, per }) =>
    per === 'village'
      ? territory.villages.flatMap((village, i) => helper(`${prefix}${sequenceLabel(i + 1, territory.villages.length, 3)}`, type, gridsOf.get(village.code) ?? []))
      : territory.grids.flatMap((grid, i) => (twoWorkers.has(grid.parentCode as string) ? helper(`${prefix}${sequenceLabel(i + 1, territory.grids.length, 3)}`, type, [grid]) : [])),
  );
  return [header, ...accounts, ...helpers];
}

/** Weekly day shifts of the two workers of each grid in the villages that keep a rota (see ROTA_VILLAGE_EVERY). */
function rotaRows(territory: Territory): string[][] {
  const rota = new Set(territory.villages.filter((_, i) => keepsRota(i)).map((v) => v.code));
  const workers = new Map<string, string[]>();
  for (const u of territory.users) if (u.role === 'grid_worker' && u.areaCode) workers.set(u.areaCode, [...(workers.get(u.areaCode) ?? []), u.username]);
  return territory.grids.flatMap((grid) => {
    const [first] = workers.get(grid.code) ?? [];
    if (!rota.has(grid.parentCode as string) || !first) return [];
    return DAY_SHIFTS.map(([days, suffix]) => [days, grid.code, `${first}${suffix}`, DAY_START, DAY_END, '', '', '']);
  });
}

export function demoDistrictFiles(territory: Territory, seed: number): DemoDistrictFiles {
  const attributes = areaAttributes(territory, seed);
  // Parents before their leaves, as the list file wants them.
  const ordered = [...defaultCategories].sort((a, b) => Number(a.parentCode !== null) - Number(b.parentCode !== null));
  return {
    territory: territoryFeatureCollection(territory, attributes),
    people: peopleTable(territory, seed),
    rota: rotaRows(territory),
    categories: { reason: '恒口示范区权责清单（示例）', categories: ordered.map((c) => ({ ...c, extraFields: c.extraFields ?? [] })) },
  };
}
