import type { DeviceDto, DeviceList } from '@grid/contracts';
import { patchDeviceLayer } from './device-layer';

const device = (id: string, state: DeviceDto['state'], alarms: number | null): DeviceDto => ({
  id,
  code: `D-${id}`,
  kind: 'smoke',
  kindName: '烟感',
  kindNameEn: 'Smoke detector',
  name: null,
  location: { lat: 32.7, lng: 108.8 },
  address: null,
  gridId: '00000000-0000-4000-8000-000000000001',
  areaPath: [],
  departmentCode: null,
  state,
  alarm: alarms === null ? null : { caseId: '00000000-0000-4000-8000-000000000002', caseCode: 'HK1', kind: 'smoke', alarms, firstAt: '2026-12-07T00:00:00Z', lastAt: '2026-12-07T00:00:00Z', lastValue: null, recoveredAt: null },
  createdAt: '2026-12-07T00:00:00Z',
  retiredAt: null,
});

const LOADED: DeviceList = { items: [device('a', 'alarm', 3)], total: 1, page: 1, pageSize: 2000 };
const ids = (list: DeviceList | undefined) => list?.items.map((d) => [d.id, d.state, d.alarm?.alarms ?? null]);

describe('patchDeviceLayer: the wall’s device layer after a device.alarm push', () => {
  it.each([
    ['a new device in alarm comes first', device('b', 'alarm', 1), [['b', 'alarm', 1], ['a', 'alarm', 3]]],
    ['a count moves in place', device('a', 'alarm', 40), [['a', 'alarm', 40]]],
    ['a recovered device stays while its case is open', device('a', 'recovered', 3), [['a', 'recovered', 3]]],
    ['a device whose case ended leaves', device('a', 'normal', null), []],
    ['a retired device leaves', device('a', 'retired', 3), []],
  ])('%s', (_what, push, expected) => {
    expect(ids(patchDeviceLayer(LOADED, push))).toEqual(expected);
  });

  it('does nothing before the layer was loaded', () => {
    expect(patchDeviceLayer(undefined, device('b', 'alarm', 1))).toBeUndefined();
  });
});
