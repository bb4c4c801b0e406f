import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { GroupBatcher } from '@grid/domain';
import { DataSource } from 'typeorm';
import { onPool, pgPoolOf } from '../../database/pg-pool';
import { CaseStore, type NewReport, type ReportWritten } from './case-store';

/** At most this many reports share one statement. */
export const MAX_REPORTS_PER_STATEMENT = 32;

/**
 * Writes reports as group commit does (`GroupBatcher`): a report arriving while no write is under way goes at
 * once, alone; reports arriving during a write go together in the next statement (one round trip, one commit).
 * Each report is still atomic with its events and claim, and one bad report never fails the others.
 */
@Injectable()
export class ReportWriter {
  private readonly batcher: GroupBatcher<NewReport, ReportWritten>;

  constructor(@InjectDataSource() dataSource: DataSource, store: CaseStore) {
    this.batcher = new GroupBatcher((reports) => store.insertReported(onPool(pgPoolOf(dataSource)), reports), MAX_REPORTS_PER_STATEMENT);
  }

  write(report: NewReport): Promise<ReportWritten> {
    return this.batcher.submit(report);
  }
}
