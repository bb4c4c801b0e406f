import { Inject, Injectable } from '@nestjs/common';
import type { LatLng } from '@grid/contracts';
import { findDuplicateCandidates } from '@grid/domain';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import type { Statement } from '../../database/pg-pool';

const METERS_PER_DEGREE_LAT = 111_320;

/** Finds open cases that a new report probably repeats: SQL narrows by box and time, the domain decides. */
@Injectable()
export class CaseDuplicateFinder {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async candidateIds(run: Statement, report: { categoryCode: string; location: LatLng; at: Date }): Promise<string[]> {
    const { radiusMeters, windowHours } = this.config.duplicates;
    if (radiusMeters === 0 || windowHours === 0) return [];
    const dLat = radiusMeters / METERS_PER_DEGREE_LAT;
    const dLng = dLat / Math.max(0.01, Math.cos((report.location.lat * Math.PI) / 180));
    const since = new Date(report.at.getTime() - windowHours * 3_600_000);
    const rows = await run<{ id: string; category_code: string; lat: number; lng: number; reported_at: Date }>(
      'case-duplicate-candidates',
      `SELECT id, category_code, lat, lng, reported_at FROM cases
       WHERE category_code = $1 AND status NOT IN ('closed', 'rejected', 'cancelled') AND merged_into IS NULL
         AND reported_at >= $2 AND lat BETWEEN $3 AND $4 AND lng BETWEEN $5 AND $6
       LIMIT 50`,
      [report.categoryCode, since, report.location.lat - dLat, report.location.lat + dLat, report.location.lng - dLng, report.location.lng + dLng],
    );
    const candidates = findDuplicateCandidates(
      { categoryCode: report.categoryCode, location: report.location, reportedAt: report.at.toISOString() },
      rows.map((r) => ({ id: r.id, categoryCode: r.category_code, location: { lat: r.lat, lng: r.lng }, reportedAt: r.reported_at.toISOString() })),
      { radiusMeters, windowHours },
    );
    return candidates.map((c) => c.case.id);
  }
}
