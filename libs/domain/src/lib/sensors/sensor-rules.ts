import type { Priority, RecoveryAction } from '@grid/contracts';
import type { CaseCategory } from '../case/case-category.types';

/** How one kind of device's alarms become cases (data, edited by admins). */
export interface SensorRule {
  kind: string;
  name: string;
  categoryCode: string;
  /** The handling department when the device names none; null: the category's (the responsibility list). */
  departmentCode: string | null;
  priority: Priority;
  onRecovery: RecoveryAction;
}

/** What an alarm message does to a device: open a case, count on its open case, recover, or nothing. */
export type AlarmStep = 'open' | 'count' | 'recover' | 'none';

/**
 * One device, one open case: an alarm opens a case only when the device has none open; a repeat is counted on the open
 * case (no event, no push: a storm of 1,000 a second must not flood the timeline or the phones); a recovery acts on
 * the open case, and is nothing without one.
 */
export function alarmStep(hasOpenCase: boolean, recovered: boolean): AlarmStep {
  if (recovered) return hasOpenCase ? 'recover' : 'none';
  return hasOpenCase ? 'count' : 'open';
}

/**
 * The category a device's alarm is routed under. A device is a facility (部件): when it has an owning department, or
 * its kind's rule names one, the case goes to that department first (先属主、后属地), the grid's worker verifying;
 * otherwise the category's own routing (the responsibility list) applies unchanged.
 */
export function sensorCategory<C extends Pick<CaseCategory, 'departmentCode' | 'kind' | 'handlingLevel'>>(category: C, rule: Pick<SensorRule, 'departmentCode'>, deviceDepartmentCode: string | null): C {
  const owner = deviceDepartmentCode ?? rule.departmentCode;
  return owner === null ? category : { ...category, departmentCode: owner, kind: 'component' };
}

/** The new case's description: what alarmed, where, and the reading, in the district's language. */
export function alarmDescription(rule: Pick<SensorRule, 'name'>, device: { code: string; name: string | null; address: string | null }, value: number | null | undefined): string {
  const what = device.name ? `${device.name}（${device.code}）` : device.code;
  const reading = value === null || value === undefined ? '' : `，读数 ${value}`;
  const where = device.address ? `，位于${device.address}` : '';
  return `物联感知设备报警：${rule.name}。设备 ${what}${where}${reading}。`;
}
