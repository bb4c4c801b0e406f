import type { CaseMapResponse, CaseSummary } from '@grid/contracts';
import { casesOf, type MapCase, MapCaseStore } from './map-case-store';
import { type GridTable, gridsUnder, type MapFilter, NO_FILTER, viewCases } from './map-case-view';

/** Two zones: Z1 holds village V1 (grids G1, G2), Z2 holds V2 (grid G3). */
const TABLE: GridTable = {
  ids: ['G1', 'G2', 'G3'],
  parent: [0, 0, 1],
  parents: [
    { id: 'V1', path: ['D', 'Z1'] },
    { id: 'V2', path: ['D', 'Z2'] },
  ],
};

const mapCase = (id: string, over: Partial<MapCase> = {}): MapCase => ({ id, lat: 32.7, lng: 108.8, gridId: 'G1', categoryCode: 'city.litter', status: 'dispatched', priority: 'normal', slaState: 'on_time', ...over });

const CASES = [
  mapCase('a'),
  mapCase('b', { gridId: 'G2', slaState: 'overdue' }),
  mapCase('c', { gridId: 'G3', categoryCode: 'road.pothole', status: 'reported' }),
  mapCase('d', { gridId: 'G3', slaState: 'overdue', status: 'reported' }),
  mapCase('e', { gridId: 'G9' }),
];

describe('gridsUnder', () => {
  it.each([
    ['a zone', 'Z1', ['G1', 'G2']],
    ['a village', 'V2', ['G3']],
    ['a grid', 'G2', ['G2']],
    ['the district', 'D', ['G1', 'G2', 'G3']],
    ['an area that is not an ancestor of any grid', 'X', []],
  ])('finds the grids under %s', (_what, areaId, grids) => {
    expect([...gridsUnder(TABLE, areaId)]).toEqual(grids);
  });
});

describe('viewCases', () => {
  const view = (filter: Partial<MapFilter>, table: GridTable | null = TABLE) => {
    const f = { ...NO_FILTER, ...filter };
    return viewCases(CASES, f, table, f.areaId && table ? gridsUnder(table, f.areaId) : null);
  };

  it('shows every case without a filter and shades each grid by its cases', () => {
    const v = view({});
    expect(v.counts).toEqual({ open: 5, overdue: 2 });
    expect(v.shown.map((c) => c.id)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect([...(v.gridOpen ?? [])]).toEqual([1, 1, 2]);
    expect([...(v.gridOverdue ?? [])]).toEqual([0, 1, 1]);
  });

  it('narrows by area and by category (a parent category takes its children); the key figures follow', () => {
    expect(view({ areaId: 'Z2' }).shown.map((c) => c.id)).toEqual(['c', 'd']);
    expect(view({ areaId: 'Z2' }).counts).toEqual({ open: 2, overdue: 1 });
    expect(view({ categoryCode: 'road' }).shown.map((c) => c.id)).toEqual(['c']);
    expect(view({ categoryCode: 'road.pothole' }).counts).toEqual({ open: 1, overdue: 0 });
    expect(view({ categoryCode: 'roa' }).shown).toEqual([]);
  });

  it('narrows the map and the shading by status, but not the key figures', () => {
    const v = view({ statuses: ['reported'] });
    expect(v.shown.map((c) => c.id)).toEqual(['c', 'd']);
    expect(v.counts).toEqual({ open: 5, overdue: 2 });
    expect([...(v.gridOpen ?? [])]).toEqual([0, 0, 2]);
  });

  it('shades nothing without the grids', () => {
    const v = view({}, null);
    expect(v.gridOpen).toBeNull();
    expect(v.shown).toHaveLength(5);
  });
});

describe('MapCaseStore', () => {
  const answer = (version: string, rows: { id: string; seq: number; status?: number }[]): CaseMapResponse => ({
    seq: 100,
    version,
    grids: ['G1'],
    categories: ['city.litter'],
    ids: rows.map((r) => r.id),
    lat: rows.map(() => 3270000),
    lng: rows.map(() => 10880000),
    seqs: rows.map((r) => r.seq),
    grid: rows.map(() => 0),
    category: rows.map(() => 0),
    status: rows.map((r) => r.status ?? 0),
    priority: rows.map(() => 0),
    sla: rows.map(() => 0),
  });
  const summary = (id: string, status: CaseSummary['status'] = 'dispatched') => ({ id, status, location: { lat: 32.71, lng: 108.81 }, gridId: 'G1', categoryCode: 'city.litter', priority: 'urgent', slaState: 'warning' }) as CaseSummary;

  it('decodes an answer into the rows of the map', () => {
    expect(casesOf(answer('1', [{ id: 'a', seq: 5 }]))).toEqual([{ id: 'a', lat: 32.7, lng: 108.8, gridId: 'G1', categoryCode: 'city.litter', status: 'reported', priority: 'normal', slaState: 'on_time' }]);
  });

  it('applies pushes newer than what it holds, and drops a case that reached a final status', () => {
    const store = new MapCaseStore();
    store.loaded(answer('1', [{ id: 'a', seq: 5 }, { id: 'b', seq: 7 }]));
    expect(store.apply(4, summary('a'))).toBe(false);
    expect(store.apply(6, summary('a'))).toBe(true);
    expect([...store.values()].find((c) => c.id === 'a')).toMatchObject({ status: 'dispatched', priority: 'urgent', lat: 32.71 });
    expect(store.apply(8, summary('b', 'closed'))).toBe(true);
    expect(store.apply(9, summary('c'))).toBe(true);
    expect([...store.values()].map((c) => c.id).sort()).toEqual(['a', 'c']);
  });

  it('re-applies the pushes that came while a load was on its way, and counts those that changed the map', () => {
    const store = new MapCaseStore();
    store.loadStarted();
    store.apply(9, summary('a'));
    store.apply(3, summary('b', 'closed'));
    // The answer already holds b at seq 4: the older push does not undo it.
    expect(store.loaded(answer('1', [{ id: 'a', seq: 5 }, { id: 'b', seq: 4 }]))).toBe(1);
    expect([...store.values()].map((c) => [c.id, c.status])).toEqual([
      ['a', 'dispatched'],
      ['b', 'reported'],
    ]);
  });

  it('changes nothing for the version it already holds', () => {
    const store = new MapCaseStore();
    store.loaded(answer('1', [{ id: 'a', seq: 5 }]));
    store.apply(6, summary('a', 'closed'));
    expect(store.loaded(answer('1', [{ id: 'a', seq: 5 }]))).toBeNull();
    expect(store.size).toBe(0);
  });
});
