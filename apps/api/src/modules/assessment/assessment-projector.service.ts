import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { caseFacts, type AssessmentCaseFacts } from '@grid/domain';
import { DataSource } from 'typeorm';
import { CaseSlaService } from '../cases/case-sla.service';
import { AssessmentFactsStore } from './assessment-facts.store';

const BATCH = 200;
const YIELD_EVERY = 20;
/**
 * How often each instance looks for dirty cases; assessments also project what is dirty before answering.
 * Often, so that each run is small: at 200 reports/s a 15 s interval made bursts of 3,000 cases that
 * delayed the requests queued behind them.
 */
const INTERVAL_MS = 2_000;

/**
 * Keeps `assessment_facts` in step with the timeline: claims dirty cases (FOR UPDATE SKIP LOCKED, so any
 * number of instances share the work), recomputes each case's facts from its whole event list with the
 * domain's `caseFacts`, and stores them in the same transaction that removed the marks.
 */
@Injectable()
export class AssessmentProjector implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(AssessmentProjector.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly store: AssessmentFactsStore,
    private readonly sla: CaseSlaService,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.projectDirty().catch((error: Error) => this.logger.warn(`assessment projection failed: ${error.message}`)), INTERVAL_MS);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  /**
   * Projects every case dirty by now; answers how many. Runs one at a time per instance: a call while a run
   * is under way queues behind it (that run may have claimed before the caller's changes).
   */
  projectDirty(now = new Date()): Promise<number> {
    const run = (this.running ?? Promise.resolve(0)).catch(() => 0).then(() => this.projectAll(now));
    this.running = run;
    void run.finally(() => {
      if (this.running === run) this.running = null;
    }).catch(() => undefined);
    return run;
  }

  private async projectAll(now: Date): Promise<number> {
    let projected = 0;
    for (;;) {
      const n = await this.projectBatch(now);
      projected += n;
      if (n < BATCH) return projected;
    }
  }

  private projectBatch(now: Date): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const ids = await this.store.claimDirty(manager, BATCH);
      if (!ids.length) return 0;
      const timelines = await this.store.timelines(manager, ids);
      const categories = await this.store.categories(manager);
      const waivers = await this.store.waivers(manager, ids);
      const facts: AssessmentCaseFacts[] = [];
      for (const [id, { categoryCode, events }] of timelines) {
        // Let requests in between: a batch computed in one go would hold the event loop for tens of ms.
        if (facts.length % YIELD_EVERY === YIELD_EVERY - 1) await new Promise((resolve) => setImmediate(resolve));
        const category = categories.get(categoryCode);
        if (!category) continue;
        facts.push(caseFacts(id, events, category, this.sla.calendar, now.toISOString(), waivers.get(id) ?? []));
      }
      await this.store.save(manager, facts);
      return ids.length;
    });
  }
}
