import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { CategoryKind, CategoryState } from '@grid/contracts';
import { nextScheduledVersion, versionInEffect } from '@grid/domain';
import { DataSource, EntityManager } from 'typeorm';
import { DATABASE_URL } from '../../database/database.module';
import { listen } from '../../database/pg-listener';

/** One stored version of a category: its state, when it takes effect, who made it and why. */
export interface CategoryVersionRecord extends CategoryState {
  code: string;
  version: number;
  effectiveFrom: string;
  kind: CategoryKind | null;
  autoRegister: boolean | null;
  autoDispatch: boolean | null;
  autoEscalateOnOverdue: boolean | null;
  reason: string;
  createdAt: string;
  createdById: string | null;
  createdByName: string;
}

/** A category: what is its own (code, parent, sensitivity, order) and every version of its state, oldest first. */
export interface CatalogCategory {
  id: string;
  code: string;
  parentCode: string | null;
  sensitive: boolean;
  sortOrder: number;
  active: boolean;
  versions: CategoryVersionRecord[];
}

/** A category as it stands in one version. */
export type CategoryAt = Omit<CatalogCategory, 'versions'> & { state: CategoryVersionRecord };

/** Re-read at least this often, in case a notification was missed while the listener was away. */
export const CATALOG_REFRESH_MS = 30_000;
/** The tables whose changes the catalog reads again. */
const LIST_TABLES = new Set(['categories', 'category_versions']);
/** An unknown code or version re-reads the list at most this often (a client naming nonsense codes costs no queries). */
const MISS_RELOAD_MS = 1_000;

interface VersionRow {
  category_code: string;
  version: number;
  effective_from: Date;
  name: string;
  name_en: string;
  handling_level: CategoryState['handlingLevel'];
  department_code: string | null;
  clock: CategoryState['clock'];
  time_limits: CategoryState['timeLimits'];
  requires_verification: boolean;
  points: number;
  extra_fields: CategoryState['extraFields'];
  kind: CategoryKind | null;
  auto_register: boolean | null;
  auto_dispatch: boolean | null;
  auto_escalate_on_overdue: boolean | null;
  reason: string;
  created_at: Date;
  created_by: string | null;
  created_by_name: string;
}

/**
 * The responsibility list with every version of every category, in memory on each instance (ADR 0011): a report
 * asks the database nothing about its category before its write (ADR 0006), and a case's clocks read the
 * version it was routed under. Which version is in effect is a pure function of the versions and the instant
 * (`versionInEffect`), so a version scheduled for a date switches on every instance at that instant with no
 * message. Any change is announced (`reference_changed`) and every instance re-reads the list; it is re-read
 * every 30 s besides. When a scheduled version comes due, each instance also moves the `categories` rows to it
 * (`apply_due_category_versions()`, idempotent) for the SQL that reads them.
 */
@Injectable()
export class CategoryCatalog implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(CategoryCatalog.name);
  private categories = new Map<string, CatalogCategory>();
  private loading: Promise<void> | null = null;
  private lastMissReload = 0;
  private refreshTimer: NodeJS.Timeout | null = null;
  private switchTimer: NodeJS.Timeout | null = null;
  private stopListening: (() => Promise<void>) | null = null;
  private stopped = false;
  /** The version each `categories` row holds, as last read (whether a version come due is applied there yet). */
  private appliedVersions = new Map<string, number>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(DATABASE_URL) private readonly databaseUrl: string,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.reload();
    // The notice names the table that changed (users change often: sign-ins); after a reconnection it names none.
    const onNotice = (notice?: { payload?: string }) => {
      if (notice?.payload && !LIST_TABLES.has(notice.payload)) return;
      void this.reload().catch((e: Error) => this.logger.warn(`reload failed: ${e.message}`));
    };
    this.stopListening = await listen(this.databaseUrl, 'reference_changed', onNotice, this.logger);
    this.refreshTimer = setInterval(() => void this.reload().catch((e: Error) => this.logger.warn(`reload failed: ${e.message}`)), CATALOG_REFRESH_MS);
    this.refreshTimer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    if (this.refreshTimer) clearInterval(this.refreshTimer);
    if (this.switchTimer) clearTimeout(this.switchTimer);
    await this.stopListening?.();
    await this.loading?.catch(() => undefined);
  }

  /** Reads the whole list again (through `manager` inside a transaction that wrote to it). */
  reload(manager?: EntityManager): Promise<void> {
    if (manager) return this.read(manager);
    // Loads asked for while one runs share the next one, so none answers from a read begun before its change.
    const next: Promise<void> = (this.loading ?? Promise.resolve()).catch(() => undefined).then(() => this.read(this.dataSource.manager));
    this.loading = next.finally(() => {
      if (this.loading === next) this.loading = null;
    });
    return next;
  }

  /** Every category (active ones unless asked), parents first in the list's order, each in the version in effect at `at`. */
  all(at: Date = new Date(), options: { inactive?: boolean } = {}): CategoryAt[] {
    const iso = at.toISOString();
    return [...this.categories.values()]
      .filter((c) => options.inactive || c.active)
      .flatMap((c) => {
        const state = versionInEffect(c.versions, iso);
        return state ? [atVersion(c, state)] : [];
      });
  }

  /** Every version of a category, oldest first (null: no such category). */
  history(code: string): CatalogCategory | null {
    return this.categories.get(code) ?? null;
  }

  /** The category in the version in effect at `at`; null when it does not exist (or had no version yet). */
  async inEffect(code: string, at: Date = new Date(), manager?: EntityManager): Promise<CategoryAt | null> {
    const pick = () => {
      const c = this.categories.get(code);
      const state = c && versionInEffect(c.versions, at.toISOString());
      return c && state ? atVersion(c, state) : null;
    };
    return pick() ?? ((await this.reloadOnMiss(manager)) ? pick() : null);
  }

  /** The category in one of its versions (a case's); null when unknown. */
  async atVersion(code: string, version: number, manager?: EntityManager): Promise<CategoryAt | null> {
    const pick = () => {
      const c = this.categories.get(code);
      const state = c?.versions.find((v) => v.version === version);
      return c && state ? atVersion(c, state) : null;
    };
    return pick() ?? ((await this.reloadOnMiss(manager)) ? pick() : null);
  }

  /** A category or version made on another instance a moment ago may not be here yet: read again, not too often. */
  private async reloadOnMiss(manager: EntityManager | undefined): Promise<boolean> {
    // Inside a transaction (the demo loader seeding the list) its own writes are visible only through it.
    if (manager && !manager.queryRunner?.isReleased && manager.queryRunner?.isTransactionActive) {
      await this.reload(manager);
      return true;
    }
    if (Date.now() - this.lastMissReload < MISS_RELOAD_MS) return false;
    this.lastMissReload = Date.now();
    await this.reload();
    return true;
  }

  private async read(manager: EntityManager): Promise<void> {
    // One after the other: the manager may be a transaction's, whose one connection takes one query at a time.
    const categories = (await manager.query(`SELECT id, code, parent_code, sensitive, sort_order, active, version FROM categories ORDER BY sort_order, code`)) as {
      id: string; code: string; parent_code: string | null; sensitive: boolean; sort_order: number; active: boolean; version: number;
    }[];
    const versions = (await manager.query(`SELECT * FROM category_versions ORDER BY category_code, version`)) as VersionRow[];
    const byCode = new Map<string, CategoryVersionRecord[]>();
    for (const row of versions) byCode.set(row.category_code, [...(byCode.get(row.category_code) ?? []), toRecord(row)]);
    this.categories = new Map(
      categories.map((c) => [c.code, { id: c.id, code: c.code, parentCode: c.parent_code, sensitive: c.sensitive, sortOrder: c.sort_order, active: c.active, versions: byCode.get(c.code) ?? [] }]),
    );
    this.appliedVersions = new Map(categories.map((c) => [c.code, c.version]));
    this.scheduleSwitch();
  }

  /**
   * At the next scheduled version's instant, move the `categories` rows to the versions now in effect (every
   * instance does; the second finds nothing to move). Lookups here need no timer: they select by instant.
   */
  private scheduleSwitch(): void {
    if (this.switchTimer) clearTimeout(this.switchTimer);
    this.switchTimer = null;
    if (this.stopped) return;
    const now = new Date().toISOString();
    const next = [...this.categories.values()].map((c) => nextScheduledVersion(c.versions, now)?.effectiveFrom).filter((t): t is string => !!t).sort()[0];
    const due = [...this.categories.values()].some((c) => {
      const current = versionInEffect(c.versions, now);
      return current && current.version !== this.appliedVersions.get(c.code);
    });
    if (!next && !due) return;
    // A row behind its version is moved a second later (not at once: were the database's clock behind ours, nothing
    // would move and we would ask again in a loop). Timers hold at most 24.8 days; every reload reschedules.
    const delay = due ? 1_000 : Math.min(Date.parse(next as string) - Date.now() + 50, 2 ** 31 - 1);
    this.switchTimer = setTimeout(() => void this.applyDue(), Math.max(0, delay));
    this.switchTimer.unref();
  }

  private async applyDue(): Promise<void> {
    try {
      // Moving a row announces it (reference_changed): every instance, this one included, reads the list again.
      const [{ moved }] = (await this.dataSource.query(`SELECT apply_due_category_versions() AS moved`)) as { moved: number }[];
      if (moved) this.logger.log(`${moved} categories switched to their scheduled version`);
    } catch (error) {
      this.logger.warn(`switching scheduled category versions failed: ${(error as Error).message}`);
    }
  }
}

function atVersion(c: CatalogCategory, state: CategoryVersionRecord): CategoryAt {
  return { id: c.id, code: c.code, parentCode: c.parentCode, sensitive: c.sensitive, sortOrder: c.sortOrder, active: c.active, state };
}

function toRecord(r: VersionRow): CategoryVersionRecord {
  return {
    code: r.category_code,
    version: r.version,
    effectiveFrom: r.effective_from.toISOString(),
    name: r.name,
    nameEn: r.name_en,
    handlingLevel: r.handling_level,
    departmentCode: r.department_code,
    clock: r.clock,
    timeLimits: r.time_limits,
    requiresVerification: r.requires_verification,
    points: r.points,
    extraFields: r.extra_fields,
    kind: r.kind,
    autoRegister: r.auto_register,
    autoDispatch: r.auto_dispatch,
    autoEscalateOnOverdue: r.auto_escalate_on_overdue,
    reason: r.reason,
    createdAt: r.created_at.toISOString(),
    createdById: r.created_by,
    createdByName: r.created_by_name,
  };
}
