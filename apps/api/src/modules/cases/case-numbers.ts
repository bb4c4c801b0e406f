import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { localDateOf, NumberReserve, type NumberCounter } from '@grid/domain';
import { DataSource } from 'typeorm';
import { onPool, pgPoolOf } from '../../database/pg-pool';

export interface CaseNumber {
  localDate: string;
  sequence: number;
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
 * The day's case numbers (Asia/Shanghai) per prefix: a `NumberReserve` per counter row, which is race-free across
 * instances. Under load most reports find their number waiting and make no round trip before the one that writes
 * them; when the reports stop, the numbers left over are given back (`GIVE_BACK`), so on one instance the day's
 * numbers stay gap-free but for failed reports (see the reserve for several instances).
 */
@Injectable()
export class CaseNumberAllocator implements OnModuleDestroy {
  private readonly logger = new Logger(CaseNumberAllocator.name);
  private readonly reserves = new Map<string, NumberReserve>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async next(prefix: string, now: Date): Promise<CaseNumber> {
    const localDate = localDateOf(now.toISOString());
    return { localDate, sequence: await this.reserveOf(prefix, localDate).next() };
  }

  /** Gives every spare number back (the instance is stopping). */
  async onModuleDestroy(): Promise<void> {
    await Promise.all([...this.reserves.values()].map((reserve) => reserve.release()));
  }

  private reserveOf(prefix: string, localDate: string): NumberReserve {
    const key = `${prefix}\u0000${localDate}`;
    let reserve = this.reserves.get(key);
    if (!reserve) {
      const pool = onPool(pgPoolOf(this.dataSource));
      const counter: NumberCounter = {
        take: async (count) => (await pool<{ last: number }>('case-number-take', TAKE, [prefix, localDate, count]))[0].last,
        giveBack: (first, last) =>
          pool('case-number-give-back', GIVE_BACK, [prefix, localDate, first, last]).then(
            () => undefined,
            (error: Error) => this.logger.warn(`giving back case numbers ${first}–${last} failed: ${error.message}`),
          ),
      };
      const created: NumberReserve = new NumberReserve(counter, {
        rateWindowMs: RATE_WINDOW_MS,
        maxAhead: MAX_AHEAD,
        idleMs: SPARE_NUMBERS_IDLE_MS,
        onReleased: () => this.reserves.get(key) === created && this.reserves.delete(key),
      });
      this.reserves.set(key, (reserve = created));
    }
    return reserve;
  }
}
