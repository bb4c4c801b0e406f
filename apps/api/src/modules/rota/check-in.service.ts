import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { CheckInDto, CheckInRequest, MyDutyResponse } from '@grid/contracts';
import { localDateOf } from '@grid/domain';
import { DataSource } from 'typeorm';
import { AppError, invalid } from '../../common/app-error';
import { AreaIndexService } from '../areas/area-index.service';
import type { AuthUser } from '../auth/auth-user';
import { RotaIndexService } from './rota-index.service';

/** A check-in is accepted this long before the shift starts (a worker arriving early). */
export const CHECK_IN_EARLY_MS = 30 * 60_000;

interface CheckInRow {
  id: string;
  at: Date;
  area_id: string;
  inside: boolean;
  reason: string | null;
}

const checkInDto = (r: CheckInRow): CheckInDto => ({ id: r.id, at: r.at.toISOString(), areaId: r.area_id, inside: r.inside, reason: r.reason });

/**
 * The phone's geofenced check-in (签到) at the start of a shift: inside the grid of the duty (point-in-polygon
 * on the in-memory area index), or outside with a reason. Counted as an on-duty day in the assessment.
 */
@Injectable()
export class CheckInService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly rota: RotaIndexService,
    private readonly areas: AreaIndexService,
  ) {}

  async checkIn(user: AuthUser, body: CheckInRequest): Promise<CheckInDto> {
    const now = new Date();
    const duty = await this.rota.dutyOf(user.id, now, CHECK_IN_EARLY_MS);
    if (!duty) throw new AppError('conflict', 'you have no shift now', undefined, 'no_shift');
    const inside = this.areas.locateGridId(body) === duty.areaId;
    if (!inside && !body.reason) throw invalid('the position is outside the grid of your shift: give a reason', { reason: 'required outside the grid' });
    const [row] = (await this.dataSource.query(
      `INSERT INTO check_ins (user_id, area_id, at, local_date, lat, lng, inside, reason) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id, at, area_id, inside, reason`,
      [user.id, duty.areaId, now, localDateOf(now.toISOString()), body.lat, body.lng, inside, inside ? (body.reason ?? null) : body.reason],
    )) as CheckInRow[];
    return checkInDto(row);
  }

  /** The caller's duty now (or starting soon) and today's check-in, for the phone. */
  async mine(user: AuthUser): Promise<MyDutyResponse> {
    const now = new Date();
    const duty = await this.rota.dutyOf(user.id, now, CHECK_IN_EARLY_MS);
    const [row] = (await this.dataSource.query(`SELECT id, at, area_id, inside, reason FROM check_ins WHERE user_id = $1 AND local_date = $2 ORDER BY at DESC LIMIT 1`, [
      user.id,
      localDateOf(now.toISOString()),
    ])) as CheckInRow[];
    return {
      onDuty: duty !== null,
      areaId: duty?.areaId ?? null,
      start: duty?.startMs != null ? new Date(duty.startMs).toISOString() : null,
      end: duty?.endMs != null ? new Date(duty.endMs).toISOString() : null,
      checkIn: row ? checkInDto(row) : null,
    };
  }
}
