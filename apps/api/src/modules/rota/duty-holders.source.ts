import { Injectable } from '@nestjs/common';
import type { DutyHolder } from '@grid/domain';
import type { EntityManager } from 'typeorm';
import { activePostAt } from '../users/user-posts';

/**
 * Who may be chosen for a grid's cases: the people holding a dispatchable grid worker's or grid leader's post
 * there now (一人多岗: a person with posts in two grids is a holder in both; the specialised helpers of 1+2+N
 * are not dispatched). The one place the rota reads holders from; a change of posts is announced on
 * `rota_changed` (migration 1763901510000), and the index re-reads every minute for posts that start or end.
 */
@Injectable()
export class DutyHolderSource {
  /** Every holder, or those of the given areas; in username order (it breaks ties). */
  async all(manager: EntityManager, areaIds: readonly string[] | null = null): Promise<DutyHolder[]> {
    const rows = (await manager.query(
      `SELECT DISTINCT u.username, u.id, p.role, p.area_id
       FROM user_posts p JOIN users u ON u.id = p.user_id JOIN post_types t ON t.code = p.post_type
       WHERE u.active AND t.dispatchable AND p.area_id IS NOT NULL AND p.role IN ('grid_worker', 'grid_leader')
         AND ${activePostAt('p', 'now()')} ${areaIds ? 'AND p.area_id = ANY($1::uuid[])' : ''}
       ORDER BY u.username`,
      areaIds ? [areaIds] : [],
    )) as { id: string; role: DutyHolder['role']; area_id: string }[];
    return rows.map((r) => ({ userId: r.id, role: r.role, areaId: r.area_id }));
  }
}
