import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AppendTrackRequest, EndPatrolRequest, PatrolSummary, PatrolVisitDto, RecordVisitRequest, StartPatrolRequest } from '@grid/contracts';
import { cleanTrack, mergeTrackPoints, type TrackPoint } from '@grid/domain';
import { DataSource, EntityManager } from 'typeorm';
import { AppError, forbidden, invalid, notFound } from '../../common/app-error';
import { AreaIndexService } from '../areas/area-index.service';
import type { AuthUser } from '../auth/auth-user';
import { PATROL_COLUMNS, PATROL_FROM, toPatrolSummary, toVisitDto, type PatrolRow, type PatrolVisitRow } from './patrol-rows';

/** How far ahead of the server's clock a phone's time may be. */
const CLOCK_SKEW_MS = 10 * 60_000;
/** How old a patrol sent late may be (a phone kept offline in the hills for days). */
const MAX_AGE_MS = 30 * 86_400_000;

export interface Written<T> {
  /** 201 when this request made it, 200 when it was there already (a resend). */
  status: 200 | 201;
  body: T;
}

/**
 * A field worker's own patrol, written as the phone sends it: start, batches of track points, visits,
 * end. Every write is safe to resend: the patrol and its visits have the phone's ids, and points merge by
 * instant. The distance is measured on the cleaned track (domain `cleanTrack`) in the same transaction.
 */
@Injectable()
export class PatrolCommandService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly areaIndex: AreaIndexService,
  ) {}

  async start(user: AuthUser, body: StartPatrolRequest, now = Date.now()): Promise<Written<PatrolSummary>> {
    const startedMs = checkInstant(body.startedAt, 'startedAt', now);
    const areaPath = this.gridPathOf(user, body);
    return this.dataSource.transaction(async (manager) => {
      const inserted: unknown[] = await manager.query(
        `INSERT INTO patrols (id, worker_id, grid_id, area_path, started_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (id) DO NOTHING RETURNING id`,
        [body.id, user.id, areaPath.at(-1), areaPath, new Date(startedMs)],
      );
      const row = await this.findRow(manager, body.id, false);
      if (!row || row.worker_id !== user.id) throw new AppError('conflict', 'this patrol id is already taken');
      return { status: inserted.length ? 201 : 200, body: toPatrolSummary(row) };
    });
  }

  async appendPoints(user: AuthUser, id: string, body: AppendTrackRequest, now = Date.now()): Promise<PatrolSummary> {
    return this.dataSource.transaction(async (manager) => {
      const row = await this.ownRow(manager, user, id);
      const window = windowOf(row, now);
      const added = body.points.map((p, i): TrackPoint => {
        const ms = Date.parse(p.at);
        if (ms < window.from || ms > window.to) throw invalid('a point lies outside the patrol’s time', { [`points.${i}.at`]: 'must be between the patrol’s start and end' });
        return { lat: p.lat, lng: p.lng, at: new Date(ms).toISOString(), accuracy: p.accuracy ?? null };
      });
      const [{ points }] = (await manager.query(`SELECT points FROM patrols WHERE id = $1`, [id])) as { points: TrackPoint[] }[];
      const merged = mergeTrackPoints(points, added);
      const { distanceMeters } = cleanTrack(merged);
      await manager.query(`UPDATE patrols SET points = $2, point_count = $3, distance_m = $4 WHERE id = $1`, [id, JSON.stringify(merged), merged.length, distanceMeters]);
      return toPatrolSummary({ ...row, point_count: merged.length, distance_m: distanceMeters });
    });
  }

  async recordVisit(user: AuthUser, id: string, body: RecordVisitRequest, now = Date.now()): Promise<Written<PatrolVisitDto>> {
    return this.dataSource.transaction(async (manager) => {
      const row = await this.ownRow(manager, user, id);
      const window = windowOf(row, now);
      const ms = Date.parse(body.at);
      if (ms < window.from || ms > window.to) throw invalid('the visit lies outside the patrol’s time', { at: 'must be between the patrol’s start and end' });
      const inserted: unknown[] = await manager.query(
        `INSERT INTO patrol_visits (id, patrol_id, worker_id, grid_id, area_path, kind, label, lat, lng, at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (id) DO NOTHING RETURNING id`,
        [body.id, id, user.id, row.grid_id, row.area_path, body.kind, body.label, body.location.lat, body.location.lng, new Date(ms)],
      );
      const [visit] = (await manager.query(`SELECT id, patrol_id, kind, label, lat, lng, at FROM patrol_visits WHERE id = $1`, [body.id])) as PatrolVisitRow[];
      if (visit.patrol_id !== id) throw new AppError('conflict', 'this visit id is already taken');
      if (inserted.length) await manager.query(`UPDATE patrols SET visit_count = visit_count + 1 WHERE id = $1`, [id]);
      return { status: inserted.length ? 201 : 200, body: toVisitDto(visit) };
    });
  }

  async end(user: AuthUser, id: string, body: EndPatrolRequest, now = Date.now()): Promise<PatrolSummary> {
    const endedMs = checkInstant(body.endedAt, 'endedAt', now);
    return this.dataSource.transaction(async (manager) => {
      const row = await this.ownRow(manager, user, id);
      if (row.ended_at) {
        if (row.ended_at.getTime() === endedMs) return toPatrolSummary(row);
        throw new AppError('conflict', 'this patrol has already ended', undefined, 'already_ended');
      }
      if (endedMs < row.started_at.getTime()) throw invalid('a patrol cannot end before it starts', { endedAt: 'must not be before startedAt' });
      await manager.query(`UPDATE patrols SET ended_at = $2 WHERE id = $1`, [id, new Date(endedMs)]);
      return toPatrolSummary({ ...row, ended_at: new Date(endedMs) });
    });
  }

  /** The grid a patrol belongs to, with its area path: a grid worker's own grid, or the grid where it starts. */
  private gridPathOf(user: AuthUser, body: StartPatrolRequest): string[] {
    if (user.areaLevel === 'grid' && user.areaId) return user.areaPath;
    if (!body.location) throw invalid('where does the patrol start?', { location: 'required for those who serve more than one grid' });
    const path = this.areaIndex.locatePath(body.location);
    if (!path) throw invalid('the start lies outside every grid', { location: 'outside every grid' });
    if (!user.areaId || !path.includes(user.areaId)) throw forbidden('location: the start lies outside your area');
    return path;
  }

  /** The caller's own patrol, locked for this write; another's is as good as missing. */
  private async ownRow(manager: EntityManager, user: AuthUser, id: string): Promise<PatrolRow> {
    const row = await this.findRow(manager, id, true);
    if (!row || row.worker_id !== user.id) throw notFound('patrol');
    return row;
  }

  private async findRow(manager: EntityManager, id: string, lock: boolean): Promise<PatrolRow | undefined> {
    const rows = (await manager.query(`SELECT ${PATROL_COLUMNS} FROM ${PATROL_FROM} WHERE p.id = $1${lock ? ' FOR UPDATE OF p' : ''}`, [id])) as PatrolRow[];
    return rows[0];
  }
}

/** Epoch ms of a phone's instant, refused when in the future or too old. */
function checkInstant(instant: string, field: string, now: number): number {
  const ms = Date.parse(instant);
  if (ms > now + CLOCK_SKEW_MS) throw invalid(`${field} is in the future`, { [field]: 'must not be in the future' });
  if (ms < now - MAX_AGE_MS) throw invalid(`${field} is too long ago`, { [field]: 'must be within the last 30 days' });
  return ms;
}

/** The times a patrol's points and visits may have: from its start to its end (or now), a little skew allowed. */
function windowOf(row: Pick<PatrolRow, 'started_at' | 'ended_at'>, now: number): { from: number; to: number } {
  return { from: row.started_at.getTime() - CLOCK_SKEW_MS, to: (row.ended_at?.getTime() ?? now) + CLOCK_SKEW_MS };
}
