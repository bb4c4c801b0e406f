import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { LatLng } from '@grid/contracts';
import { DUPLICATE_CANDIDATE_LIMIT, findDuplicateCandidates, GroupBatcher } from '@grid/domain';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { onPool, pgPoolOf } from '../../database/pg-pool';

/**
 * How many of the nearest open cases to read. The index orders by distance in degrees, where a degree of
 * longitude is shorter than one of latitude (by cos(latitude), 0.7 in the far north of China); reading four
 * times the candidates a report keeps lets the domain pick the truly nearest by metres among them.
 */
const NEAREST_READ = DUPLICATE_CANDIDATE_LIMIT * 4;
/** At most this many reports' lookups share one statement. */
const MAX_LOOKUPS_PER_STATEMENT = 32;

interface Lookup {
  categoryCode: string;
  location: LatLng;
  at: Date;
}

interface NearbyRow {
  id: string;
  category_code: string;
  lat: number;
  lng: number;
  reported_at: Date;
}

/**
 * For each lookup ($1–$4 as parallel arrays), the nearest open cases of its category reported since its window
 * began (K-nearest on the GiST index, one index scan per lookup), tagged with the lookup's 1-based position.
 */
const NEAREST_SQL = `
  SELECT q.ord::int AS ord, c.id, c.category_code, c.lat, c.lng, c.reported_at
  FROM unnest($1::text[], $2::timestamptz[], $3::float8[], $4::float8[]) WITH ORDINALITY AS q(category_code, since, lat, lng, ord)
  CROSS JOIN LATERAL (
    SELECT id, category_code, lat, lng, reported_at FROM cases
    WHERE category_code = q.category_code AND status NOT IN ('closed', 'rejected', 'cancelled') AND merged_into IS NULL AND reported_at >= q.since
    ORDER BY point(lng, lat) <-> point(q.lng, q.lat)
    LIMIT ${NEAREST_READ}
  ) c`;

/**
 * Finds open cases that a new report probably repeats: SQL reads the nearest of the category (K-nearest on a
 * GiST index), the domain decides. The lookups of reports arriving together share one statement (group commit
 * style), so that under load a report costs no round trip of its own before the one that writes it.
 */
@Injectable()
export class CaseDuplicateFinder {
  private readonly batcher: GroupBatcher<Lookup, NearbyRow[]>;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {
    this.batcher = new GroupBatcher((lookups) => this.nearest(lookups), MAX_LOOKUPS_PER_STATEMENT);
  }

  async candidateIds(report: Lookup): Promise<string[]> {
    const { radiusMeters, windowHours } = this.config.duplicates;
    if (radiusMeters === 0 || windowHours === 0) return [];
    const rows = await this.batcher.submit(report);
    const candidates = findDuplicateCandidates(
      { categoryCode: report.categoryCode, location: report.location, reportedAt: report.at.toISOString() },
      rows.map((r) => ({ id: r.id, categoryCode: r.category_code, location: { lat: r.lat, lng: r.lng }, reportedAt: r.reported_at.toISOString() })),
      { radiusMeters, windowHours },
    );
    return candidates.map((c) => c.case.id);
  }

  private async nearest(lookups: Lookup[]): Promise<NearbyRow[][]> {
    const windowMs = this.config.duplicates.windowHours * 3_600_000;
    const rows = await onPool(pgPoolOf(this.dataSource))<NearbyRow & { ord: number }>('case-duplicate-candidates', NEAREST_SQL, [
      lookups.map((l) => l.categoryCode),
      lookups.map((l) => new Date(l.at.getTime() - windowMs)),
      lookups.map((l) => l.location.lat),
      lookups.map((l) => l.location.lng),
    ]);
    const byLookup = lookups.map((): NearbyRow[] => []);
    for (const row of rows) byLookup[row.ord - 1].push(row);
    return byLookup;
  }
}
