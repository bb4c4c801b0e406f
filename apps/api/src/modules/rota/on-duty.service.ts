import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DutyBoardRow, OnDutyResponse, OnDutyUser, Role } from '@grid/contracts';
import { localDateOf, RotaIndex, type AssigneeChoice, type DutyHolder } from '@grid/domain';
import { DataSource, EntityManager } from 'typeorm';
import { invalid, notFound } from '../../common/app-error';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import type { AuthUser } from '../auth/auth-user';
import { DutyHolderSource } from './duty-holders.source';
import { RotaAccess } from './rota-access';
import { RotaIndexService } from './rota-index.service';
import { leaveOf, patternOf, RotaStore, shiftOf, type PlaceFilter } from './rota.store';

const DAY_MS = 86_400_000;

interface PersonRow {
  id: string;
  username: string;
  display_name: string;
  role: Role;
  checked_in: boolean;
}

/** Who is on duty: for one grid at any instant (read from the database), and for the grids under an area now (from memory). */
@Injectable()
export class OnDutyService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly store: RotaStore,
    private readonly holders: DutyHolderSource,
    private readonly access: RotaAccess,
    private readonly index: RotaIndexService,
  ) {}

  /** GET /api/areas/:id/on-duty?at=: the choice a new case of the grid would get at the instant, and who is on duty. */
  async forGrid(user: AuthUser, gridId: string, atIso: string | undefined): Promise<OnDutyResponse> {
    const m = this.dataSource.manager;
    const area = await this.access.readable(m, user, gridId);
    if (!area) throw notFound('area');
    if (area.level !== 'grid') throw invalid('who is on duty is answered for a grid', { id: 'not a grid' });
    const at = atIso ? new Date(atIso) : new Date();
    const path = [...area.path, area.id];
    const choice = (await this.snapshotFor(m, path, at.getTime())).pick(path, at.getTime());
    return { at: at.toISOString(), ...(await this.describe(m, choice, at)), assigneeId: choice.userId, rule: choice.rule, rota: choice.rota };
  }

  /** GET /api/departments/:id/on-duty?at=: whom a case of the department would go to at the instant, and who is on duty. */
  async forDepartment(departmentId: string, atIso: string | undefined): Promise<OnDutyResponse> {
    const m = this.dataSource.manager;
    const [department] = (await m.query(`SELECT id FROM departments WHERE id = $1`, [departmentId])) as unknown[];
    if (!department) throw notFound('department');
    const at = atIso ? new Date(atIso) : new Date();
    const choice = (await this.snapshotOf(m, { departmentId }, [], at.getTime())).pickDepartment(departmentId, at.getTime());
    return { at: at.toISOString(), ...(await this.describe(m, choice, at)), assigneeId: choice.userId, rule: choice.rule, rota: choice.rota };
  }

  /** GET /api/rota/board?areaId=: each grid under the area (in the caller's scope) with who is on duty now. */
  async board(user: AuthUser, areaId: string | undefined): Promise<DutyBoardRow[]> {
    const m = this.dataSource.manager;
    const rootId = areaId ?? user.areaId;
    if (rootId && !(await this.access.readable(m, user, rootId))) throw notFound('area');
    const grids = (await m.query(
      `SELECT id, name, path FROM areas WHERE level = 'grid' ${rootId ? 'AND (id = $1 OR path @> ARRAY[$1]::uuid[])' : ''} ORDER BY code`,
      rootId ? [rootId] : [],
    )) as { id: string; name: string; path: string[] }[];
    const now = new Date();
    const choices = await Promise.all(grids.map((g) => this.index.pick([...g.path, g.id], now)));
    const people = await this.people(m, [...new Set(choices.flatMap((c) => shown(c)))], now);
    return grids.map((g, i) => ({ gridId: g.id, gridName: g.name, users: shown(choices[i]).flatMap((id) => people.get(id) ?? []), rule: choices[i].rule }));
  }

  private async describe(m: EntityManager, choice: AssigneeChoice, at: Date): Promise<{ users: OnDutyUser[] }> {
    const ids = shown(choice);
    const people = await this.people(m, ids, at);
    return { users: ids.flatMap((id) => people.get(id) ?? []) };
  }

  private async people(m: EntityManager, ids: string[], at: Date): Promise<Map<string, OnDutyUser>> {
    if (!ids.length) return new Map();
    const rows = (await m.query(
      `SELECT u.id, u.username, u.display_name, u.role, EXISTS (SELECT 1 FROM check_ins c WHERE c.user_id = u.id AND c.local_date = $2::date) AS checked_in
       FROM users u WHERE u.id = ANY($1::uuid[])`,
      [ids, localDateOf(at.toISOString())],
    )) as PersonRow[];
    return new Map(rows.map((r) => [r.id, { id: r.id, username: r.username, displayName: r.display_name, role: r.role, checkedIn: r.checked_in }]));
  }

  /** The rota of one grid around an instant, read from the database, as the intake's index holds it. */
  private async snapshotFor(m: EntityManager, path: string[], atMs: number): Promise<RotaIndex> {
    return this.snapshotOf(m, { areaIds: [path[path.length - 1]] }, await this.holders.all(m, path), atMs);
  }

  /** The rota of one place (a grid, a department) around an instant, with the leave and loads of its people. */
  private async snapshotOf(m: EntityManager, place: PlaceFilter, holders: DutyHolder[], atMs: number): Promise<RotaIndex> {
    const [shifts, patterns] = await Promise.all([this.store.shifts(m, place, atMs - 8 * DAY_MS, atMs + 8 * DAY_MS), this.store.patterns(m, place, null)]);
    const people = [...new Set([...holders.map((h) => h.userId), ...shifts.map((s) => s.user_id), ...patterns.map((p) => p.user_id)])];
    const [leaves, loads] = await Promise.all([
      this.store.leaves(m, people, atMs - DAY_MS, atMs + DAY_MS),
      this.store.openCaseLoads(m, people),
    ]);
    return new RotaIndex(
      { shifts: shifts.map(shiftOf), patterns: patterns.map(patternOf), leaves: leaves.map(leaveOf), holders, openCases: loads },
      this.config.dispatchChain,
    );
  }
}

/** Those shown as on duty: the rota's people now, or the one the chain fell back to. */
function shown(choice: AssigneeChoice): string[] {
  return choice.onDuty.length ? choice.onDuty : choice.userId ? [choice.userId] : [];
}
