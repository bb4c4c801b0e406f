import { Injectable } from '@nestjs/common';
import { DEPARTMENT_ROLES, DISTRICT_WIDE_ROLES } from '@grid/contracts';
import { forbidden, invalid } from '../../common/app-error';
import type { EntityManager } from 'typeorm';
import type { AuthUser } from '../auth/auth-user';
import { activePostAt } from '../users/user-posts';

export interface PlaceRef {
  areaId?: string | null;
  departmentId?: string | null;
}

export interface AreaRow {
  id: string;
  level: string;
  path: string[];
}

/**
 * Who may edit which rota (DESIGN §7a): admins every grid's and department's; a zone leader the grids of their
 * own zone and the people serving there. Also checks that the people and places named exist (400 per field).
 */
@Injectable()
export class RotaAccess {
  /** Areas the caller may edit the rota of, as a condition on an area's id and path; null: all. */
  zoneOf(user: AuthUser): string | null {
    return user.role === 'admin' ? null : user.areaId;
  }

  /** The grid or department of a shift or pattern: exists, is a grid, and is the caller's to edit. */
  async place(m: EntityManager, user: AuthUser, place: PlaceRef): Promise<void> {
    if (place.departmentId) {
      const [dept] = (await m.query(`SELECT id FROM departments WHERE id = $1`, [place.departmentId])) as unknown[];
      if (!dept) throw invalid('unknown department', { departmentId: 'unknown department' });
      if (user.role !== 'admin') throw forbidden('only an administrator edits a department’s rota');
      return;
    }
    const area = await this.area(m, user, place.areaId ?? '');
    if (area.level !== 'grid') throw invalid('a shift is served in a grid', { areaId: 'not a grid' });
  }

  /** An area named by an editor: exists (400), and is the caller's to edit (403). */
  async area(m: EntityManager, user: AuthUser, areaId: string): Promise<AreaRow> {
    const area = await this.findArea(m, areaId);
    if (!area) throw invalid('unknown area', { areaId: 'unknown area' });
    if (!this.within(user, area)) throw forbidden('a zone leader edits the rota of their own zone only');
    return area;
  }

  /** A person named in the rota: active, and (for a zone leader) serving in their zone. */
  async person(m: EntityManager, user: AuthUser, userId: string, field = 'userId'): Promise<void> {
    const [row] = (await m.query(`SELECT u.id, a.id AS area_id, a.path FROM users u LEFT JOIN areas a ON a.id = u.area_id WHERE u.id = $1 AND u.active`, [userId])) as { area_id: string | null; path: string[] | null }[];
    if (!row) throw invalid(`unknown person ${userId}`, { [field]: 'unknown or inactive person' });
    const zone = this.zoneOf(user);
    if (zone === null) return;
    if (!row.area_id || !this.within(user, { id: row.area_id, level: '', path: row.path ?? [] })) throw forbidden('a zone leader edits the rota of the people of their own zone only');
  }

  /**
   * A person on a department's rota serves in it (a post there now): the department's cases go to them, and only
   * its staff may act on them (400 on `field` otherwise).
   */
  async departmentMember(m: EntityManager, userId: string, departmentId: string, field = 'userId'): Promise<void> {
    const [row] = (await m.query(`SELECT 1 FROM user_posts p WHERE p.user_id = $1 AND p.department_id = $2 AND ${activePostAt('p', 'now()')} LIMIT 1`, [userId, departmentId])) as unknown[];
    if (!row) throw invalid('the person does not serve in this department', { [field]: 'not of this department' });
  }

  /** An area the caller may read who is on duty in: their own area's subtree; district-wide and department roles, any. */
  async readable(m: EntityManager, user: AuthUser, areaId: string): Promise<AreaRow | null> {
    const area = await this.findArea(m, areaId);
    if (!area) return null;
    const districtWide = DISTRICT_WIDE_ROLES.includes(user.role) || DEPARTMENT_ROLES.includes(user.role);
    return districtWide || area.id === user.areaId || area.path.includes(user.areaId ?? '') ? area : null;
  }

  private within(user: AuthUser, area: AreaRow): boolean {
    const zone = this.zoneOf(user);
    return zone === null || area.id === zone || area.path.includes(zone);
  }

  private async findArea(m: EntityManager, id: string): Promise<AreaRow | null> {
    const [row] = (await m.query(`SELECT id, level, path FROM areas WHERE id = $1`, [id])) as AreaRow[];
    return row ?? null;
  }
}
