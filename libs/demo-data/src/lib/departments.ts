import type { DepartmentSeed } from './territory';

/**
 * The default departments (DESIGN §8), loaded into every installation: the units zones and the
 * district can summon (吹哨报到). Codes are stable pinyin initials: categories refer to them, and the
 * demo's department staff usernames are built on them (dept_zhzf).
 */
export const defaultDepartments: readonly DepartmentSeed[] = [
  { code: 'zhzf', name: '综合执法', nameEn: 'Comprehensive law enforcement' },
  { code: 'scjg', name: '市场监管', nameEn: 'Market regulation' },
  { code: 'sthj', name: '生态环境', nameEn: 'Ecology and environment' },
  { code: 'zrzy', name: '自然资源', nameEn: 'Natural resources' },
  { code: 'pcs', name: '派出所', nameEn: 'Police station' },
  { code: 'yjgl', name: '应急管理', nameEn: 'Emergency management' },
  { code: 'zj', name: '住建', nameEn: 'Housing and construction' },
  { code: 'mz', name: '民政', nameEn: 'Civil affairs' },
];
