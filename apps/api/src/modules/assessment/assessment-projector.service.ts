import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { caseFacts, type AssessmentCaseFacts } from '@grid/domain';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { CaseSlaService } from '../cases/case-sla.service';
import { AssessmentFactsStore, categoryRulesKey, type RollupCell } from './assessment-facts.store';

const BATCH = 200;
/** Cases computed between two turns of the event loop, so that requests get in between. */
const YIELD_EVERY = 20;
/** Rollup cells per transaction when catching up on queued cells (a backfill). */
const CELL_BATCH = 200;
/**
 * Cases one run projects at most. A large catch-up (the first start on an existing database, a bulk import)
 * goes on in the runs after it, so an answer never waits for more than one run, nor shutdown.
 */
export const RUN_LIMIT = 10_000;
/** A pause between catch-up runs, so that answers and intake get their turn. */
const CATCH_UP_PAUSE_MS = 50;

/** What one run did: cases projected, and whether it stopped at its limit with work left. */
export interface ProjectionRun {
  projected: number;
  more: boolean;
}

/**
 * Keeps `assessment_facts` and their monthly rollups in step with the timeline: claims dirty cases (FOR UPDATE
 * SKIP LOCKED, so any number of instances share the work), recomputes each case's facts from its whole event
 * list with the domain's `caseFacts`, stores them and recomputes the rollup cells they left or joined, in the
 * same transaction that removed the marks. In the background it also rolls up cells queued by a backfill.
 */
@Injectable()
export class AssessmentProjector implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(AssessmentProjector.name);
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private running: Promise<ProjectionRun> | null = null;
  private background: Promise<void> | null = null;
  /** Cases one run projects at most (`RUN_LIMIT`; a test lowers it to make a backlog out of the demo history). */
  runLimit = RUN_LIMIT;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly store: AssessmentFactsStore,
    private readonly sla: CaseSlaService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * How often this instance looks for work when there is none (ASSESSMENT_PROJECTION_SECONDS, 2 s by default);
   * while a catch-up lasts, runs follow each other. Often, so that each run is small: at 200 reports/s a 15 s
   * interval made bursts of 3,000 cases that delayed the requests queued behind them.
   */
  private get intervalMs(): number {
    return this.config.assessmentProjectionSeconds * 1000;
  }

  onApplicationBootstrap(): void {
    // 0: no background runs (the tests drive the projector); an assessment still projects before it answers.
    if (this.intervalMs > 0) this.schedule(this.intervalMs);
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await Promise.all([this.running?.catch(() => undefined), this.background?.catch(() => undefined)]);
  }

  /**
   * Projects the cases dirty by now, up to `runLimit`; answers how many, and whether some were left for the
   * next runs. Runs one at a time per instance: a call while a run is under way queues behind it (that run may
   * have claimed before the caller's changes).
   */
  projectDirty(now = new Date()): Promise<ProjectionRun> {
    const run = (this.running ?? Promise.resolve({ projected: 0, more: false })).catch(() => undefined).then(() => this.projectUpTo(now, this.runLimit));
    this.running = run;
    void run.finally(() => {
      if (this.running === run) this.running = null;
    }).catch(() => undefined);
    return run;
  }

  /** Cases still waiting for their projection (counted when a run stopped at its limit). */
  async pendingCases(): Promise<number> {
    const [row] = (await this.dataSource.query(`SELECT count(*)::int AS n FROM assessment_dirty`)) as { n: number }[];
    return row.n;
  }

  /** Rolls up to `limit` queued cells (a backfill); answers how many. */
  rollUpStaleCells(limit: number): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const cells = await this.store.claimStaleCells(manager, limit);
      await this.store.refreshCells(manager, cells);
      return cells.length;
    });
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.background = this.tick()
        .catch((error: Error) => {
          this.logger.warn(`assessment projection failed: ${error.message}`);
          return false;
        })
        .then((more) => this.schedule(more ? CATCH_UP_PAUSE_MS : this.intervalMs));
    }, ms);
    this.timer.unref();
  }

  /** One background run: dirty cases, then a batch of queued cells; true while a catch-up has more to do. */
  private async tick(): Promise<boolean> {
    const { more } = await this.projectDirty();
    if (this.stopped) return false;
    const cells = await this.rollUpStaleCells(CELL_BATCH);
    return more || cells === CELL_BATCH;
  }

  private async projectUpTo(now: Date, limit: number): Promise<ProjectionRun> {
    let projected = 0;
    while (projected < limit) {
      const n = await this.projectBatch(now);
      projected += n;
      if (n < BATCH) return { projected, more: false };
    }
    return { projected, more: true };
  }

  private projectBatch(now: Date): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const ids = await this.store.claimDirty(manager, BATCH);
      if (!ids.length) return 0;
      const timelines = await this.store.timelines(manager, ids);
      const categories = await this.store.categories(manager);
      const waivers = await this.store.waivers(manager, ids);
      const facts: { facts: AssessmentCaseFacts; throughSeq: number }[] = [];
      for (const [id, { categoryCode, categoryVersion, events, throughSeq }] of timelines) {
        // Let requests in between: a batch computed in one go would hold the event loop for tens of ms.
        if (facts.length % YIELD_EVERY === YIELD_EVERY - 1) await new Promise((resolve) => setImmediate(resolve));
        const category = categories.get(categoryRulesKey(categoryCode, categoryVersion));
        if (!category) continue;
        facts.push({ facts: caseFacts(id, events, category, this.sla.calendar, now.toISOString(), waivers.get(id) ?? []), throughSeq });
      }
      // The cells the cases count in before and after: a case that finished joins one, a reopened one leaves it.
      const before = await this.store.finishedCells(manager, ids);
      await this.store.save(manager, facts);
      const after = await this.store.finishedCells(manager, ids);
      await this.store.refreshCells(manager, distinctCells([...before, ...after]));
      return ids.length;
    });
  }
}

const distinctCells = (cells: readonly RollupCell[]) => [...new Map(cells.map((c) => [`${c.month}/${c.gridId}`, c])).values()];
