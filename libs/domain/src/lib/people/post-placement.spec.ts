import { postPlacementProblem } from './post-placement';

describe('postPlacementProblem', () => {
  it.each([
    ['grid_worker', { level: 'grid' }],
    ['grid_leader', { level: 'grid' }],
    ['grid_leader', { level: 'village' }],
    ['village_cadre', { level: 'village' }],
    ['zone_leader', { level: 'zone' }],
    ['dept_staff', 'department'],
    ['dept_head', 'department'],
    ['admin', { level: 'district' }],
  ] as const)('lets a %s sit in %j', (role, unit) => {
    expect(postPlacementProblem(role, unit)).toBeNull();
  });

  it.each([
    ['grid_worker', { level: 'village' }, /level grid, not village/],
    ['village_cadre', { level: 'grid' }, /level village, not grid/],
    ['dept_staff', { level: 'grid' }, /department, not an area/],
    ['grid_worker', 'department', /area, not a department/],
    ['admin', { level: 'zone' }, /level district, not zone/],
  ] as const)('refuses a %s in %j', (role, unit, message) => {
    expect(postPlacementProblem(role, unit)).toMatch(message);
  });
});
