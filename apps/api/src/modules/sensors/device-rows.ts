import type { DeviceDto, DeviceState } from '@grid/contracts';
import type { Scope } from '../auth/scope';

/** A device with its open alarm (if any) and that alarm's case, as `DEVICE_SELECT` reads it. */
export interface DeviceRow {
  id: string;
  code: string;
  kind: string;
  kind_name: string;
  kind_name_en: string;
  name: string | null;
  address: string | null;
  lat: number;
  lng: number;
  grid_id: string;
  area_path: string[];
  department_code: string | null;
  created_at: Date;
  retired_at: Date | null;
  case_id: string | null;
  case_code: string | null;
  case_area_path: string[] | null;
  case_department_ids: string[] | null;
  alarm_kind: string | null;
  alarms: number | null;
  first_at: Date | null;
  last_at: Date | null;
  last_value: number | null;
  recovered_at: Date | null;
}

/** Devices joined with their open alarm (one at most: a partial unique index) and its case. */
export const DEVICE_SELECT = `
  SELECT d.id, d.code, d.kind, r.name AS kind_name, r.name_en AS kind_name_en, d.name, d.address, d.lat, d.lng, d.grid_id, d.area_path, d.department_code, d.created_at, d.retired_at,
         a.case_id, c.code AS case_code, c.area_path AS case_area_path, c.department_ids AS case_department_ids,
         a.kind AS alarm_kind, a.alarms, a.first_at, a.last_at, a.last_value, a.recovered_at
  FROM devices d
  JOIN sensor_rules r ON r.kind = d.kind
  LEFT JOIN device_alarms a ON a.device_id = d.id AND a.ended_at IS NULL
  LEFT JOIN cases c ON c.id = a.case_id`;

/** SQL for a device state over DEVICE_SELECT's aliases. */
export const STATE_CONDITION: Record<DeviceState, string> = {
  retired: 'd.retired_at IS NOT NULL',
  alarm: 'd.retired_at IS NULL AND a.id IS NOT NULL AND a.recovered_at IS NULL',
  recovered: 'd.retired_at IS NULL AND a.id IS NOT NULL AND a.recovered_at IS NOT NULL',
  normal: 'd.retired_at IS NULL AND a.id IS NULL',
};

export function stateOf(row: Pick<DeviceRow, 'retired_at' | 'case_id' | 'recovered_at'>): DeviceState {
  if (row.retired_at) return 'retired';
  if (!row.case_id) return 'normal';
  return row.recovered_at ? 'recovered' : 'alarm';
}

export function toDeviceDto(r: DeviceRow): DeviceDto {
  return {
    id: r.id,
    code: r.code,
    kind: r.kind,
    kindName: r.kind_name,
    kindNameEn: r.kind_name_en,
    name: r.name,
    location: { lat: r.lat, lng: r.lng },
    address: r.address,
    gridId: r.grid_id,
    areaPath: r.area_path,
    departmentCode: r.department_code,
    state: stateOf(r),
    alarm:
      r.case_id && r.case_code && r.first_at && r.last_at
        ? {
            caseId: r.case_id,
            caseCode: r.case_code,
            kind: r.alarm_kind ?? r.kind,
            alarms: r.alarms ?? 1,
            firstAt: r.first_at.toISOString(),
            lastAt: r.last_at.toISOString(),
            lastValue: r.last_value,
            recoveredAt: r.recovered_at?.toISOString() ?? null,
          }
        : null,
    createdAt: r.created_at.toISOString(),
    retiredAt: r.retired_at?.toISOString() ?? null,
  };
}

/** The devices a caller may see on the wall: in their area subtree, or whose alarm's case their department is on. */
export function deviceScopeCondition(scope: Scope, param: (value: unknown) => string): string {
  switch (scope.kind) {
    case 'all':
      return 'TRUE';
    case 'area':
      return `d.area_path && ${param(scope.areaIds)}::uuid[]`;
    case 'department':
      return `c.department_ids && ${param(scope.departmentIds)}::uuid[]`;
  }
}
