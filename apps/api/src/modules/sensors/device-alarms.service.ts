import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { SensorAlarmAccepted, SensorAlarmParsed } from '@grid/contracts';
import { alarmDescription, alarmStep, GroupBatcher, recoveryEvents, sensorCategory, TERMINAL_STATUSES, type SensorRule } from '@grid/domain';
import { DataSource } from 'typeorm';
import { AppError, invalid } from '../../common/app-error';
import { CaseCommandService } from '../cases/case-commands.service';
import type { IntegrationClient } from '../integrations/integration-clients.service';
import { DeviceLive } from './device-live';
import { stateOf, type DeviceRow } from './device-rows';
import { DeviceRegistry } from './devices.service';
import { SensorRules } from './sensor-rules.service';

export interface ReceivedAlarm {
  status: 200 | 201;
  body: SensorAlarmAccepted;
}

/** Another alarm of the same device opened its case first (on this instance or another): this one's case rolls back. */
class AlarmAlreadyOpen extends Error {}

interface CountItem {
  deviceId: string;
  at: string;
  value: number | null;
}

interface CountedAlarm {
  caseId: string;
  caseCode: string;
  alarms: number;
  wasRecovered: boolean;
  row: Pick<DeviceRow, 'case_id' | 'case_code' | 'case_area_path' | 'case_department_ids' | 'alarms' | 'first_at' | 'last_at' | 'last_value'>;
}

/** Statuses after which a device's alarm record ends (its case is over). */
const ENDED = `('${TERMINAL_STATUSES.join("', '")}')`;

/**
 * Alarms of registered devices (DESIGN §7a `POST /api/sensors/alarms`). One device has at most one open case: the first
 * alarm opens it (source `sensor`, routed by the device's place and its kind's rule); repeats are counted on the
 * device's alarm record — no case event, no push but a throttled count — grouped as group commit does, so that a
 * storm costs one row update per round trip, not per alarm; a recovery acts on the case by the kind's rule. A partial unique index (one open alarm
 * per device) is the guarantee across instances; opening is also single-flight per device within an instance, so a
 * storm's first burst makes one attempt per instance, not one per alarm.
 */
@Injectable()
export class DeviceAlarmService {
  /** Per device: the opening under way on this instance, or settled (then its case is there for any read begun after it). */
  private readonly opening = new Map<string, { done: Promise<unknown>; settled: boolean }>();
  /** Repeats counted as group commit does: under a storm one UPDATE counts every alarm that arrived meanwhile. */
  private readonly counter = new GroupBatcher<CountItem, CountedAlarm | null>((items) => this.countGroup(items), 1_000);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly devices: DeviceRegistry,
    private readonly rules: SensorRules,
    private readonly commands: CaseCommandService,
    private readonly live: DeviceLive,
  ) {}

  async receive(client: IntegrationClient, alarm: SensorAlarmParsed): Promise<ReceivedAlarm> {
    const device = await this.devices.liveByCode(alarm.deviceCode, true);
    if (!device) throw invalid(`unknown device ${alarm.deviceCode} (not registered, or retired)`, { deviceCode: 'unknown device' });
    // The alarm's own kind when it has a rule (a device may report several), else the device's.
    const rule = (await this.rules.of(alarm.kind)) ?? (await this.rules.of(device.kind));
    if (!rule) throw invalid(`no sensor rule for kind ${alarm.kind}`, { kind: 'no rule for this kind' });
    const recovered = alarm.recovered === true;
    for (let attempt = 0; attempt < 5; attempt++) {
      // A repeat is the common case in a storm: one UPDATE answers it.
      if (!recovered) {
        const counted = await this.count(device, alarm);
        if (counted) return counted;
      }
      const step = alarmStep(await this.hasOpenCase(device.id), recovered);
      if (step === 'none') return { status: 200, body: { caseId: null, caseCode: null, alarms: 0, state: 'normal' } };
      if (step === 'recover') return this.recover(device, rule, alarm);
      if (step === 'count') continue; // opened meanwhile: counted on the next round
      const pending = this.opening.get(device.id);
      if (pending) {
        // Wait for an opening under way, then count on its case. One that had settled before this alarm's reads
        // began is no reason to wait: its case has ended since (or lost a race), and the next round sees it.
        if (pending.settled) this.opening.delete(device.id);
        else await pending.done.catch(() => undefined);
        continue;
      }
      const opening = { done: this.open(client, device, rule, alarm), settled: false };
      this.opening.set(device.id, opening);
      void opening.done.then(
        () => (opening.settled = true),
        () => this.opening.get(device.id) === opening && this.opening.delete(device.id),
      );
      const opened = await opening.done;
      if (opened) return opened;
    }
    throw new AppError('unavailable', 'the device’s alarm record kept changing; send the alarm again', { deviceCode: 'busy' });
  }

  /** Whether the device has an open alarm whose case is still open (an ended case's record is closed here, self-healing). */
  private async hasOpenCase(deviceId: string): Promise<boolean> {
    const [row] = (await this.dataSource.query(
      `SELECT a.id, c.status IN ${ENDED} OR c.merged_into IS NOT NULL AS ended FROM device_alarms a JOIN cases c ON c.id = a.case_id WHERE a.device_id = $1 AND a.ended_at IS NULL`,
      [deviceId],
    )) as { id: string; ended: boolean }[];
    if (!row) return false;
    if (!row.ended) return true;
    await this.dataSource.query(`UPDATE device_alarms SET ended_at = now() WHERE id = $1 AND ended_at IS NULL`, [row.id]);
    return false;
  }

  /** A repeat: counted on the open alarm record (no event, no push but a throttled count). Null when no open case is left. */
  private async count(device: DeviceRow, alarm: SensorAlarmParsed): Promise<ReceivedAlarm | null> {
    const hit = await this.counter.submit({ deviceId: device.id, at: alarm.at, value: alarm.value ?? null });
    if (!hit) return null;
    const row: DeviceRow = { ...device, ...hit.row, alarm_kind: alarm.kind, recovered_at: null };
    // Back in alarm after a recovery is a change of state; otherwise only the count moved.
    if (hit.wasRecovered) this.live.changed(row);
    else this.live.counted(row);
    return { status: 200, body: { caseId: hit.caseId, caseCode: hit.caseCode, alarms: hit.alarms, state: 'alarm' } };
  }

  /**
   * One UPDATE for a group of repeats (of one device or several): each open record gains its alarms; each alarm
   * answers the count it made (the group's alarms of a device numbered in arrival order).
   */
  private async countGroup(items: CountItem[]): Promise<(CountedAlarm | null)[]> {
    const byDevice = new Map<string, { k: number; at: string; value: number | null }>();
    for (const item of items) {
      const seen = byDevice.get(item.deviceId);
      byDevice.set(item.deviceId, { k: (seen?.k ?? 0) + 1, at: seen && seen.at > item.at ? seen.at : item.at, value: item.value ?? seen?.value ?? null });
    }
    // In one order on every instance, so that two groups seldom lock the same records crosswise (a deadlock fails the
    // group, whose alarms the batcher then counts one by one).
    const devices = [...byDevice.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const [rows] = (await this.dataSource.query(
      `UPDATE device_alarms a SET alarms = a.alarms + u.k, last_at = greatest(a.last_at, u.at), last_value = coalesce(u.value, a.last_value), recovered_at = NULL
       FROM unnest($1::uuid[], $2::int[], $3::timestamptz[], $4::float8[]) AS u(device_id, k, at, value), cases c
       WHERE a.device_id = u.device_id AND a.ended_at IS NULL AND c.id = a.case_id AND c.status NOT IN ${ENDED} AND c.merged_into IS NULL
       RETURNING a.device_id, a.case_id, c.code AS case_code, a.alarms, a.first_at, a.last_at, a.last_value, c.area_path AS case_area_path, c.department_ids AS case_department_ids,
         (SELECT o.recovered_at IS NOT NULL FROM device_alarms o WHERE o.id = a.id) AS was_recovered`,
      [devices.map(([id]) => id), devices.map(([, d]) => d.k), devices.map(([, d]) => d.at), devices.map(([, d]) => d.value)],
    )) as [(CountedAlarm['row'] & { device_id: string; case_id: string; case_code: string; alarms: number; was_recovered: boolean })[], number];
    const found = new Map(rows.map((r) => [r.device_id, r]));
    const numbered = new Map<string, number>();
    return items.map((item) => {
      const hit = found.get(item.deviceId);
      if (!hit) return null;
      const j = numbered.get(item.deviceId) ?? 0;
      numbered.set(item.deviceId, j + 1);
      const k = byDevice.get(item.deviceId)?.k ?? 1;
      return { caseId: hit.case_id, caseCode: hit.case_code, alarms: hit.alarms - k + j + 1, wasRecovered: hit.was_recovered && j === 0, row: hit };
    });
  }

  /** Opens the device's case and its alarm record in one transaction; null when another alarm of the device won the race. */
  private async open(client: IntegrationClient, device: DeviceRow, rule: SensorRule, alarm: SensorAlarmParsed): Promise<ReceivedAlarm | null> {
    try {
      const created = await this.commands.reportAsResident(
        {
          categoryCode: rule.categoryCode,
          description: alarmDescription(rule, device, alarm.value),
          location: { lat: device.lat, lng: device.lng },
          address: device.address,
          priority: rule.priority,
          source: 'sensor',
          reporter: { name: client.name, phone: '' },
        },
        async (manager, row) => {
          const inserted = (await manager.query(
            `INSERT INTO device_alarms (device_id, case_id, kind, first_at, last_at, last_value) VALUES ($1, $2, $3, $4, $4, $5)
             ON CONFLICT (device_id) WHERE ended_at IS NULL DO NOTHING RETURNING id`,
            [device.id, row.id, alarm.kind, alarm.at, alarm.value ?? null],
          )) as unknown[];
          if (!inserted.length) throw new AlarmAlreadyOpen();
        },
        (category) => sensorCategory(category, rule, device.department_code),
      );
      const row = await this.devices.row('d.id = $1', device.id);
      if (row) this.live.changed(row);
      return { status: 201, body: { caseId: created.id, caseCode: created.code, alarms: 1, state: 'alarm' } };
    } catch (error) {
      if (error instanceof AlarmAlreadyOpen) return null;
      throw error;
    }
  }

  /** The device is back to normal: its case closes, goes to verification, or goes on (the kind's rule). */
  private async recover(device: DeviceRow, rule: SensorRule, alarm: SensorAlarmParsed): Promise<ReceivedAlarm> {
    const open = await this.devices.row('d.id = $1', device.id);
    if (!open?.case_id) return { status: 200, body: { caseId: null, caseCode: null, alarms: 0, state: 'normal' } };
    await this.commands.actAsSystem(
      open.case_id,
      (state, now) => recoveryEvents(state, rule.onRecovery, now),
      async (manager) => {
        await manager.query(`UPDATE device_alarms SET recovered_at = coalesce(recovered_at, $2), last_at = greatest(last_at, $2) WHERE case_id = $1`, [open.case_id, alarm.at]);
      },
    );
    const after = await this.devices.row('d.id = $1', device.id);
    // Ended by the recovery (closed): pushed by the case hook to the case's rooms; still open: pushed here.
    if (after?.case_id) this.live.changed(after);
    return { status: 200, body: { caseId: open.case_id, caseCode: open.case_code, alarms: open.alarms ?? 1, state: after ? stateOf(after) : 'normal' } };
  }
}
