import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { CASE_MAP_CODES, type caseMapQuerySchema } from '@grid/contracts';
import { TERMINAL_STATUSES } from '@grid/domain';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { z } from 'zod';
import type { AuthUser } from '../auth/auth-user';
import { AreasService } from '../areas/areas.service';
import { scopeOf } from '../auth/scope';
import { etagMatches } from '../../common/etag';
import { caseScopeCondition } from './case-scope';

type MapQuery = z.output<typeof caseMapQuerySchema>;

/** The answer as JSON text, built by PostgreSQL, with the version it describes. */
export interface CaseMapAnswer {
  etag: string;
  /** Null when the caller already holds this version (If-None-Match matched). */
  body: string | null;
}

/** Vocabulary constants (never user input) written into the SQL. */
const quoted = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');
const codes = (values: readonly string[]) => `ARRAY[${quoted(values)}]::varchar[]`;

/**
 * Open cases for the command-centre map (GET /api/cases/map), scoped like the list. PostgreSQL builds
 * the column-wise JSON itself (one row out instead of 100,000), and the answer carries an ETag so that
 * a refresh with nothing new costs one index lookup.
 */
@Injectable()
export class CaseMapService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly areas: AreasService,
  ) {}

  async open(user: AuthUser, query: MapQuery, ifNoneMatch: string | undefined): Promise<CaseMapAnswer> {
    if (query.areaId) await this.areas.assertVisible(scopeOf(user), query.areaId, 'areaId');
    // One snapshot for the version and the rows, so the ETag describes exactly what is sent.
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const [version] = (await manager.query(`
        SELECT (SELECT coalesce(max(seq), 0) FROM case_events)::text AS seq,
               pg_snapshot_xmin(s)::text AS xmin,
               NOT EXISTS (SELECT 1 FROM pg_snapshot_xip(s)) AS settled
        FROM pg_current_snapshot() s`)) as { seq: string; xmin: string; settled: boolean }[];
      // With no write in flight, every later event has a higher seq; otherwise one in flight may commit
      // with a lower seq, and the snapshot's xmin moves past it when it does.
      const dataVersion = version.settled ? version.seq : `${version.seq}.${version.xmin}`;
      const etag = this.etagOf(user, query, dataVersion);
      if (etagMatches(ifNoneMatch, etag)) return { etag, body: null };

      const scope = caseScopeCondition(user);
      const qb = manager
        .createQueryBuilder()
        .select(['c.id AS id', 'c.lat AS lat', 'c.lng AS lng', 'c.last_seq AS seq', 'c.grid_id AS grid_id', 'c.category_code AS category_code', 'c.status AS status', 'c.priority AS priority', 'c.sla_state AS sla_state'])
        .from('cases', 'c')
        .where(scope.sql, scope.params)
        // Literal, so that the planner matches the partial index on open cases whatever the plan.
        .andWhere(`c.status NOT IN (${quoted(TERMINAL_STATUSES)})`);
      if (query.areaId) qb.andWhere('c.area_path @> ARRAY[:areaId]::uuid[]', { areaId: query.areaId });
      const [sql, params] = qb.getQueryAndParameters();
      // NOT MATERIALIZED: each use of the open cases is its own index-only scan; materialized, the 100,000
      // wide rows were written to a temporary store (past work_mem) and read back three times (12% slower).
      const [row] = (await manager.query(
        `
        WITH open AS NOT MATERIALIZED (${sql}),
        grids AS (SELECT grid_id, (row_number() OVER (ORDER BY grid_id) - 1)::int AS i FROM (SELECT DISTINCT grid_id FROM open) g),
        categories AS (SELECT category_code, (row_number() OVER (ORDER BY category_code) - 1)::int AS i FROM (SELECT DISTINCT category_code FROM open) k)
        SELECT json_build_object(
          'seq', ${Number(version.seq)},
          'version', '${dataVersion.replace(/[^\d.]/g, '')}',
          'grids', (SELECT coalesce(json_agg(grid_id ORDER BY i), '[]') FROM grids),
          'categories', (SELECT coalesce(json_agg(category_code ORDER BY i), '[]') FROM categories),
          'ids', coalesce(json_agg(o.id), '[]'),
          'lat', coalesce(json_agg(round(o.lat * 1e5)::int), '[]'),
          'lng', coalesce(json_agg(round(o.lng * 1e5)::int), '[]'),
          'seqs', coalesce(json_agg(o.seq), '[]'),
          'grid', coalesce(json_agg(g.i), '[]'),
          'category', coalesce(json_agg(k.i), '[]'),
          'status', coalesce(json_agg(array_position(${codes(CASE_MAP_CODES.status)}, o.status) - 1), '[]'),
          'priority', coalesce(json_agg(array_position(${codes(CASE_MAP_CODES.priority)}, o.priority) - 1), '[]'),
          'sla', coalesce(json_agg(array_position(${codes(CASE_MAP_CODES.sla)}, o.sla_state) - 1), '[]')
        )::text AS body
        FROM open o JOIN grids g USING (grid_id) JOIN categories k USING (category_code)`,
        params,
      )) as { body: string }[];
      return { etag, body: row.body };
    });
  }

  /** A weak tag per caller scope, filter and data version (another user's copy is never "the same"). */
  private etagOf(user: AuthUser, query: MapQuery, version: string): string {
    const hash = createHash('sha1')
      .update(JSON.stringify([user.id, user.role, user.areaId, user.departmentId, query.areaId ?? null]))
      .digest('base64url')
      .slice(0, 16);
    return `W/"map-${version}-${hash}"`;
  }
}
