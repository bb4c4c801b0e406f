import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { onPool, pgPoolOf } from '../../database/pg-pool';
import { CaseStore, type NewReport, type ReportWritten } from './case-store';

/** At most this many reports share one statement. */
export const MAX_REPORTS_PER_STATEMENT = 32;

interface Waiting {
  report: NewReport;
  resolve: (written: ReportWritten) => void;
  reject: (error: unknown) => void;
}

/**
 * Writes reports as group commit does: a report arriving while no write is under way goes at once, alone;
 * reports arriving during a write wait for it and then go together in one statement (one round trip, one
 * commit). Under light load nothing waits; under heavy load the per-statement cost is shared. Each report
 * is still atomic with its events and claim. Should a shared statement fail, each of its reports is tried
 * again alone, so that one bad report never fails the others.
 */
@Injectable()
export class ReportWriter {
  private readonly queue: Waiting[] = [];
  private writing = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly store: CaseStore,
  ) {}

  write(report: NewReport): Promise<ReportWritten> {
    return new Promise((resolve, reject) => {
      this.queue.push({ report, resolve, reject });
      if (!this.writing) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.writing = true;
    try {
      while (this.queue.length) await this.writeTogether(this.queue.splice(0, MAX_REPORTS_PER_STATEMENT));
    } finally {
      this.writing = false;
    }
  }

  private async writeTogether(batch: Waiting[]): Promise<void> {
    const run = onPool(pgPoolOf(this.dataSource));
    try {
      const written = await this.store.insertReported(run, batch.map((w) => w.report));
      batch.forEach((w, i) => w.resolve(written[i]));
    } catch (error) {
      if (batch.length === 1) return batch[0].reject(error);
      await Promise.all(
        batch.map((w) =>
          this.store.insertReported(run, [w.report]).then(
            ([written]) => w.resolve(written),
            (alone: unknown) => w.reject(alone),
          ),
        ),
      );
    }
  }
}
