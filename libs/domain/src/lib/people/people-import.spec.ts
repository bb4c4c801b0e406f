import type { AreaLevel, Role } from '@grid/contracts';
import { importDate, planPeopleImport, type PeopleImportReference } from './people-import';

const ref: PeopleImportReference = {
  areas: new Map<string, { id: string; level: AreaLevel }>([
    ['610902001001001', { id: 'grid-1', level: 'grid' }],
    ['610902001001', { id: 'village-1', level: 'village' }],
  ]),
  departments: new Map([['zhzf', 'dept-1']]),
  postTypes: new Map<string, { code: string; role: Role }>([
    ['grid_worker', { code: 'grid_worker', role: 'grid_worker' }],
    ['专职网格员', { code: 'grid_worker', role: 'grid_worker' }],
    ['grid_police', { code: 'grid_police', role: 'grid_worker' }],
    ['grid_leader', { code: 'grid_leader', role: 'grid_leader' }],
    ['dept_staff', { code: 'dept_staff', role: 'dept_staff' }],
  ]),
  usernames: new Set(['taken']),
  phones: new Map([['13900000000', 'old_hand']]),
};
const HEADER = ['name', 'phone', 'username', 'role', 'area_code', 'department_code', 'from', 'to'];

describe('planPeopleImport', () => {
  it('joins rows with the same phone into one person with several posts, the first one primary', () => {
    const plan = planPeopleImport(
      [
        HEADER,
        ['王芳', '138 0000 0001', 'wangfang', 'grid_worker', '610902001001001', '', '2026-01-01', ''],
        ['王芳', '13800000001', '', 'grid_leader', '610902001001', '', '', ''],
        ['李强', '+8613800000002', '', 'dept_staff', '', 'zhzf', '', '2026-12-31'],
      ],
      ref,
    );
    expect(plan.problems).toEqual([]);
    expect(plan.people).toEqual([
      {
        row: 2, name: '王芳', phone: '13800000001', username: 'wangfang',
        posts: [
          { row: 2, type: 'grid_worker', role: 'grid_worker', areaId: 'grid-1', departmentId: null, from: '2025-12-31T16:00:00.000Z', to: null },
          { row: 3, type: 'grid_leader', role: 'grid_leader', areaId: 'village-1', departmentId: null, from: null, to: null },
        ],
      },
      { row: 4, name: '李强', phone: '13800000002', username: '13800000002', posts: [expect.objectContaining({ departmentId: 'dept-1', to: '2026-12-30T16:00:00.000Z' })] },
    ]);
  });

  it('accepts the template’s bilingual header', () => {
    const plan = planPeopleImport([['姓名(name)', '手机号（phone）', '用户名(username)', '岗位(role)', '区域编码(area_code)', '部门编码(department_code)', '起始日期(from)', '结束日期(to)'], ['赵六', '13800000003', '', 'grid_worker', '610902001001001', '', '', '']], ref);
    expect(plan.problems).toEqual([]);
  });

  it('accepts the Chinese header and post type labels', () => {
    const plan = planPeopleImport([['姓名', '手机号', '用户名', '岗位', '区域编码', '部门编码', '起始日期', '结束日期'], ['赵六', '13800000003', '', '专职网格员', '610902001001001', '', '', '']], ref);
    expect(plan.problems).toEqual([]);
    expect(plan.people[0].posts[0].type).toBe('grid_worker');
  });

  it.each([
    ['a phone in the name column', ['13800000009', '张三', '', 'grid_worker', '610902001001001', '', '', ''], 'name', /is a phone number: it belongs in the phone column/],
    ['a name in the phone column and the phone elsewhere', ['张三', '张三', '13800000009', 'grid_worker', '610902001001001', '', '', ''], 'phone', /the phone number is in column username/],
    ['a malformed phone', ['张三', '1380000', '', 'grid_worker', '610902001001001', '', '', ''], 'phone', /not an 11-digit mobile number/],
    ['a phone that exists', ['张三', '13900000000', '', 'grid_worker', '610902001001001', '', '', ''], 'phone', /already belongs to user old_hand/],
    ['a taken username', ['张三', '13800000009', 'taken', 'grid_worker', '610902001001001', '', '', ''], 'username', /duplicate username/],
    ['an unknown role', ['张三', '13800000009', '', 'astronaut', '610902001001001', '', '', ''], 'role', /unknown role "astronaut"/],
    ['an unknown area code', ['张三', '13800000009', '', 'grid_worker', '999', '', '', ''], 'area_code', /unknown area code 999/],
    ['an unknown department code', ['张三', '13800000009', '', 'dept_staff', '', 'nope', '', ''], 'department_code', /unknown department code nope/],
    ['a grid post in a village', ['张三', '13800000009', '', 'grid_worker', '610902001001', '', '', ''], 'area_code', /level grid, not village/],
    ['a malformed date', ['张三', '13800000009', '', 'grid_worker', '610902001001001', '', '2026-02-30', ''], 'from', /not a date/],
    ['an end before the start', ['张三', '13800000009', '', 'grid_worker', '610902001001001', '', '2026-03-01', '2026-02-01'], 'to', /ends before it starts/],
  ])('reports %s with its row and column, and plans nobody', (_what, row, column, message) => {
    const plan = planPeopleImport([HEADER, ['王芳', '13800000001', '', 'grid_worker', '610902001001001', '', '', ''], row], ref);
    expect(plan.problems).toContainEqual(expect.objectContaining({ row: 3, column, code: expect.any(String), message: expect.stringMatching(message) }));
    expect(plan.problems.every((p) => p.row === 3)).toBe(true);
    expect(plan.people).toEqual([]);
  });

  it('reports a username given to two people in the file, and a person named twice differently', () => {
    const plan = planPeopleImport(
      [HEADER, ['甲', '13800000001', 'same', 'grid_worker', '610902001001001', '', '', ''], ['乙', '13800000002', 'same', 'grid_worker', '610902001001001', '', '', ''], ['丙', '13800000001', '', 'grid_police', '610902001001001', '', '', '']],
      ref,
    );
    expect(plan.problems).toEqual([
      expect.objectContaining({ row: 3, column: 'username', code: 'username_in_file', message: expect.stringMatching(/another person in this file/) }),
      { row: 4, column: 'name', code: 'name_differs', params: { value: '丙', given: '甲', row: 2 }, message: 'phone 13800000001 is 甲 in row 2, not 丙' },
    ]);
  });

  it('reports missing columns on the header row, and an empty file', () => {
    expect(planPeopleImport([['name', 'username']], ref).problems).toEqual([
      { row: 1, column: 'phone', code: 'missing_column', params: { column: 'phone' }, message: 'missing column phone (手机号)' },
      { row: 1, column: 'role', code: 'missing_column', params: { column: 'role' }, message: 'missing column role (岗位)' },
    ]);
    expect(planPeopleImport([], ref).problems).toHaveLength(1);
    expect(planPeopleImport([HEADER, ['', '']], ref).problems).toEqual([{ row: 2, code: 'no_people', message: expect.stringMatching(/no people/) }]);
  });
});

describe('importDate', () => {
  it.each([
    ['2026-03-01', '2026-02-28T16:00:00.000Z'],
    ['2026/3/1', '2026-02-28T16:00:00.000Z'],
    ['2026-02-29', null],
    ['01/03/2026', null],
  ])('reads %s as %s', (cell, instant) => expect(importDate(cell)).toBe(instant));
});
