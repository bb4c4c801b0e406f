import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { HotspotResponse, RecurrenceList } from '@grid/contracts';
import { instantsOf, localDateOf, periodEnding } from '@grid/domain';
import type { AreaGeometry } from '@grid/geo';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../auth/auth-user';
import { scopeOf } from '../auth/scope';
import { HotspotService } from '../analysis/hotspot.service';
import { RecurrenceListService } from '../analysis/recurrence-list.service';

/** 每日简报 covers one day, 周报 the seven days ending with its date. */
export type BriefingKind = 'daily' | 'weekly';

export interface BriefingData {
  kind: BriefingKind;
  /** The last day covered, and the first (the same for a daily briefing). */
  date: string;
  from: string;
  scopeName: string;
  generatedAt: Date;
  figures: { reported: number; closed: number; open: number; overdue: number };
  hotspots: HotspotResponse;
  overdueByUnit: { name: string; count: number }[];
  recurrences: RecurrenceList;
  topCategories: { code: string; name: string; nameEn: string; count: number }[];
  categoryNames: Map<string, { name: string; nameEn: string }>;
  grids: { id: string; boundary: AreaGeometry }[];
}

/**
 * The daily briefing (每日简报, issue 20) of a local date, or the weekly one (周报) of the seven days ending with it, for
 * the caller's area: key figures, the week's hotspots (new ones marked), overdue cases by handling unit, the period's
 * recurrences and top categories, and the grids for the map. The same services and scope as the screens; the figures are the caller's area's.
 */
@Injectable()
export class BriefingService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly hotspotService: HotspotService,
    private readonly recurrenceService: RecurrenceListService,
  ) {}

  /** `date`: the last day covered; default yesterday (Beijing time), the day the morning meeting looks back on. */
  async briefing(user: AuthUser, kind: BriefingKind, date = localDateOf(new Date(Date.now() - 86_400_000).toISOString())): Promise<BriefingData> {
    const week = periodEnding(date, 7);
    const from = kind === 'daily' ? date : week.from;
    const { fromMs, toMs } = instantsOf({ from, to: date });
    const scope = scopeOf(user);
    const day = [new Date(fromMs), new Date(toMs)];
    // The caller's area as a condition over `cases c`, its array (if any) the statement's parameter number `n`.
    const inScope = (n: number) => (scope.kind === 'all' ? 'TRUE' : scope.kind === 'area' ? `c.area_path && $${n}::uuid[]` : 'FALSE');
    const scopeParams = scope.kind === 'area' ? [scope.areaIds] : [];
    const [hotspots, recurrences, figures, overdueByUnit, categories, grids, scopeName] = await Promise.all([
      this.hotspotService.hotspots(user, week),
      this.recurrenceService.list(user, { from, to: date, page: 1, pageSize: 20 }),
      this.dataSource.query(
        `SELECT count(*) FILTER (WHERE c.reported_at >= $1 AND c.reported_at < $2)::int AS reported,
                count(*) FILTER (WHERE c.closed_at >= $1 AND c.closed_at < $2)::int AS closed,
                count(*) FILTER (WHERE c.status NOT IN ('closed', 'rejected', 'cancelled'))::int AS open,
                count(*) FILTER (WHERE c.status NOT IN ('closed', 'rejected', 'cancelled') AND c.sla_state = 'overdue')::int AS overdue
           FROM cases c WHERE c.merged_into IS NULL AND ${inScope(3)}`,
        [...day, ...scopeParams],
      ) as Promise<BriefingData['figures'][]>,
      this.dataSource.query(
        `SELECT coalesce(a.name, d.name, '—') AS name, count(*)::int AS count
           FROM cases c LEFT JOIN areas a ON a.id = c.handling_area_id LEFT JOIN departments d ON d.id = c.handling_department_id
          WHERE c.merged_into IS NULL AND c.status NOT IN ('closed', 'rejected', 'cancelled') AND c.sla_state = 'overdue' AND ${inScope(1)}
          GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 10`,
        scopeParams,
      ) as Promise<{ name: string; count: number }[]>,
      this.dataSource.query(`SELECT code, name, name_en FROM categories`) as Promise<{ code: string; name: string; name_en: string }[]>,
      this.gridsOf(user),
      this.scopeName(user),
    ]);
    const categoryNames = new Map(categories.map((c) => [c.code, { name: c.name, nameEn: c.name_en }]));
    const top = (await this.dataSource.query(
      `SELECT c.category_code AS code, count(*)::int AS count FROM cases c
        WHERE c.reported_at >= $1 AND c.reported_at < $2 AND c.merged_into IS NULL AND ${inScope(3)}
        GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 5`,
      [...day, ...scopeParams],
    )) as { code: string; count: number }[];
    return {
      kind,
      date,
      from,
      scopeName,
      generatedAt: new Date(),
      figures: figures[0],
      hotspots,
      overdueByUnit,
      recurrences,
      topCategories: top.map((t) => ({ ...t, name: categoryNames.get(t.code)?.name ?? t.code, nameEn: categoryNames.get(t.code)?.nameEn ?? t.code })),
      categoryNames,
      grids,
    };
  }

  private async gridsOf(user: AuthUser): Promise<BriefingData['grids']> {
    const scope = scopeOf(user);
    const rows = (await this.dataSource.query(
      `SELECT id, boundary FROM areas WHERE level = 'grid' AND retired_at IS NULL AND boundary IS NOT NULL
          ${scope.kind === 'area' ? 'AND (id = ANY($1::uuid[]) OR path && $1::uuid[])' : ''}`,
      scope.kind === 'area' ? [scope.areaIds] : [],
    )) as { id: string; boundary: AreaGeometry }[];
    return rows;
  }

  private async scopeName(user: AuthUser): Promise<string> {
    const scope = scopeOf(user);
    const rows = (await (scope.kind === 'area'
      ? this.dataSource.query(`SELECT name FROM areas WHERE id = ANY($1::uuid[]) ORDER BY code`, [scope.areaIds])
      : this.dataSource.query(`SELECT name FROM areas WHERE level = 'district' AND retired_at IS NULL ORDER BY code LIMIT 1`))) as { name: string }[];
    return rows.map((r) => r.name).join('、');
  }
}
