import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { PeriodicTask } from '../../common/periodic-task';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { ResidentNotifier } from './resident-notifier.service';

const BATCH = 100;
/**
 * A promise missed longer ago than this is not announced (history loaded or imported, a notifier switched on late):
 * two days cover any downtime the sweep must catch up on.
 */
export const LATE_NOTICE_HOURS = 48;

/**
 * Cases in hand past their promised time (the handling due time the tracking page shows; within the last
 * LATE_NOTICE_HOURS), not suspended, whose residents were not told yet: each is claimed once (`resident_case_notices`, primary key) under FOR NO KEY UPDATE
 * SKIP LOCKED, so several instances share the work and a restart catches up.
 */
const CLAIM = `
  WITH due AS (
    SELECT c.id FROM cases c
    WHERE c.status IN ('registered', 'dispatched', 'accepted', 'in_progress') AND c.handle_due_at < $1 AND c.handle_due_at >= $1::timestamptz - interval '${LATE_NOTICE_HOURS} hours' AND NOT c.suspended
      AND NOT EXISTS (SELECT 1 FROM resident_case_notices n WHERE n.case_id = c.id AND n.kind = 'overdue')
      AND (c.reporter_phone IS NOT NULL OR EXISTS (SELECT 1 FROM case_subscribers s WHERE s.case_id = c.id AND s.stopped_at IS NULL))
    ORDER BY c.handle_due_at
    LIMIT ${BATCH}
    FOR NO KEY UPDATE OF c SKIP LOCKED
  )
  INSERT INTO resident_case_notices (case_id, kind) SELECT id, 'overdue' FROM due ON CONFLICT DO NOTHING RETURNING case_id`;

@Injectable()
export class PromiseSweeper implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(PromiseSweeper.name);
  private readonly task = new PeriodicTask('promise sweep', this.logger, (now) => this.sweepAll(now));

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly notifier: ResidentNotifier,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.task.start(this.config.notify.sweepSeconds);
  }

  onModuleDestroy(): Promise<void> {
    return this.task.stop();
  }

  /** Tells the residents of every case past its promise by `now`; answers how many messages it wrote. */
  sweep(now = new Date()): Promise<number> {
    return this.task.runNow(now);
  }

  private async sweepAll(now: Date): Promise<number> {
    let written = 0;
    for (;;) {
      const batch = await this.dataSource.transaction(async (manager) => {
        const claimed = (await manager.query(CLAIM, [now])) as { case_id: string }[];
        return { claimed: claimed.length, messages: await this.notifier.promiseMissed(manager, claimed.map((c) => c.case_id)) };
      });
      written += batch.messages;
      if (batch.claimed < BATCH) return written;
    }
  }
}
