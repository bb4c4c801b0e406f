import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import type { CaseCategory, Actor } from '@grid/domain';
import { EntityManager } from 'typeorm';
import { invalid } from '../../common/app-error';
import { DATABASE_URL } from '../../database/database.module';
import { listen } from '../../database/pg-listener';
import type { AuthUser } from '../auth/auth-user';
import { CategoryCatalog, type CategoryAt } from '../categories/category-catalog';
import { DepartmentEntity } from '../departments/department.entity';
import { UserEntity } from '../users/user.entity';
import { WorkCalendarService } from '../calendar/work-calendar.service';

/** A category in one version, as the state machine and the SLA clock need it, with its display fields. */
export type LoadedCategory = CaseCategory & Pick<CategoryAt['state'], 'name' | 'nameEn' | 'points' | 'extraFields' | 'version'> & { sensitive: boolean };

export function actorOf(user: AuthUser): Actor {
  return { id: user.id, role: user.role, areaId: user.areaId, areaPath: user.areaPath, departmentId: user.departmentId };
}

/**
 * Reference data changes rarely (an admin edits the responsibility list) and every report reads it: it is
 * kept in memory, dropped at once when any instance changes it (a trigger NOTIFYs `reference_changed`),
 * and re-read at least this often in case a notification was missed while disconnected.
 */
export const REFERENCE_TTL_MS = 30_000;

class TtlCache<V> {
  private readonly entries = new Map<string, { value: V; until: number }>();
  constructor(private readonly ttlMs: number) {}

  clear(): void {
    this.entries.clear();
  }

  async get(key: string, load: () => Promise<V>): Promise<V> {
    const hit = this.entries.get(key);
    if (hit && hit.until > Date.now()) return hit.value;
    const value = await load();
    this.entries.set(key, { value, until: Date.now() + this.ttlMs });
    return value;
  }
}

/** Loads what a decision needs besides the case: the category rules, departments, the grid's worker on duty. */
@Injectable()
export class CaseContextLoader implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(CaseContextLoader.name);
  private stopListening: (() => Promise<void>) | null = null;

  constructor(
    @Inject(DATABASE_URL) private readonly databaseUrl: string,
    private readonly calendars: WorkCalendarService,
    private readonly catalog: CategoryCatalog,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.stopListening = await listen(this.databaseUrl, 'reference_changed', () => this.forget(), this.logger);
  }

  async onModuleDestroy(): Promise<void> {
    await this.stopListening?.();
  }

  /** Drops everything cached; the next decision reads the responsibility list (and the working calendar) again. */
  forget(): void {
    this.departments.clear();
    this.onDuty.clear();
    void this.calendars.reload();
  }

  private readonly departments = new TtlCache<Record<string, string>>(REFERENCE_TTL_MS);
  private readonly onDuty = new TtlCache<string | null>(REFERENCE_TTL_MS);

  /**
   * The category's rules: in the version a case was routed under (`version`), or, for a new report, in the version in
   * effect now. From memory (CategoryCatalog); the database is asked only for a code or version not seen yet.
   */
  async category(manager: EntityManager, code: string, version?: number): Promise<LoadedCategory> {
    const found = version === undefined ? await this.catalog.inEffect(code, new Date(), manager) : await this.catalog.atVersion(code, version, manager);
    if (!found || (version === undefined && !found.active)) throw invalid(`unknown category ${code}`, { categoryCode: 'unknown category' });
    return loadedCategory(found);
  }

  departmentIdByCode(manager: EntityManager): Promise<Record<string, string>> {
    return this.departments.get('all', async () => {
      const rows = await manager.find(DepartmentEntity, { select: { id: true, code: true } });
      return Object.fromEntries(rows.map((d) => [d.code, d.id]));
    });
  }

  /**
   * The grid's worker on duty. There is no duty roster yet: the grid's first active grid worker (by
   * username) is on duty; a roster will replace this one query.
   */
  onDutyWorkerId(manager: EntityManager, gridId: string): Promise<string | null> {
    return this.onDuty.get(gridId, async () => {
      const worker = await manager.findOne(UserEntity, { select: { id: true }, where: { areaId: gridId, role: 'grid_worker', active: true }, order: { username: 'ASC' } });
      return worker?.id ?? null;
    });
  }
}

function loadedCategory({ code, sensitive, state: c }: CategoryAt): LoadedCategory {
  return {
    code,
    version: c.version,
    name: c.name,
    nameEn: c.nameEn,
    handlingLevel: c.handlingLevel,
    departmentCode: c.departmentCode,
    clock: c.clock,
    timeLimits: c.timeLimits,
    requiresVerification: c.requiresVerification,
    sensitive,
    points: c.points,
    extraFields: c.extraFields,
    ...(c.kind ? { kind: c.kind } : {}),
    ...(c.autoRegister === null ? {} : { autoRegister: c.autoRegister }),
    ...(c.autoDispatch === null ? {} : { autoDispatch: c.autoDispatch }),
    ...(c.autoEscalateOnOverdue === null ? {} : { autoEscalateOnOverdue: c.autoEscalateOnOverdue }),
  };
}
