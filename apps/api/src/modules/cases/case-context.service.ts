import { Injectable } from '@nestjs/common';
import type { CaseCategory, Actor } from '@grid/domain';
import { EntityManager } from 'typeorm';
import { invalid } from '../../common/app-error';
import type { AuthUser } from '../auth/auth-user';
import { CategoryEntity } from '../categories/category.entity';
import { DepartmentEntity } from '../departments/department.entity';
import { UserEntity } from '../users/user.entity';

/** A category as the state machine and the SLA clock need it, with its display fields. */
export type LoadedCategory = CaseCategory & Pick<CategoryEntity, 'name' | 'nameEn' | 'sensitive' | 'points'>;

export function actorOf(user: AuthUser): Actor {
  return { id: user.id, role: user.role, areaId: user.areaId, areaPath: user.areaPath, departmentId: user.departmentId };
}

/** Loads what a decision needs besides the case: the category rules, departments, the grid's worker on duty. */
@Injectable()
export class CaseContextLoader {
  async category(manager: EntityManager, code: string): Promise<LoadedCategory> {
    const c = await manager.findOneBy(CategoryEntity, { code, active: true });
    if (!c) throw invalid(`unknown category ${code}`, { categoryCode: 'unknown category' });
    return {
      code: c.code,
      name: c.name,
      nameEn: c.nameEn,
      handlingLevel: c.handlingLevel,
      departmentCode: c.departmentCode,
      clock: c.clock,
      timeLimits: c.timeLimits,
      requiresVerification: c.requiresVerification,
      sensitive: c.sensitive,
      points: c.points,
      ...(c.kind ? { kind: c.kind } : {}),
      ...(c.autoRegister === null ? {} : { autoRegister: c.autoRegister }),
      ...(c.autoDispatch === null ? {} : { autoDispatch: c.autoDispatch }),
      ...(c.autoEscalateOnOverdue === null ? {} : { autoEscalateOnOverdue: c.autoEscalateOnOverdue }),
    };
  }

  async departmentIdByCode(manager: EntityManager): Promise<Record<string, string>> {
    const rows = await manager.find(DepartmentEntity, { select: { id: true, code: true } });
    return Object.fromEntries(rows.map((d) => [d.code, d.id]));
  }

  /**
   * The grid's worker on duty. There is no duty roster yet: the grid's first active grid worker (by
   * username) is on duty; a roster will replace this one query.
   */
  async onDutyWorkerId(manager: EntityManager, gridId: string): Promise<string | null> {
    const worker = await manager.findOne(UserEntity, { select: { id: true }, where: { areaId: gridId, role: 'grid_worker', active: true }, order: { username: 'ASC' } });
    return worker?.id ?? null;
  }
}
