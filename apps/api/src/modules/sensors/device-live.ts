import { Injectable, Logger } from '@nestjs/common';
import { ROOM } from '@grid/contracts';
import { RealtimeGateway } from '../realtime/realtime.gateway';
import { toDeviceDto, type DeviceRow } from './device-rows';

/** A device's count moving (an alarm storm) is pushed at most this often per device and instance. */
export const COUNT_PUSH_INTERVAL_MS = 5_000;

/**
 * Tells the wall about devices: their state as stored now, in the rooms their alarm's case uses (its areas, its
 * departments, the command centre), so whoever sees the case sees its device. A change of state is pushed at once; a
 * repeat alarm only moves a count, pushed at most every few seconds per device, so a storm of 1,000 alarms a second
 * costs the screens one message in five seconds.
 */
@Injectable()
export class DeviceLive {
  private readonly logger = new Logger(DeviceLive.name);
  private readonly countPushedAt = new Map<string, number>();

  constructor(private readonly gateway: RealtimeGateway) {}

  /** A state change (opened, recovered, ended, retired). */
  changed(row: DeviceRow, rooms: string[] = roomsOf(row)): void {
    this.countPushedAt.set(row.id, Date.now());
    this.emit(row, rooms);
  }

  /** A repeat alarm: pushed when the last push of this device is old enough. */
  counted(row: DeviceRow): void {
    const last = this.countPushedAt.get(row.id) ?? 0;
    if (Date.now() - last < COUNT_PUSH_INTERVAL_MS) return;
    this.countPushedAt.set(row.id, Date.now());
    if (this.countPushedAt.size > 10_000) this.countPushedAt.clear();
    this.emit(row, roomsOf(row));
  }

  private emit(row: DeviceRow, rooms: string[]): void {
    try {
      this.gateway.server?.to(rooms).emit('device.alarm', toDeviceDto(row));
    } catch (error) {
      this.logger.warn(`live push of device ${row.code} failed: ${(error as Error).message}`);
    }
  }
}

/** The rooms of the device's alarm case (or, with none, of the device's own areas) and the command centre. */
export function roomsOf(row: Pick<DeviceRow, 'area_path' | 'case_area_path' | 'case_department_ids'>): string[] {
  return [...new Set([...(row.case_area_path ?? row.area_path).map(ROOM.area), ...(row.case_department_ids ?? []).map(ROOM.department), ROOM.command])];
}
