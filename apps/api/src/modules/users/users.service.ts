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
import { UserEntity } from './user.entity';

interface AuthRow {
  id: string;
  username: string;
  role: Role;
  areaId: string | null;
  departmentId: string | null;
  displayName: string;
  tokenVersion: number;
  areaPath: string[] | null;
  areaLevel: AreaLevel | null;
}

const USER_FOR_AUTH = `
  SELECT u.id, u.username, u.role, u.area_id AS "areaId", u.department_id AS "departmentId", u.display_name AS "displayName",
    u.token_version AS "tokenVersion", a.path AS "areaPath", a.level AS "areaLevel"
  FROM users u LEFT JOIN areas a ON a.id = u.area_id
  WHERE u.id = $1 AND u.active`;

@Injectable()
export class UsersService {
  constructor(
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    private readonly areas: AreasService,
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
    const [row] = await onPool(pgPoolOf(this.users.manager.connection))<AuthRow>('user-for-auth', USER_FOR_AUTH, [id]);
    if (!row) return null;
    const { tokenVersion, areaPath, ...user } = row;
    return { user: { ...user, areaPath: user.areaId ? [...(areaPath ?? []), user.areaId] : [] }, tokenVersion };
  }

  /**
   * Active staff in the caller's scope. Leaders, operators and administrators see work phones in full (they
   * call the people they dispatch); an assessor judges figures and calls no one, so sees them masked.
   */
  async list(scope: Scope, query: UserQuery, callerRole: Role): Promise<UserDto[]> {
    const phoneOf = callerRole === 'assessor' ? maskPhone : (phone: string | null) => phone;
    const qb = this.users.createQueryBuilder('u').where('u.active');
    if (scope.kind === 'department') qb.andWhere('u.department_id = :scopeDept', { scopeDept: scope.departmentId });
    else {
      const condition = areaScopeCondition('u.area_id', scope);
      qb.andWhere(condition.sql, condition.params);
    }
    if (query.areaId) {
      await this.areas.assertVisible(scope, query.areaId, 'areaId');
      const within = areaScopeCondition('u.area_id', { kind: 'area', areaId: query.areaId }, 'filterAreaId');
      qb.andWhere(within.sql, within.params);
    }
    if (query.role) qb.andWhere('u.role = :role', { role: query.role });
    if (query.departmentId) qb.andWhere('u.department_id = :departmentId', { departmentId: query.departmentId });
    const rows = await qb.orderBy('u.username').getMany();
    return rows.map((u) => ({ id: u.id, username: u.username, role: u.role, areaId: u.areaId, departmentId: u.departmentId, displayName: u.displayName, phone: phoneOf(u.phone) }));
  }
}
