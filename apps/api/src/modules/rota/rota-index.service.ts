import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { localDateOf, RotaIndex, shiftsWorthKeeping, type AssigneeChoice, type Duty, type DutyChoice } from '@grid/domain';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { DATABASE_URL } from '../../database/database.module';
import { listen } from '../../database/pg-listener';
import { DutyHolderSource } from './duty-holders.source';
import { leaveOf, patternOf, RotaStore, shiftOf } from './rota.store';

/** Postgres channel on which any change to the rota or the people is announced (migration 1763901500000). */
export const ROTA_CHANGED_CHANNEL = 'rota_changed';
/** Read whole again this often: the open-case loads settle, and a missed notice heals. */
const ROTA_RELOAD_MS = 60_000;
/** Notices in a burst (an import, the demo loading its people) cost one reading. */
const NOTICE_DEBOUNCE_MS = 200;
const DAY_MS = 86_400_000;

/**
 * Every grid's rota in memory (`RotaIndex`): a report learns its assignee without asking the database,
 * as it learns its grid and its duplicates (ADR 0006, ADR 0010). Read whole at the first pick, on every
 * `rota_changed` notice (any instance's edit, debounced) and every minute. A case this instance gives to
 * someone adds to their load at once; other instances' cases count from the next reading.
 */
@Injectable()
export class RotaIndexService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(RotaIndexService.name);
  private index: RotaIndex | null = null;
  private reading: Promise<RotaIndex> | null = null;
  private next: Promise<RotaIndex> | null = null;
  private stopListening: (() => Promise<void>) | null = null;
  private timer: NodeJS.Timeout | null = null;
  private debounce: NodeJS.Timeout | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(DATABASE_URL) private readonly databaseUrl: string,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly store: RotaStore,
    private readonly holders: DutyHolderSource,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.stopListening = await listen(this.databaseUrl, ROTA_CHANGED_CHANNEL, () => this.noticed(), this.logger);
    this.timer = setInterval(() => void this.reloadQuietly(), ROTA_RELOAD_MS);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    if (this.debounce) clearTimeout(this.debounce);
    await this.stopListening?.();
  }

  /** The assignee of a new case in the grid ending `areaPath`, from memory (the first call reads the rota). */
  async pick(areaPath: readonly string[], at: Date): Promise<AssigneeChoice> {
    const index = this.index ?? (await this.reload());
    return index.pick(areaPath, at.getTime());
  }

  /** Each department's staff member on duty at the instant (of `only`, when given), from memory; departments keeping no rota are absent. */
  async departmentOnDuty(at: Date, only?: readonly string[]): Promise<Record<string, DutyChoice>> {
    const index = this.index ?? (await this.reload());
    return index.departmentOnDuty(at.getTime(), only);
  }

  /** Where and when the person is on duty at the instant, or will be within `earlyMs`. */
  async dutyOf(userId: string, at: Date, earlyMs: number): Promise<Duty | null> {
    const index = this.index ?? (await this.reload());
    return index.dutyOf(userId, at.getTime(), earlyMs);
  }

  /** A case committed with this assignee: their load grows until the next reading. */
  assigned(userId: string | null): void {
    if (userId) this.index?.assigned(userId);
  }

  /** Reads the rota again; the answer reflects every change committed before the call. */
  reload(): Promise<RotaIndex> {
    if (!this.reading) return this.startReading();
    // The reading under way may have begun before the change that asks: one more after it serves every such call.
    return (this.next ??= this.reading
      .catch(() => undefined)
      .then(() => {
        this.next = null;
        return this.startReading();
      }));
  }

  private startReading(): Promise<RotaIndex> {
    const reading = this.read().finally(() => {
      if (this.reading === reading) this.reading = null;
    });
    this.reading = reading;
    return reading;
  }

  private async read(): Promise<RotaIndex> {
    const m = this.dataSource.manager;
    const now = Date.now();
    const since = now - 8 * DAY_MS;
    const [shifts, patterns, leaves, holders, loads] = await Promise.all([
      this.store.shifts(m, {}, since, now + 366 * DAY_MS),
      this.store.patterns(m, {}, { from: localDateOf(new Date(now - DAY_MS).toISOString()), to: '9999-12-31' }),
      this.store.leaves(m, null, now - DAY_MS, now + 366 * DAY_MS),
      this.holders.all(m),
      this.store.openCaseLoads(m, null),
    ]);
    const index = new RotaIndex(
      {
        shifts: shiftsWorthKeeping(shifts.map(shiftOf), now),
        patterns: patterns.map(patternOf),
        leaves: leaves.map(leaveOf),
        holders,
        openCases: loads,
      },
      this.config.dispatchChain,
    );
    this.index = index;
    return index;
  }

  private noticed(): void {
    if (this.debounce) return;
    this.debounce = setTimeout(() => {
      this.debounce = null;
      void this.reloadQuietly();
    }, NOTICE_DEBOUNCE_MS);
    this.debounce.unref();
  }

  private async reloadQuietly(): Promise<void> {
    await this.reload().then(
      () => undefined,
      (error: Error) => this.logger.warn(`reading the rota failed: ${error.message}`),
    );
  }
}
