import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { TrendQuery, TrendResponse } from '@grid/contracts';
import { instantsOf, localDateOf, periodEnding, TREND_BASE_WEEKS, TREND_HORIZON_WEEKS, weeklyTrend } from '@grid/domain';
import { DataSource } from 'typeorm';
import { invalid } from '../../common/app-error';
import { AreasService } from '../areas/areas.service';
import type { AuthUser } from '../auth/auth-user';
import { scopeOf } from '../auth/scope';
import { CATEGORY_CONDITION } from './analysis-region';

const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;
const YEAR_WEEKS = 52;

/**
 * Trends (issue 20): weekly counts in an area and category up to yesterday, the same weeks a year before (52 weeks,
 * so weekdays line up), a seasonal forecast of the next four weeks with its band (`weeklyTrend`), and the
 * categories rising beyond their band in the latest week.
 */
@Injectable()
export class TrendService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly areas: AreasService,
  ) {}

  async trends(user: AuthUser, query: TrendQuery): Promise<TrendResponse> {
    const scope = scopeOf(user);
    if (query.areaId) await this.areas.assertVisible(scope, query.areaId, 'areaId');
    if (query.categoryCode) {
      const rows = (await this.dataSource.query(`SELECT 1 FROM categories WHERE code = $1`, [query.categoryCode])) as unknown[];
      if (!rows.length) throw invalid(`unknown category "${query.categoryCode}"`, { categoryCode: 'no such category' });
    }
    const yesterday = localDateOf(new Date(Date.now() - DAY_MS).toISOString());
    const endMs = instantsOf({ from: yesterday, to: yesterday }).toMs;
    const where: string[] = ['c.merged_into IS NULL', "c.status NOT IN ('rejected', 'cancelled')"];
    const params: unknown[] = [];
    const add = (value: unknown) => `$${params.push(value)}`;
    if (scope.kind === 'area') where.push(`c.area_path && ${add(scope.areaIds)}::uuid[]`);
    if (scope.kind === 'department') where.push('FALSE');
    if (query.areaId) where.push(`c.area_path @> ARRAY[${add(query.areaId)}]::uuid[]`);
    const scoped = [...where];
    const scopedParams = [...params];
    if (query.categoryCode) where.push(CATEGORY_CONDITION(add(query.categoryCode)));

    const weeks = query.weeks;
    const counts = await this.weekly(where, params, endMs, weeks);
    const yearBeforeEnd = endMs - YEAR_WEEKS * WEEK_MS + TREND_HORIZON_WEEKS * WEEK_MS;
    const lastYearCounts = await this.weekly(where, params, yearBeforeEnd, weeks + TREND_HORIZON_WEEKS);
    const [{ first }] = (await this.dataSource.query(`SELECT min(reported_at) AS first FROM cases`)) as { first: Date | null }[];
    const firstMs = first?.getTime() ?? Infinity;
    const lastYearStart = yearBeforeEnd - (weeks + TREND_HORIZON_WEEKS) * WEEK_MS;
    // A week a year ago that began before the first case ever recorded is unknown, not zero.
    const lastYear = lastYearCounts.map((n, k) => (lastYearStart + k * WEEK_MS >= firstMs ? n : null));
    const trend = weeklyTrend(counts, lastYear);
    const weekOf = (k: number) => periodEnding(localDateOf(new Date(endMs - (weeks - 1 - k) * WEEK_MS - DAY_MS).toISOString()), 7);
    return {
      status: counts.some((n) => n > 0) ? 'ok' : 'no_cases',
      categoryCode: query.categoryCode ?? null,
      areaId: query.areaId ?? null,
      weeks: counts.map((count, k) => ({ ...weekOf(k), count, lastYear: lastYear[k] })),
      forecast: trend.forecast.map((f, h) => ({ ...weekOf(weeks + h), ...f })),
      latest: trend.latest,
      rising: trend.rising,
      seasonal: trend.seasonal,
      risingCategories: await this.risingCategories(scoped, scopedParams, endMs),
    };
  }

  /** Counts per week, oldest first, of the `weeks` weeks ending at `endMs`. */
  private async weekly(where: string[], params: unknown[], endMs: number, weeks: number): Promise<number[]> {
    const at = params.length;
    const rows = (await this.dataSource.query(
      `SELECT floor(extract(epoch FROM ($${at + 1}::timestamptz - c.reported_at)) / 604800)::int AS ago, count(*)::int AS n
         FROM cases c WHERE ${where.join(' AND ')} AND c.reported_at >= $${at + 2} AND c.reported_at < $${at + 1} GROUP BY 1`,
      [...params, new Date(endMs), new Date(endMs - weeks * WEEK_MS)],
    )) as { ago: number; n: number }[];
    const counts = new Array<number>(weeks).fill(0);
    for (const r of rows) if (r.ago >= 0 && r.ago < weeks) counts[weeks - 1 - r.ago] = r.n;
    return counts;
  }

  /** Leaf categories whose latest week is above the band of the eight weeks before it. */
  private async risingCategories(where: string[], params: unknown[], endMs: number): Promise<TrendResponse['risingCategories']> {
    const weeks = TREND_BASE_WEEKS + 1;
    const at = params.length;
    const rows = (await this.dataSource.query(
      `SELECT c.category_code AS code, floor(extract(epoch FROM ($${at + 1}::timestamptz - c.reported_at)) / 604800)::int AS ago, count(*)::int AS n
         FROM cases c WHERE ${where.join(' AND ')} AND c.reported_at >= $${at + 2} AND c.reported_at < $${at + 1} GROUP BY 1, 2`,
      [...params, new Date(endMs), new Date(endMs - weeks * WEEK_MS)],
    )) as { code: string; ago: number; n: number }[];
    const series = new Map<string, number[]>();
    for (const r of rows) {
      const counts = series.get(r.code) ?? new Array<number>(weeks).fill(0);
      if (r.ago >= 0 && r.ago < weeks) counts[weeks - 1 - r.ago] = r.n;
      series.set(r.code, counts);
    }
    return [...series]
      .flatMap(([code, counts]) => {
        const trend = weeklyTrend(counts);
        return trend.rising && trend.latest ? [{ code, ...trend.latest }] : [];
      })
      .sort((a, b) => b.count - b.high - (a.count - a.high));
  }
}
