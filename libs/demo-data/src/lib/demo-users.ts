import type { Role } from '@grid/contracts';
import { sequenceLabel } from './naming';
import { mulberry32, pick } from './random';
import type { AreaSeed, DepartmentSeed, UserSeed } from './territory';

// Display names are fictional: common surnames and given-name characters drawn at random, so any
// resemblance to a real person is chance. They only make the demo read like a real roster.
const SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'];
const GIVEN = [...'伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰文建国红志海燕春晓鹏辉飞云波宁博琳欣宇浩婷雪梅林斌颖俊峰亮成德荣兵琴萍凤娥兴福永安'];
// Mobile number prefixes of the three carriers; the 8 digits after them are a permutation of the
// user's index, so numbers never repeat within a territory.
const MOBILE_PREFIXES = ['133', '135', '136', '137', '138', '139', '150', '151', '152', '157', '158', '159', '177', '180', '186', '187', '189', '199'];
/** Coprime with 10^8, so index × STRIDE mod 10^8 is a permutation of the indices. */
const STRIDE = 61_803_399;

interface Account {
  username: string;
  role: Role;
  areaCode: string | null;
  departmentCode: string | null;
}

/** Every tenth village (the first, the eleventh …) staffs its grids with two full-time workers (1+2+N). */
export const TWO_WORKER_VILLAGE_EVERY = 10;

/**
 * The second worker of each grid in every tenth village, named after the grid's first (grid001 → grid001b). Listed
 * last, so that every other account keeps its name and number, and sorted after the first worker, who stays the one
 * a grid's new cases go to while no duty rota says otherwise.
 */
function secondGridWorkers(areas: { villages: readonly AreaSeed[]; grids: readonly AreaSeed[] }): Account[] {
  const villages = new Set(areas.villages.filter((_, i) => i % TWO_WORKER_VILLAGE_EVERY === 0).map((v) => v.code));
  return areas.grids.flatMap((grid, i) =>
    grid.parentCode && villages.has(grid.parentCode) ? [{ username: `grid${sequenceLabel(i + 1, areas.grids.length, 3)}b`, role: 'grid_worker' as const, areaCode: grid.code, departmentCode: null }] : [],
  );
}

/**
 * The demo accounts of DESIGN §8, in this order: admin, operator, assessor (district); zone01…
 * (zone leaders); village001… (village cadres); leader001… (grid leaders, one per village);
 * grid001… (grid workers, one per grid, in grid order); dept_<code> (department staff); grid001b… (a
 * second worker in each grid of every tenth village). Numbers are
 * padded to at least 2 digits for zones and 3 for the rest, wider when a territory needs it.
 */
export function demoUsers(
  areas: { district: AreaSeed; zones: readonly AreaSeed[]; villages: readonly AreaSeed[]; grids: readonly AreaSeed[] },
  departments: readonly DepartmentSeed[],
  seed: number,
): UserSeed[] {
  const scoped = (prefix: string, minDigits: number, role: Role, list: readonly AreaSeed[]): Account[] =>
    list.map((area, i) => ({
      username: `${prefix}${sequenceLabel(i + 1, list.length, minDigits)}`,
      role,
      areaCode: area.code,
      departmentCode: null,
    }));
  const district = (username: string, role: Role): Account => ({ username, role, areaCode: areas.district.code, departmentCode: null });
  const accounts: Account[] = [
    district('admin', 'admin'),
    district('operator', 'operator'),
    district('assessor', 'assessor'),
    ...scoped('zone', 2, 'zone_leader', areas.zones),
    ...scoped('village', 3, 'village_cadre', areas.villages),
    ...scoped('leader', 3, 'grid_leader', areas.villages),
    ...scoped('grid', 3, 'grid_worker', areas.grids),
    ...departments.map((d): Account => ({ username: `dept_${d.code}`, role: 'dept_staff', areaCode: null, departmentCode: d.code })),
    ...secondGridWorkers(areas),
  ];
  // A stream of its own, so the roster does not shift when the geometry draws more numbers.
  const random = mulberry32(seed ^ 0x5eed_face);
  const phoneOffset = Math.floor(random() * 1e8);
  return accounts.map((account, i) => ({
    ...account,
    displayName: pick(random, SURNAMES) + pick(random, GIVEN) + (random() < 0.7 ? pick(random, GIVEN) : ''),
    phone: pick(random, MOBILE_PREFIXES) + String((i * STRIDE + phoneOffset) % 1e8).padStart(8, '0'),
  }));
}
