import { Injectable } from '@nestjs/common';
import { ROLES, type PositionReport, type Role, type WorkerPosition } from '@grid/contracts';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../auth/auth-user';
import { positionRoomsOf } from './rooms';
import type { RealtimeNamespace } from './realtime.types';

/** Roles whose phones report their position (the people in the field). */
export const FIELD_ROLES: readonly Role[] = ROLES.filter((r) => r === 'grid_worker' || r === 'grid_leader' || r === 'village_cadre');
/** A phone may report as often as it likes; we keep and forward one position per worker per interval. */
export const POSITION_INTERVAL_MS = 5_000;

@Injectable()
export class WorkerPositionService {
  private readonly lastAccepted = new Map<string, number>();

  constructor(private readonly dataSource: DataSource) {}

  /** Stores the position and forwards it to the worker's leaders and the command centre; ignores others' roles and bursts. */
  async report(server: RealtimeNamespace, user: AuthUser, report: PositionReport, now = Date.now()): Promise<boolean> {
    if (!FIELD_ROLES.includes(user.role)) return false;
    if (now - (this.lastAccepted.get(user.id) ?? 0) < POSITION_INTERVAL_MS) return false;
    this.lastAccepted.set(user.id, now);
    const position: WorkerPosition = {
      userId: user.id,
      displayName: user.displayName,
      areaId: user.areaId,
      lat: report.lat,
      lng: report.lng,
      accuracy: report.accuracy ?? null,
      at: new Date(now).toISOString(),
    };
    await this.dataSource.query(
      `INSERT INTO worker_positions (user_id, lat, lng, accuracy, at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (user_id) DO UPDATE SET lat = EXCLUDED.lat, lng = EXCLUDED.lng, accuracy = EXCLUDED.accuracy, at = EXCLUDED.at`,
      [user.id, position.lat, position.lng, position.accuracy, position.at],
    );
    server.to(positionRoomsOf(user)).emit('worker.position', position);
    return true;
  }
}
