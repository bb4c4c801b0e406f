import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { AreaLevel, Role, UserDto, UserQuery } from '@grid/contracts';
import { Repository } from 'typeorm';
import { onPool, pgPoolOf } from '../../database/pg-pool';
import { areaScopeCondition } from '../areas/area-scope';
import { AreasService } from '../areas/areas.service';
import type { AuthUser } from '../auth/auth-user';
import type { Scope } from '../auth/scope';
import { maskPhone } from '../cases/personal-data';
import { activePostAt, UserPosts } from './user-posts';
import { UserEntity } from './user.entity';

interface AuthRow {
  id: string;
  username: string;
  role: Role;
  areaId: string | null;
  departmentId: string | null;
  displayName: string;
  tokenVersion: number;
  mustChangePassword: boolean;
  areaPath: string[] | null;
  areaLevel: AreaLevel | null;
  postAreaIds: string[];
  postDepartmentIds: string[];
}

/**
 * The account behind a token, seen through its posts active now (ADR 0009): role, area and department are the primary
 * active post's, scope takes every active post's area and department. No active post (a person who left, or whose
 * posts start later) or a disabled account: no row, so no sign-in, no refresh, no token accepted.
 */
const USER_FOR_AUTH = `
  SELECT u.id, u.username, pp.role, pp.area_id AS "areaId", pp.department_id AS "departmentId", u.display_name AS "displayName",
    u.token_version AS "tokenVersion", u.must_change_password AS "mustChangePassword", a.path AS "areaPath", a.level AS "areaLevel",
    ARRAY(SELECT DISTINCT p.area_id FROM user_posts p WHERE p.user_id = u.id AND p.area_id IS NOT NULL AND ${activePostAt('p', 'now()')}) AS "postAreaIds",
    ARRAY(SELECT DISTINCT p.department_id FROM user_posts p WHERE p.user_id = u.id AND p.department_id IS NOT NULL AND ${activePostAt('p', 'now()')}) AS "postDepartmentIds"
  FROM users u
  JOIN LATERAL (
    SELECT p.role, p.area_id, p.department_id FROM user_posts p WHERE p.user_id = u.id AND ${activePostAt('p', 'now()')}
    ORDER BY p.primary_post DESC, p.valid_from, p.id LIMIT 1
  ) pp ON true
  LEFT JOIN areas a ON a.id = pp.area_id
  WHERE u.id = $1 AND u.active`;

@Injectable()
export class UsersService {
  constructor(
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    private readonly areas: AreasService,
    private readonly posts: UserPosts,
  ) {}

  findByUsername(username: string): Promise<UserEntity | null> {
    return this.users.findOneBy({ username });
  }

  /**
   * The user behind a token that is not in the guard's short cache: their area path and token version. A named
   * (prepared) statement on the pool: it runs for a good share of all requests, and building it through the query
   * builder cost more than running it.
   */
  async findActiveForAuth(id: string): Promise<{ user: AuthUser; tokenVersion: number } | null> {
    const [row] = await onPool(pgPoolOf(this.users.manager.connection))<AuthRow>('user-for-auth-posts', USER_FOR_AUTH, [id]);
    if (!row) return null;
    const { tokenVersion, areaPath, ...user } = row;
    return { user: { ...user, areaPath: user.areaId ? [...(areaPath ?? []), user.areaId] : [] }, tokenVersion };
  }

  /**
   * Active staff in the caller's scope: people with an active post there (一人多岗: a second post counts as much as
   * the first). The filters (area subtree, role, department) apply to one and the same active post. Leaders, operators
   * and administrators see work phones in full (they call the people they dispatch); an assessor judges figures and
   * calls no one, so sees them masked.
   */
  async list(scope: Scope, query: UserQuery, callerRole: Role): Promise<UserDto[]> {
    const phoneOf = callerRole === 'assessor' ? maskPhone : (phone: string | null) => phone;
    const conditions: string[] = [activePostAt('p', 'now()')];
    const params: Record<string, unknown> = {};
    const add = (condition: { sql: string; params: Record<string, unknown> }) => {
      conditions.push(condition.sql);
      Object.assign(params, condition.params);
    };
    if (scope.kind === 'department') add({ sql: 'p.department_id IN (:...scopeDepts)', params: { scopeDepts: scope.departmentIds } });
    else add(areaScopeCondition('p.area_id', scope));
    if (query.areaId) {
      await this.areas.assertVisible(scope, query.areaId, 'areaId');
      add(areaScopeCondition('p.area_id', { kind: 'area', areaIds: [query.areaId] }, 'filterAreaId'));
    }
    // A role lists the people who serve in it: the grid's specialised helpers (警格, 法律顾问 … of role grid_worker,
    // not dispatched) are not its grid workers; they are listed by their area or in the console.
    if (query.role) add({ sql: `p.role = :role AND (p.post_type = p.role OR p.post_type IN (SELECT code FROM post_types WHERE dispatchable))`, params: { role: query.role } });
    if (query.departmentId) add({ sql: 'p.department_id = :departmentId', params: { departmentId: query.departmentId } });
    const qb = this.users.createQueryBuilder('u').where('u.active').andWhere(`EXISTS (SELECT 1 FROM user_posts p WHERE p.user_id = u.id AND ${conditions.join(' AND ')})`, params);
    const rows = await qb.orderBy('u.username').getMany();
    const posts = await this.posts.ofUsers(rows.map((u) => u.id));
    return rows.map((u) => ({ id: u.id, username: u.username, role: u.role, areaId: u.areaId, departmentId: u.departmentId, displayName: u.displayName, phone: phoneOf(u.phone), posts: posts.get(u.id) ?? [] }));
  }
}
