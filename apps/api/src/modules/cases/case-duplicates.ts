import { Inject, Injectable } from '@nestjs/common';
import type { LatLng } from '@grid/contracts';
import { DUPLICATE_CANDIDATE_LIMIT, findDuplicateCandidates } from '@grid/domain';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import type { Statement } from '../../database/pg-pool';

/**
 * How many of the nearest open cases to read. The index orders by distance in degrees, where a degree of
 * longitude is shorter than one of latitude (by cos(latitude), 0.7 in the far north of China); reading four
 * times the candidates a report keeps lets the domain pick the truly nearest by metres among them.
 */
const NEAREST_READ = DUPLICATE_CANDIDATE_LIMIT * 4;

/** Finds open cases that a new report probably repeats: SQL reads the nearest of the category (K-nearest on a GiST index), the domain decides. */
@Injectable()
export class CaseDuplicateFinder {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async candidateIds(run: Statement, report: { categoryCode: string; location: LatLng; at: Date }): Promise<string[]> {
    const { radiusMeters, windowHours } = this.config.duplicates;
    if (radiusMeters === 0 || windowHours === 0) return [];
    const since = new Date(report.at.getTime() - windowHours * 3_600_000);
    const rows = await run<{ id: string; category_code: string; lat: number; lng: number; reported_at: Date }>(
      'case-duplicate-candidates',
      `SELECT id, category_code, lat, lng, reported_at FROM cases
       WHERE category_code = $1 AND status NOT IN ('closed', 'rejected', 'cancelled') AND merged_into IS NULL AND reported_at >= $2
       ORDER BY point(lng, lat) <-> point($4, $3)
       LIMIT ${NEAREST_READ}`,
      [report.categoryCode, since, report.location.lat, report.location.lng],
    );
    const candidates = findDuplicateCandidates(
      { categoryCode: report.categoryCode, location: report.location, reportedAt: report.at.toISOString() },
      rows.map((r) => ({ id: r.id, categoryCode: r.category_code, location: { lat: r.lat, lng: r.lng }, reportedAt: r.reported_at.toISOString() })),
      { radiusMeters, windowHours },
    );
    return candidates.map((c) => c.case.id);
  }
}
