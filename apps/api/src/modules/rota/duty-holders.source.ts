import { Injectable } from '@nestjs/common';
import type { DutyHolder } from '@grid/domain';
import type { EntityManager } from 'typeorm';

/**
 * Who may be chosen for a grid's cases: its grid workers and the grid leaders over it. The one place that
 * reads them; today from `users.role` + `users.area_id`, to be switched to the posts held now (一人多岗,
 * `user_posts`) when they land — nothing else in the rota knows where holders come from.
 */
@Injectable()
export class DutyHolderSource {
  /** Every holder, or those of the given areas; in username order (it breaks ties). */
  async all(manager: EntityManager, areaIds: readonly string[] | null = null): Promise<DutyHolder[]> {
    const rows = (await manager.query(
      `SELECT id, role, area_id FROM users WHERE active AND area_id IS NOT NULL AND role IN ('grid_worker', 'grid_leader')
       ${areaIds ? 'AND area_id = ANY($1::uuid[])' : ''} ORDER BY username`,
      areaIds ? [areaIds] : [],
    )) as { id: string; role: DutyHolder['role']; area_id: string }[];
    return rows.map((r) => ({ userId: r.id, role: r.role, areaId: r.area_id }));
  }
}
