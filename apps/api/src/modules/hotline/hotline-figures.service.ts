import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { HotlineFigures, HotlineFiguresRow, hotlineFiguresQuerySchema } from '@grid/contracts';
import { localMidnightMs, nextDate, SHANGHAI_UTC_OFFSET_MINUTES } from '@grid/domain';
import { DataSource } from 'typeorm';
import type { z } from 'zod';
import { invalid } from '../../common/app-error';
import { APP_CONFIG, AppConfig } from '../../config/app-config';

type Query = z.output<typeof hotlineFiguresQuerySchema>;
const LEVEL_INDEX = { zone: 2, village: 3, grid: 4 } as const;

interface CountRow {
  unit: string | null;
  name: string | null;
  orders: number;
  placed: number;
  responded: number;
  resolved: number;
  due: number;
  callbacks: number;
  satisfied: number;
}

const ratio = (n: number, d: number): number | null => (d > 0 ? n / d : null);

/**
 * The figures the hotline assesses a district by (三率), over the work orders that arrived in a period, per unit:
 * response (签收 within HOTLINE_RESPONSE_HOURS of arrival, over the orders that became cases), resolution (办结 by
 * the hotline's deadline, over the orders that should be resolved by now: resolved + past their deadline; returned
 * orders count in neither), satisfaction (callback and resident ratings of 4 or 5, over the ratings).
 */
@Injectable()
export class HotlineFiguresService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async figures(query: Query): Promise<HotlineFigures> {
    if (query.to < query.from) throw invalid('to is before from', { to: 'before from' });
    const from = new Date(localMidnightMs(query.from, SHANGHAI_UTC_OFFSET_MINUTES));
    const to = new Date(localMidnightMs(nextDate(query.to), SHANGHAI_UTC_OFFSET_MINUTES));
    const rows = (await this.dataSource.query(
      `WITH o AS (
         SELECT w.state, w.case_id, w.deadline, w.resolved_at, w.received_at, c.area_path[$4] AS unit,
           (SELECT min(e.at) FROM case_events e WHERE e.case_id = w.case_id AND e.kind = 'accepted') AS accepted_at,
           (SELECT (e.data->>'score')::int FROM case_events e WHERE e.case_id = w.case_id AND e.kind = 'rated' ORDER BY e.seq DESC LIMIT 1) AS score
         FROM work_orders w LEFT JOIN cases c ON c.id = w.case_id
         WHERE w.received_at >= $1 AND w.received_at < $2
       )
       SELECT o.unit, a.name, count(*)::int AS orders, count(o.case_id)::int AS placed,
         count(*) FILTER (WHERE o.accepted_at <= o.received_at + $3 * interval '1 hour')::int AS responded,
         count(*) FILTER (WHERE o.state <> 'returned' AND o.resolved_at IS NOT NULL AND (o.deadline IS NULL OR o.resolved_at <= o.deadline))::int AS resolved,
         count(*) FILTER (WHERE o.state <> 'returned' AND (o.resolved_at IS NOT NULL OR o.deadline < now()))::int AS due,
         count(o.score)::int AS callbacks, count(*) FILTER (WHERE o.score >= 4)::int AS satisfied
       FROM o LEFT JOIN areas a ON a.id = o.unit
       GROUP BY o.unit, a.name ORDER BY a.name NULLS LAST`,
      [from, to, this.config.hotlineResponseHours, LEVEL_INDEX[query.level]],
    )) as CountRow[];
    const units = rows.map((r) => this.row(r.unit ?? '', r.name ?? '', r));
    const sum = (k: keyof CountRow) => rows.reduce((n, r) => n + (r[k] as number), 0);
    const totals = { orders: sum('orders'), placed: sum('placed'), responded: sum('responded'), resolved: sum('resolved'), due: sum('due'), callbacks: sum('callbacks'), satisfied: sum('satisfied') };
    return { level: query.level, from: query.from, to: query.to, total: this.row('', '', totals), rows: units.filter((r) => r.areaId) };
  }

  private row(areaId: string, areaName: string, r: Omit<CountRow, 'unit' | 'name'>): HotlineFiguresRow {
    return {
      areaId,
      areaName,
      orders: r.orders,
      respondedOnTime: r.responded,
      resolvedOnTime: r.resolved,
      dueForResolution: r.due,
      callbacks: r.callbacks,
      satisfied: r.satisfied,
      responseRate: ratio(r.responded, r.placed),
      resolutionRate: ratio(r.resolved, r.due),
      satisfactionRate: ratio(r.satisfied, r.callbacks),
    };
  }
}
