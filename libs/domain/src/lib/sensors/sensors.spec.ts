import type { CaseStatus, RecoveryAction } from '@grid/contracts';
import { applyEvent } from '../case/apply-event';
import { decide } from '../case/decide';
import { routeCase } from '../routing/route-case';
import { A, CITY, DEPT, FACILITY, PATH, caseIn, contextFor, run } from '../../testing/case.fixtures';
import { planDeviceImport, type DeviceImportReference } from './device-import';
import { recoveryEvents } from './sensor-recovery';
import { alarmDescription, alarmStep, sensorCategory } from './sensor-rules';

const NOW = '2026-11-23T03:00:00.000Z';

describe('alarmStep: one device, one open case', () => {
  it.each([
    [false, false, 'open'],
    [true, false, 'count'],
    [true, true, 'recover'],
    [false, true, 'none'],
  ] as const)('open case %s, recovered %s → %s', (open, recovered, step) => {
    expect(alarmStep(open, recovered)).toBe(step);
  });
});

describe('sensorCategory: a device goes to its owner first', () => {
  const route = (category: typeof CITY) =>
    routeCase({ areaPath: PATH, category, priority: 'urgent', onDutyWorkerId: 'w1', departmentIdByCode: { zhzf: DEPT.zhzf, zj: DEPT.zj }, departmentOnDuty: {} });

  it('the device’s department, before the rule’s and the category’s', () => {
    const category = sensorCategory(CITY, { departmentCode: 'zhzf' }, 'zj');
    expect(category).toMatchObject({ departmentCode: 'zj', kind: 'component' });
    expect(route(category)).toMatchObject({ order: 'owner_first', unit: { level: 'department', departmentId: DEPT.zj }, verifierId: 'w1' });
  });

  it('the rule’s department when the device names none', () => {
    expect(route(sensorCategory(CITY, { departmentCode: 'zhzf' }, null))).toMatchObject({ unit: { level: 'department', departmentId: DEPT.zhzf } });
  });

  it('neither: the category routes as the responsibility list says (here: its grid)', () => {
    expect(sensorCategory(CITY, { departmentCode: null }, null)).toBe(CITY);
    expect(route(sensorCategory(CITY, { departmentCode: null }, null))).toMatchObject({ order: 'territory_first', unit: { level: 'grid', areaId: PATH[3] } });
  });

  it('an unknown department falls back to the territory (no alarm is lost to a gap in the list)', () => {
    expect(route(sensorCategory(CITY, { departmentCode: null }, 'gone'))).toMatchObject({ unit: { level: 'grid' } });
  });
});

describe('alarmDescription', () => {
  it.each([
    [{ code: 'YG-1', name: null, address: null }, undefined, '物联感知设备报警：烟感。设备 YG-1。'],
    [{ code: 'YG-1', name: '3号楼烟感', address: '幸福路 3 号' }, 87.5, '物联感知设备报警：烟感。设备 3号楼烟感（YG-1），位于幸福路 3 号，读数 87.5。'],
  ])('%j %s', (device, value, text) => {
    expect(alarmDescription({ name: '烟感' }, device, value)).toBe(text);
  });
});

describe('recoveryEvents', () => {
  const after = (status: CaseStatus, action: RecoveryAction) => {
    const { state } = caseIn(status);
    const events = recoveryEvents(state, action, NOW);
    return { events, state: events.reduce(applyEvent, state) };
  };

  it.each([
    ['reported', 'close', 'closed'],
    ['registered', 'close', 'closed'],
    ['dispatched', 'close', 'closed'],
    // Taken by someone: not closed under their feet, checked on site instead.
    ['accepted', 'close', 'handled'],
    ['in_progress', 'close', 'handled'],
    ['dispatched', 'verify', 'handled'],
    ['accepted', 'verify', 'handled'],
    ['in_progress', 'verify', 'handled'],
    ['reported', 'verify', 'reported'],
    ['handled', 'close', 'handled'],
    ['handled', 'verify', 'handled'],
    ['verified', 'close', 'verified'],
    ['closed', 'close', 'closed'],
    ['cancelled', 'verify', 'cancelled'],
    ['dispatched', 'note', 'dispatched'],
  ] as const)('%s + %s → %s', (status, action, to) => {
    expect(after(status, action).state.status).toBe(to);
  });

  it('writes system events (no actor) with the reason, and an auto-close needs no verification', () => {
    const { events } = after('dispatched', 'close');
    expect(events).toEqual([expect.objectContaining({ kind: 'closed', actorId: null, fromStatus: 'dispatched', data: { auto: true, withoutVerification: true }, note: expect.stringContaining('恢复') })]);
  });

  it('a case marked for verification is verified on site as any handled case', () => {
    const { state } = after('accepted', 'verify');
    const verified = decide(state, { action: 'verify' }, A.worker2, NOW, contextFor());
    expect(verified.ok && verified.next.status).toBe('verified');
  });

  it('leaves a suspended case alone, and one whose summoned departments have not finished', () => {
    const accepted = caseIn('accepted');
    expect(recoveryEvents({ ...accepted.state, suspended: true }, 'verify', NOW)).toEqual([]);
    const whistled = run([[{ action: 'whistle', whistleKind: 'routine', departments: [{ departmentId: DEPT.zj, lead: true, reportInHours: 0.5, handleHours: 8 }] }, A.zoneLeader, contextFor(FACILITY)]], accepted);
    expect(recoveryEvents(whistled.state, 'verify', NOW)).toEqual([]);
  });
});

describe('planDeviceImport', () => {
  const ref: DeviceImportReference = {
    kinds: new Map([
      ['smoke', 'smoke'],
      ['烟感', 'smoke'],
      ['water_level', 'water_level'],
    ]),
    departments: new Set(['zj']),
    codes: new Set(['TAKEN-1']),
    locate: ({ lat }) => (lat > 32 && lat < 33 ? 'grid-1' : null),
  };
  const header = ['设备编码(code)', '设备类型(kind)', '纬度(lat)', '经度(lng)', '名称(name)', '部门编码(department_code)'];

  it('plans a valid file, kinds by code or by name', () => {
    const plan = planDeviceImport([header, ['YG-1', '烟感', '32.7', '108.8', '3号楼', 'zj'], ['', '', '', '', '', ''], ['SW-1', 'water_level', '32.71', '108.81', '', '']], ref);
    expect(plan.problems).toEqual([]);
    expect(plan.devices).toEqual([
      { row: 2, code: 'YG-1', kind: 'smoke', name: '3号楼', lat: 32.7, lng: 108.8, departmentCode: 'zj', address: null, gridId: 'grid-1' },
      { row: 4, code: 'SW-1', kind: 'water_level', name: null, lat: 32.71, lng: 108.81, departmentCode: null, address: null, gridId: 'grid-1' },
    ]);
  });

  it('names every problem by row and column, and plans nothing then', () => {
    const plan = planDeviceImport(
      [
        header,
        ['TAKEN-1', 'smoke', '32.7', '108.8'],
        ['A 1', 'fog', 'north', '108.8'],
        ['B-1', 'smoke', '40.0', '108.8', '', 'nope'],
        ['B-1', '', '32.7', '108.8'],
      ],
      ref,
    );
    expect(plan.devices).toEqual([]);
    expect(plan.problems.map((p) => [p.row, p.column, p.code])).toEqual([
      [2, 'code', 'code_taken'],
      [3, 'code', 'code_malformed'],
      [3, 'kind', 'kind_unknown'],
      [3, 'lat', 'coordinate_malformed'],
      [4, 'lat', 'outside_territory'],
      [4, 'department_code', 'department_unknown'],
      [5, 'code', 'code_in_file'],
      [5, 'kind', 'kind_empty'],
    ]);
  });

  it('refuses a file without its required columns, or without devices', () => {
    expect(planDeviceImport([['code', 'kind']], ref).problems.map((p) => p.column)).toEqual(['lat', 'lng']);
    expect(planDeviceImport([header], ref).problems.map((p) => p.code)).toEqual(['no_devices']);
    expect(planDeviceImport([], ref).problems.map((p) => p.code)).toEqual(['empty_file']);
  });
});
