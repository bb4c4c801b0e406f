import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { localDateOf } from '@grid/domain';
import { DataSource } from 'typeorm';
import { onPool, pgPoolOf } from '../../database/pg-pool';

export interface CaseNumber {
  localDate: string;
  sequence: number;
}

interface Waiter {
  resolve: (sequence: number) => void;
  reject: (error: unknown) => void;
}

const TAKE = `INSERT INTO case_code_counters (prefix, day, last) VALUES ($1, $2, $3)
  ON CONFLICT (prefix, day) DO UPDATE SET last = case_code_counters.last + EXCLUDED.last RETURNING last`;

/**
 * The day's case numbers (Asia/Shanghai) per prefix. The counter row is race-free across instances; within
 * an instance, reports arriving while a counter statement is in flight share the next one, which takes as
 * many numbers as there are waiters. Under load a report then costs a fraction of a counter statement and
 * never queues on the row lock behind every other report; numbers stay gap-free but for failed reports.
 */
@Injectable()
export class CaseNumberAllocator {
  private readonly queues = new Map<string, Waiter[]>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  next(prefix: string, now: Date): Promise<CaseNumber> {
    const localDate = localDateOf(now.toISOString());
    const key = `${prefix}\u0000${localDate}`;
    return new Promise<number>((resolve, reject) => {
      const queue = this.queues.get(key);
      if (queue) {
        queue.push({ resolve, reject });
        return;
      }
      this.queues.set(key, [{ resolve, reject }]);
      void this.drain(key, prefix, localDate);
    }).then((sequence) => ({ localDate, sequence }));
  }

  private async drain(key: string, prefix: string, localDate: string): Promise<void> {
    const queue = this.queues.get(key) as Waiter[];
    while (queue.length) {
      const batch = queue.splice(0);
      try {
        const [row] = await onPool(pgPoolOf(this.dataSource))<{ last: number }>('case-number-take', TAKE, [prefix, localDate, batch.length]);
        const first = row.last - batch.length + 1;
        batch.forEach((waiter, i) => waiter.resolve(first + i));
      } catch (error) {
        batch.forEach((waiter) => waiter.reject(error));
      }
    }
    this.queues.delete(key);
  }
}
