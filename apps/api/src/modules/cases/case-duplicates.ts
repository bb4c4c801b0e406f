import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { LatLng } from '@grid/contracts';
import { findDuplicateCandidates, OpenCaseIndex, TERMINAL_STATUSES, type OpenCaseChange } from '@grid/domain';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { onPool, pgPoolOf } from '../../database/pg-pool';
import { TERMINAL } from '../assessment/assessment-sql';
import { RedisConnection } from '../redis/redis-connection';
import type { CaseEntity } from './case.entity';

/** How often the index is read again from the database whole: what heals a change no instance told of. */
const OPEN_CASES_RELOAD_MS = 60_000;

/** The Redis channel on which instances tell each other of cases opened and closed. */
const CHANNEL = 'grid:open-cases';

interface Lookup {
  categoryCode: string;
  location: LatLng;
  at: Date;
}

/** What one instance tells the others: the changes of one turn of its event loop. */
interface Broadcast {
  from: string;
  changes: OpenCaseChange[];
}

const OPEN_SINCE = `
  SELECT id, category_code, lat, lng, reported_at FROM cases
  WHERE status NOT IN ${TERMINAL} AND merged_into IS NULL AND reported_at >= $1`;

/** A case as duplicate detection needs it: open and not merged, or gone. */
function openCaseChangeOf(row: Pick<CaseEntity, 'id' | 'status' | 'mergedInto' | 'categoryCode' | 'lat' | 'lng' | 'reportedAt'>): OpenCaseChange {
  if (TERMINAL_STATUSES.includes(row.status) || row.mergedInto) return { kind: 'gone', id: row.id };
  return { kind: 'open', entry: { id: row.id, categoryCode: row.categoryCode, location: { lat: row.lat, lng: row.lng }, reportedAt: row.reportedAt.toISOString() } };
}

/**
 * Finds open cases that a new report probably repeats, from the open cases of the duplicate window held in
 * memory (`OpenCaseIndex`): a report asks the database nothing before the statement that writes it.
 *
 * The index is read whole at the first lookup and every `OPEN_CASES_RELOAD_MS`. Each case this instance writes
 * is applied when its transaction commits (`observe`) and told to the other instances over Redis (when
 * `REDIS_URL` is set), which apply it as it arrives: a few milliseconds behind, as the lookups of reports
 * arriving together never saw each other either. A change no one told of (Redis away, another program writing
 * cases) is healed by the next reload, and at once when Redis returns.
 */
@Injectable()
export class CaseDuplicateFinder implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(CaseDuplicateFinder.name);
  private readonly instance = randomUUID();
  private index: OpenCaseIndex | null = null;
  private reloading: Promise<void> | null = null;
  /** Changes seen while a reload reads (it may have read the database before them); null when none runs. */
  private seenDuringReload: OpenCaseChange[] | null = null;
  private outbox: OpenCaseChange[] = [];
  private timer: NodeJS.Timeout | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly redis: RedisConnection,
  ) {}

  private get enabled(): boolean {
    return this.config.duplicates.radiusMeters > 0 && this.config.duplicates.windowHours > 0;
  }

  onApplicationBootstrap(): void {
    if (!this.enabled) return;
    this.redis.subscribe(CHANNEL, (message) => this.heard(message));
    this.redis.onRecovered(() => void this.reloadQuietly());
    this.timer = setInterval(() => void this.reloadQuietly(), OPEN_CASES_RELOAD_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }

  async candidateIds(report: Lookup): Promise<string[]> {
    if (!this.enabled) return [];
    if (!this.index) await this.reload(); // the first lookup reads the open cases; if that fails, the next one tries again
    const { radiusMeters, windowHours } = this.config.duplicates;
    const near = (this.index as OpenCaseIndex).near(report.categoryCode, report.location);
    const probe = { categoryCode: report.categoryCode, location: report.location, reportedAt: report.at.toISOString() };
    return findDuplicateCandidates(probe, near, { radiusMeters, windowHours }).map((c) => c.case.id);
  }

  /** A case as a transaction of this instance has just committed it: applied here, and told to the other instances. */
  observe(row: CaseEntity): void {
    if (!this.enabled) return;
    const change = openCaseChangeOf(row);
    this.apply(change);
    if (!this.redis.enabled) return;
    if (!this.outbox.length) setImmediate(() => this.flush());
    this.outbox.push(change);
  }

  /** Reads the open cases of the window again, keeping every change seen while the statement ran (one reload at a time). */
  reload(): Promise<void> {
    if (!this.enabled) return Promise.resolve();
    return (this.reloading ??= this.readAll().finally(() => (this.reloading = null)));
  }

  private async readAll(): Promise<void> {
    const seen: OpenCaseChange[] = [];
    this.seenDuringReload = seen;
    try {
      const since = new Date(Date.now() - this.config.duplicates.windowHours * 3_600_000);
      const rows = await onPool(pgPoolOf(this.dataSource))<{ id: string; category_code: string; lat: number; lng: number; reported_at: Date }>('open-cases-since', OPEN_SINCE, [since]);
      const index = new OpenCaseIndex(this.config.duplicates.radiusMeters);
      for (const r of rows) index.put({ id: r.id, categoryCode: r.category_code, location: { lat: r.lat, lng: r.lng }, reportedAt: r.reported_at.toISOString() });
      for (const change of seen) index.apply(change);
      this.index = index;
    } finally {
      if (this.seenDuringReload === seen) this.seenDuringReload = null;
    }
  }

  private async reloadQuietly(): Promise<void> {
    await this.reload().catch((error: Error) => this.logger.warn(`reloading the open cases failed: ${error.message}`));
  }

  private apply(change: OpenCaseChange): void {
    this.index?.apply(change);
    this.seenDuringReload?.push(change);
  }

  private flush(): void {
    const changes = this.outbox;
    this.outbox = [];
    this.redis.publish(CHANNEL, JSON.stringify({ from: this.instance, changes } satisfies Broadcast));
  }

  private heard(message: string): void {
    try {
      const broadcast = JSON.parse(message) as Broadcast;
      if (broadcast.from === this.instance) return;
      for (const change of broadcast.changes) this.apply(change);
    } catch (error) {
      this.logger.warn(`an open-cases message could not be read: ${(error as Error).message}`);
    }
  }
}
