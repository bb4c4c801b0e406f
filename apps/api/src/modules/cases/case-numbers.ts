import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
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

/** One prefix's numbers of one day on this instance. */
interface DayCounter {
  /** The counter's key in the allocator's map. */
  key: string;
  prefix: string;
  localDate: string;
  waiters: Waiter[];
  /** Numbers taken ahead and not yet handed out, in order. */
  spare: number[];
  taking: boolean;
  /** How many numbers were handed out in the current and the previous `RATE_WINDOW_MS`. */
  handed: number;
  handedBefore: number;
  windowStartedAt: number;
  /** Gives the spare numbers back once the reports stop coming. */
  idleTimer: NodeJS.Timeout | null;
}

/** The window over which the recent rate of reports is counted. */
const RATE_WINDOW_MS = 50;
/** At most this many numbers are taken ahead. */
const MAX_AHEAD = 64;
/** Spare numbers are given back when no report has taken one for this long. */
export const SPARE_NUMBERS_IDLE_MS = 1_000;

const TAKE = `INSERT INTO case_code_counters (prefix, day, last) VALUES ($1, $2, $3)
  ON CONFLICT (prefix, day) DO UPDATE SET last = case_code_counters.last + EXCLUDED.last RETURNING last`;

/** Gives back numbers taken ahead, if they are still the last ones taken (no other instance took any since). */
const GIVE_BACK = `UPDATE case_code_counters SET last = $3 - 1 WHERE prefix = $1 AND day = $2 AND last = $4`;

/**
 * The day's case numbers (Asia/Shanghai) per prefix. The counter row is race-free across instances; within
 * an instance, reports arriving while a counter statement is in flight share the next one, which takes as
 * many numbers as there are waiters, and, while reports keep coming, as many more as arrived in the last
 * `RATE_WINDOW_MS` (at most `MAX_AHEAD`): under load most reports find their number waiting and make no round trip
 * before the one that writes them. When the reports stop, the numbers left over are given back (`GIVE_BACK`), so
 * on one instance the day's numbers stay gap-free but for failed reports. Several instances each take their own
 * blocks, so their numbers interleave by a few; a block given back after another instance took numbers is a gap.
 */
@Injectable()
export class CaseNumberAllocator implements OnModuleDestroy {
  private readonly logger = new Logger(CaseNumberAllocator.name);
  private readonly counters = new Map<string, DayCounter>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  next(prefix: string, now: Date): Promise<CaseNumber> {
    const localDate = localDateOf(now.toISOString());
    const counter = this.counterOf(prefix, localDate);
    this.countHanded(counter);
    this.armIdleTimer(counter);
    const spare = counter.spare.shift();
    if (spare !== undefined) {
      if (counter.spare.length < this.ahead(counter) / 2) void this.take(counter);
      return Promise.resolve({ localDate, sequence: spare });
    }
    return new Promise<number>((resolve, reject) => {
      counter.waiters.push({ resolve, reject });
      void this.take(counter);
    }).then((sequence) => ({ localDate, sequence }));
  }

  /** Gives every spare number back (the instance is stopping). */
  async onModuleDestroy(): Promise<void> {
    await Promise.all([...this.counters.values()].map((counter) => this.giveBack(counter)));
  }

  private counterOf(prefix: string, localDate: string): DayCounter {
    const key = `${prefix}\u0000${localDate}`;
    let counter = this.counters.get(key);
    if (!counter) {
      counter = { key, prefix, localDate, waiters: [], spare: [], taking: false, handed: 0, handedBefore: 0, windowStartedAt: Date.now(), idleTimer: null };
      this.counters.set(key, counter);
    }
    return counter;
  }

  private countHanded(counter: DayCounter): void {
    const now = Date.now();
    if (now - counter.windowStartedAt >= RATE_WINDOW_MS) {
      // A window with no report at all in between: the rate before it is not the rate now.
      counter.handedBefore = now - counter.windowStartedAt < 2 * RATE_WINDOW_MS ? counter.handed : 0;
      counter.handed = 0;
      counter.windowStartedAt = now;
    }
    counter.handed++;
  }

  /** How many numbers to hold ready: as many as reports arrived in the last window (none for a lone report). */
  private ahead(counter: DayCounter): number {
    const recent = Math.max(counter.handed, counter.handedBefore);
    return recent > 1 ? Math.min(MAX_AHEAD, recent) : 0;
  }

  private async take(counter: DayCounter): Promise<void> {
    if (counter.taking) return;
    counter.taking = true;
    try {
      while (counter.waiters.length || counter.spare.length < this.ahead(counter) / 2) {
        const waiters = counter.waiters.splice(0);
        const count = waiters.length + this.ahead(counter);
        try {
          const [row] = await onPool(pgPoolOf(this.dataSource))<{ last: number }>('case-number-take', TAKE, [counter.prefix, counter.localDate, count]);
          const first = row.last - count + 1;
          waiters.forEach((waiter, i) => waiter.resolve(first + i));
          for (let n = first + waiters.length; n <= row.last; n++) counter.spare.push(n);
        } catch (error) {
          waiters.forEach((waiter) => waiter.reject(error));
          if (!counter.waiters.length) break;
        }
      }
    } finally {
      counter.taking = false;
    }
  }

  private armIdleTimer(counter: DayCounter): void {
    if (counter.idleTimer) clearTimeout(counter.idleTimer);
    counter.idleTimer = setTimeout(() => {
      counter.idleTimer = null;
      void this.giveBack(counter);
    }, SPARE_NUMBERS_IDLE_MS);
    counter.idleTimer.unref();
  }

  /** The spare numbers back to the counter when they are its last ones; otherwise they stay unused (a gap). */
  private async giveBack(counter: DayCounter): Promise<void> {
    if (counter.idleTimer) clearTimeout(counter.idleTimer);
    if (counter.taking || counter.waiters.length) return;
    const spare = counter.spare.splice(0);
    if (this.counters.get(counter.key) === counter) this.counters.delete(counter.key);
    if (!spare.length) return;
    const contiguous = spare.every((n, i) => n === spare[0] + i);
    if (!contiguous) return;
    await onPool(pgPoolOf(this.dataSource))('case-number-give-back', GIVE_BACK, [counter.prefix, counter.localDate, spare[0], spare[spare.length - 1]]).catch((error: Error) =>
      this.logger.warn(`giving back case numbers ${spare[0]}–${spare[spare.length - 1]} failed: ${error.message}`),
    );
  }
}
