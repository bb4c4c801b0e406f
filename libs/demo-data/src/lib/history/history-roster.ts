import { AREA_LEVELS, type AreaLevel } from '@grid/contracts';
import { rankOf, type Actor, type ActorRole, type AreaPath, type HandlingUnit } from '@grid/domain';
import { chance, logNormal, streamOf } from './history-random';

/** The area level each area leader role leads (as the domain's scope guard has it). */
const LEADER_RANK: Partial<Record<ActorRole, number>> = { operator: 0, admin: 0, zone_leader: 1, village_cadre: 2, grid_leader: 3 };
const MEMBER_ROLES: Record<AreaLevel | 'department', readonly ActorRole[]> = {
  grid: ['grid_worker', 'grid_leader'],
  village: ['village_cadre'],
  zone: ['zone_leader'],
  district: ['operator', 'admin'],
  department: ['dept_staff', 'dept_head'],
};

/**
 * Who is who in the territory, for choosing realistic actors: the members of a unit (who accept what
 * is given to the unit), its leaders from the nearest up (who dispatch, approve and close), and each
 * person's pace (deterministic per person, so assessments show a spread). The choices follow the
 * domain's guards; the domain still decides every step.
 */
export class Roster {
  private readonly byArea = new Map<string, Actor[]>();
  private readonly byDepartment = new Map<string, Actor[]>();
  private readonly districtWide: Actor[];
  private readonly paces = new Map<string, number>();
  private readonly byId = new Map<string, Actor>();

  constructor(
    users: readonly Actor[],
    private readonly seed: number,
  ) {
    for (const user of users) {
      this.byId.set(user.id, user);
      if (user.areaId !== null) push(this.byArea, user.areaId, user);
      if (user.departmentId !== null) push(this.byDepartment, user.departmentId, user);
    }
    this.districtWide = users.filter((u) => u.role === 'operator').concat(users.filter((u) => u.role === 'admin'));
  }

  actor(id: string | null): Actor | null {
    return id === null ? null : (this.byId.get(id) ?? null);
  }

  /** The command centre's operator (an admin when there is none). */
  get operator(): Actor | null {
    return this.districtWide[0] ?? null;
  }

  /** Who works in a unit, the ordinary member first (a grid's worker before its leader, staff before the head). */
  membersOf(unit: HandlingUnit): Actor[] {
    if (unit.level === 'district') return this.districtWide;
    const people = (unit.level === 'department' ? this.byDepartment.get(unit.departmentId) : this.byArea.get(unit.areaId)) ?? [];
    return MEMBER_ROLES[unit.level].flatMap((role) => people.filter((u) => u.role === role));
  }

  /** Who leads the unit or a unit above it on the case's path, nearest first, the command centre last. */
  leadersOf(path: AreaPath, unit: HandlingUnit): Actor[] {
    const heads = unit.level === 'department' ? (this.byDepartment.get(unit.departmentId) ?? []).filter((u) => u.role === 'dept_head') : [];
    const areaLeaders = [3, 2, 1]
      .filter((rank) => rank <= rankOf(unit))
      .flatMap((rank) => (this.byArea.get(path[rank]) ?? []).filter((u) => LEADER_RANK[u.role] === rank));
    return [...heads, ...areaLeaders, ...this.districtWide];
  }

  /** Grid leaders (网格长) serving an area on the path: they check their workers' own work. */
  gridLeadersOn(path: AreaPath): Actor[] {
    return path.flatMap((areaId) => (this.byArea.get(areaId) ?? []).filter((u) => u.role === 'grid_leader'));
  }

  /** The area leaders of one level on the path (the zone leader of the case's zone, …). */
  areaLeaderAt(path: AreaPath, level: AreaLevel): Actor | null {
    const rank = AREA_LEVELS.indexOf(level);
    if (rank === 0) return this.operator;
    return (this.byArea.get(path[rank]) ?? []).find((u) => LEADER_RANK[u.role] === rank) ?? null;
  }

  /** A summoned department's staff member who reports in and acts for it. */
  staffOf(departmentId: string): Actor | null {
    const people = this.byDepartment.get(departmentId) ?? [];
    return people.find((u) => u.role === 'dept_staff') ?? people.find((u) => u.role === 'dept_head') ?? null;
  }

  /**
   * How slowly a person works, 1 being the norm: most people 0.6–1.4, about one in eight clearly slow.
   * Drawn from the person's id and the seed alone, so it never depends on the order of the cases.
   */
  paceOf(actorId: string | null): number {
    if (actorId === null) return 1;
    let pace = this.paces.get(actorId);
    if (pace === undefined) {
      const random = streamOf(this.seed, `pace:${actorId}`);
      pace = chance(random, 0.12) ? logNormal(random, 2.2, 0.25) : logNormal(random, 0.9, 0.25);
      this.paces.set(actorId, pace);
    }
    return pace;
  }
}

/** The domain's unit-leader rule (isUnitLeader), which the domain keeps private. */
export function leads(actor: Actor, path: AreaPath, unit: HandlingUnit): boolean {
  if (unit.level === 'department' && actor.role === 'dept_head') return actor.departmentId === unit.departmentId;
  const rank = LEADER_RANK[actor.role];
  if (rank === undefined) return false;
  return (rank === 0 || path[rank] === actor.areaId) && rank <= rankOf(unit);
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
