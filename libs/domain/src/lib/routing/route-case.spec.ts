import type { Priority } from '@grid/contracts';
import { CITY, DEPT, FACILITY, PATH } from '../../testing/case.fixtures';
import type { CaseCategory } from '../case/case-category.types';
import { routeCase } from './route-case';

const departmentIdByCode = { zhzf: DEPT.zhzf, zj: DEPT.zj };
const route = (category: CaseCategory, priority: Priority = 'normal', onDutyWorkerId: string | null = 'u-gw') =>
  routeCase({ areaPath: PATH, category, priority, onDutyWorkerId, departmentIdByCode });

describe('routeCase', () => {
  it.each<[string, CaseCategory, object]>([
    [
      'an event goes to its grid and on-duty worker first (先属地), its department kept as owner',
      CITY,
      { order: 'territory_first', unit: { level: 'grid', areaId: 'g1' }, assigneeId: 'u-gw', verifierId: null, ownerDepartmentId: DEPT.zhzf },
    ],
    [
      'a component goes to its owner department first (先属主), the grid worker verifies',
      FACILITY,
      { order: 'owner_first', unit: { level: 'department', departmentId: DEPT.zj }, assigneeId: null, verifierId: 'u-gw' },
    ],
    [
      'a department category flagged as an event goes to the territory first',
      { ...FACILITY, kind: 'event' },
      { order: 'territory_first', unit: { level: 'grid', areaId: 'g1' }, assigneeId: 'u-gw', ownerDepartmentId: DEPT.zj },
    ],
    [
      'a grid category flagged as a component goes to its owner',
      { ...CITY, kind: 'component' },
      { order: 'owner_first', unit: { level: 'department', departmentId: DEPT.zhzf } },
    ],
    [
      'a category handled by the village goes to the village, nobody pushed',
      { ...CITY, handlingLevel: 'village', departmentCode: null },
      { unit: { level: 'village', areaId: 'v1' }, assigneeId: null, ownerDepartmentId: null },
    ],
    [
      'a department unknown to the installation falls back to the territory',
      { ...FACILITY, departmentCode: 'nope' },
      { order: 'territory_first', unit: { level: 'grid', areaId: 'g1' }, ownerDepartmentId: null },
    ],
    ['registered and dispatched at once by default', CITY, { autoRegister: true, autoDispatch: true }],
    ['a category may wait for an operator to register', { ...CITY, autoRegister: false }, { autoRegister: false, autoDispatch: false }],
    ['a category may be registered but dispatched by hand', { ...CITY, autoDispatch: false }, { autoRegister: true, autoDispatch: false }],
  ])('%s', (_name, category, expected) => {
    expect(route(category)).toMatchObject(expected);
  });

  it.each<[Priority, object[]]>([
    ['normal', []],
    ['urgent', []],
    ['emergency', [{ kind: 'zone_leader', areaId: 'z1' }, { kind: 'command_centre' }]],
  ])('a %s case alerts %j', (priority, alerts) => {
    expect(route(CITY, priority).alerts).toEqual(alerts);
  });

  it('pushes the grid as a whole when nobody is on duty', () => {
    expect(route(CITY, 'normal', null)).toMatchObject({ unit: { level: 'grid', areaId: 'g1' }, assigneeId: null });
  });
});
