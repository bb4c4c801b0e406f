import { Injectable } from '@nestjs/common';
import { TERMINAL_STATUSES } from '@grid/domain';
import type { EntityManager } from 'typeorm';
import { CaseEventHooks, type CaseEventHook } from '../cases/case-event-hooks';
import type { CaseEntity } from '../cases/case.entity';
import type { StoredEvent } from '../cases/case-store';
import { DeviceLive, roomsOf } from './device-live';
import { DeviceRegistry } from './devices.service';

/** Time for the action's transaction to commit before the wall is told (the push reads the device as stored). */
const AFTER_COMMIT_MS = 300;

/**
 * A sensor case that ends (closed, cancelled, rejected or merged, by anyone) ends its device's alarm record in the same
 * transaction, so that the device's next alarm opens a new case; the wall hears of it in the case's rooms.
 */
@Injectable()
export class SensorCaseHook implements CaseEventHook {
  constructor(
    hooks: CaseEventHooks,
    private readonly devices: DeviceRegistry,
    private readonly live: DeviceLive,
  ) {
    hooks.register(this);
  }

  async written(manager: EntityManager, row: Pick<CaseEntity, 'id' | 'source'>, events: readonly StoredEvent[]): Promise<void> {
    if (row.source !== 'sensor' || !events.some((e) => TERMINAL_STATUSES.includes(e.toStatus) || e.kind === 'merged')) return;
    const ended = (await manager.query(
      `UPDATE device_alarms a SET ended_at = now() FROM cases c WHERE a.case_id = $1 AND a.ended_at IS NULL AND c.id = a.case_id RETURNING a.device_id, c.area_path, c.department_ids`,
      [row.id],
    )) as [{ device_id: string; area_path: string[]; department_ids: string[] }[], number];
    const device = ended[0][0];
    if (!device) return;
    // After the commit (a rolled-back action leaves the device as it was: the push then repeats its state).
    setTimeout(() => {
      void this.devices
        .row('d.id = $1', device.device_id)
        .then((found) => found && this.live.changed(found, roomsOf({ area_path: device.area_path, case_area_path: device.area_path, case_department_ids: device.department_ids })))
        .catch(() => undefined);
    }, AFTER_COMMIT_MS).unref();
  }
}
