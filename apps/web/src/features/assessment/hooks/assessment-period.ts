import { localDateOf } from '@grid/domain';

export type PeriodKind = 'month' | 'quarter' | 'custom';

export interface Period {
  kind: PeriodKind;
  /** Local dates, both inclusive. */
  from: string;
  to: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const lastDayOf = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** The calendar month (1–12) of a year as a period. */
export function monthPeriod(year: number, month: number): Period {
  return { kind: 'month', from: `${year}-${pad(month)}-01`, to: `${year}-${pad(month)}-${pad(lastDayOf(year, month))}` };
}

/** The quarter (1–4) of a year as a period. */
export function quarterPeriod(year: number, quarter: number): Period {
  const first = (quarter - 1) * 3 + 1;
  return { kind: 'quarter', from: `${year}-${pad(first)}-01`, to: `${year}-${pad(first + 2)}-${pad(lastDayOf(year, first + 2))}` };
}

/** Today in the district's time (Asia/Shanghai), YYYY-MM-DD. */
export const today = (now = Date.now()): string => localDateOf(new Date(now).toISOString());

/** The current quarter, by default: assessments are by quarter (按季度排名). */
export function currentQuarter(now = Date.now()): Period {
  const [year, month] = today(now).split('-').map(Number);
  return quarterPeriod(year, Math.floor((month - 1) / 3) + 1);
}

/** The `count` months up to and including the one `date` falls in, oldest first (the chart over time). */
export function monthsUpTo(date: string, count: number): Period[] {
  const [year, month] = date.split('-').map(Number);
  return Array.from({ length: count }, (_, i) => {
    const index = year * 12 + (month - 1) - (count - 1 - i);
    return monthPeriod(Math.floor(index / 12), (index % 12) + 1);
  });
}
