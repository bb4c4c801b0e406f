import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { applyEvent, sweepDecision } from '@grid/domain';
import { DataSource } from 'typeorm';
import { PeriodicTask } from '../../common/periodic-task';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { CasePublisher } from '../realtime/case-publisher';
import { CaseEntity } from './case.entity';
import { CaseContextLoader } from './case-context.service';
import { departmentIdsOf, projectionColumns } from './case-projection';
import { CaseSlaService } from './case-sla.service';
import { CaseStore, type WrittenCase } from './case-store';

const BATCH = 100;

/**
 * Writes `sla_warning` and `sla_overdue` exactly once per case and threshold (and escalates overdue
 * cases where the category says so). Safe with any number of instances: each case due for a look is
 * claimed with FOR UPDATE SKIP LOCKED, and the domain checks what the timeline already holds. Cases
 * whose moment passed while no instance ran are simply due: a restart catches up.
 */
@Injectable()
export class SlaSweeper implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(SlaSweeper.name);
  private readonly task = new PeriodicTask('SLA sweep', this.logger, (now) => this.sweepAll(now));

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly store: CaseStore,
    private readonly context: CaseContextLoader,
    private readonly sla: CaseSlaService,
    private readonly publisher: CasePublisher,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.task.start(this.config.slaSweepSeconds);
  }

  onModuleDestroy(): Promise<void> {
    return this.task.stop();
  }

  /** Sweeps every case due by `now`; answers how many events it wrote. One sweep at a time per instance. */
  sweep(now = new Date()): Promise<number> {
    return this.task.runNow(now);
  }

  private async sweepAll(now: Date): Promise<number> {
    let written = 0;
    for (let round = 0; round < 1_000; round++) {
      const batch = await this.sweepBatch(now);
      written += batch.events;
      if (batch.claimed < BATCH) break;
    }
    return written;
  }

  private async sweepBatch(now: Date): Promise<{ claimed: number; events: number }> {
    const published: WrittenCase[] = [];
    const claimed = await this.dataSource.transaction(async (manager) => {
      const rows = await manager
        .createQueryBuilder(CaseEntity, 'c')
        .where('c.next_sla_check_at <= :now', { now })
        .orderBy('c.next_sla_check_at')
        .limit(BATCH)
        .setLock('for_no_key_update')
        .setOnLocked('skip_locked')
        .getMany();
      for (const row of rows) {
        const category = await this.context.category(manager, row.categoryCode, row.categoryVersion);
        const timeline = await this.store.events(manager, row.id);
        const sla = this.sla.evaluate(timeline, category, now, row.state);
        const drafts = sweepDecision(row.state, sla.sla, row.state.slaNotified, category);
        const events = drafts.length ? await this.store.append(manager, { id: row.id, areaPath: row.areaPath, departmentIds: departmentIdsOf(row.state) }, drafts) : [];
        const state = events.reduce(applyEvent, row.state);
        const after = events.length ? this.sla.evaluate([...timeline, ...events], category, now, state) : sla;
        // Never leave a case due again at once with nothing written: look again in a minute instead of spinning.
        const nextCheckAt = after.nextCheckAt && after.nextCheckAt <= now && !events.length ? new Date(now.getTime() + 60_000) : after.nextCheckAt;
        await this.store.update(manager, row.id, projectionColumns(state, { ...after, nextCheckAt }, events.length ? events[events.length - 1].seq : Number(row.lastSeq)));
        if (events.length) published.push({ row: await manager.findOneByOrFail(CaseEntity, { id: row.id }), events });
      }
      return rows.length;
    });
    for (const { row, events } of published) this.publisher.publish(row, events);
    return { claimed, events: published.reduce((n, p) => n + p.events.length, 0) };
  }
}
