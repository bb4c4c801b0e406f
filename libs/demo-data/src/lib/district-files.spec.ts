import { categoryListFileSchema, PEOPLE_IMPORT_COLUMNS } from '@grid/contracts';
import { demoDistrictFiles, keepsRota } from './district-files';
import { generateTerritory } from './generate-territory';

describe('the demo district as its four files', () => {
  const territory = generateTerritory({});
  const files = demoDistrictFiles(territory, 20261123);
  const [header, ...people] = files.people;
  const column = (key: string) => PEOPLE_IMPORT_COLUMNS.findIndex((c) => c.key === key);

  it('gives every area its figures, a village its grids’ sums, each grid a quota of two workers', () => {
    const byCode = new Map(files.territory.features.map((f) => [f.properties.code, f.properties]));
    const village = territory.villages[0];
    const grids = territory.grids.filter((g) => g.parentCode === village.code).map((g) => byCode.get(g.code));
    expect(grids.every((g) => g?.staffQuota === 2 && (g.population ?? 0) >= 250 && (g.households ?? 0) > 0)).toBe(true);
    expect(byCode.get(village.code)?.population).toBe(grids.reduce((n, g) => n + (g?.population ?? 0), 0));
    expect(byCode.get(village.code)?.staffQuota).toBe(grids.length * 2 + 3);
  });

  it('lists every demo account with its role as post type, then the helpers (1+2+N), who sort after the workers', () => {
    expect(header).toEqual(PEOPLE_IMPORT_COLUMNS.map((c) => `${c.zh}(${c.key})`));
    const usernames = new Set(people.map((r) => r[column('username')]));
    for (const u of territory.users) expect(usernames.has(u.username)).toBe(true);
    const helpers = people.filter((r) => ['grid_police', 'legal_adviser', 'building_manager'].includes(r[column('role')]));
    expect(helpers.filter((r) => r[column('role')] === 'grid_police')).toHaveLength(territory.grids.length);
    expect(helpers.every((r) => r[column('username')] > 'grid~')).toBe(true);
  });

  it('puts on the rota only the two workers of the grids of the villages that keep one', () => {
    const villageOf = new Map(territory.grids.map((g) => [g.code, territory.villages.findIndex((v) => v.code === g.parentCode)]));
    expect(files.rota.length).toBeGreaterThan(0);
    expect(files.rota.every((r) => keepsRota(villageOf.get(r[1]) as number))).toBe(true);
    expect(files.rota.filter((r) => r[2].endsWith('b')).length * 2).toBe(files.rota.length);
  });

  it('writes the list as a valid list file', () => {
    expect(categoryListFileSchema.safeParse(files.categories).success).toBe(true);
  });
});
