import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { recurrenceOf, type NearbyCase, type Recurrence, type RecurrenceRules } from '@grid/domain';
import { boxAround } from '@grid/geo';
import { DataSource, type EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { inTransaction, onPool, pgPoolOf } from '../../database/pg-pool';
import { TERMINAL } from '../assessment/assessment-sql';
import type { CaseEntity } from './case.entity';

/**
 * The cases of a category in a box around a report that matter to its recurrence: those closed since the window
 * began (the closed-case index, `cases_closed_category_point_idx`) and those still open that were reported in it
 * (the duplicate index). Both walk GiST indexes by category and position: a few rows, however long the history.
 */
export const RECURRENCE_NEARBY_SQL = `
  SELECT id, code, lat, lng, reported_at, closed_at FROM cases
   WHERE category_code = $1 AND point(lng, lat) <@ box(point($2, $3), point($4, $5))
     AND closed_at IS NOT NULL AND merged_into IS NULL AND closed_at >= $6 AND reported_at < $7
  UNION ALL
  SELECT id, code, lat, lng, reported_at, closed_at FROM cases
   WHERE category_code = $1 AND point(lng, lat) <@ box(point($2, $3), point($4, $5))
     AND status NOT IN ${TERMINAL} AND merged_into IS NULL AND reported_at >= $6 AND reported_at < $7`;

type NearbyRow = {
  id: string;
  code: string;
  lat: number;
  lng: number;
  reported_at: Date;
  closed_at: Date | null;
};

/**
 * Whether a case repeats a place and category whose case was closed not long before (issue 20): one indexed query
 * and the pure `recurrenceOf`. Asked when a case is shown, the report's own answer included, so it is never stale.
 */
@Injectable()
export class CaseRecurrenceFinder {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  get rules(): RecurrenceRules {
    return this.config.recurrence;
  }

  /** `manager`: the caller's transaction, if it holds one (a second connection is never taken while one is held). */
  async of(row: Pick<CaseEntity, 'id' | 'categoryCode' | 'lat' | 'lng' | 'reportedAt' | 'mergedInto'>, manager?: EntityManager): Promise<Recurrence | null> {
    if (row.mergedInto) return null;
    const location = { lat: row.lat, lng: row.lng };
    const [west, south, east, north] = boxAround(location, this.rules.radiusMeters);
    const since = new Date(row.reportedAt.getTime() - this.rules.windowDays * 86_400_000);
    const run = manager?.queryRunner?.isTransactionActive ? inTransaction(manager) : onPool(pgPoolOf(this.dataSource));
    const rows = await run<NearbyRow>('recurrence-nearby', RECURRENCE_NEARBY_SQL, [row.categoryCode, west, south, east, north, since, row.reportedAt]);
    return recurrenceOf({ id: row.id, location, reportedAt: row.reportedAt.toISOString() }, rows.map(toNearby), this.rules);
  }
}

const toNearby = (r: NearbyRow): NearbyCase => ({
  id: r.id,
  code: r.code,
  location: { lat: r.lat, lng: r.lng },
  reportedAt: r.reported_at.toISOString(),
  closedAt: r.closed_at?.toISOString() ?? null,
});
