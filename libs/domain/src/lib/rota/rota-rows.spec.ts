import { overlappingRows, parseRotaRows, parseWeekdays, type RawRotaRow } from './rota-rows';

const local = (t: string) => Date.parse(`${t}:00+08:00`);
const row = (n: number, over: Partial<RawRotaRow>): RawRotaRow => ({ row: n, date: '2026-12-08', place: '610902100001001', username: 'grid001', start: '08:30', end: '17:30', substitute: '', from: '', to: '', ...over });

describe('parseWeekdays', () => {
  it.each([
    ['周一至周五', [1, 2, 3, 4, 5]],
    ['周六、周日', [6, 7]],
    ['星期一,星期三', [1, 3]],
    ['每天', [1, 2, 3, 4, 5, 6, 7]],
    ['1-5', [1, 2, 3, 4, 5]],
    ['Mon-Fri', [1, 2, 3, 4, 5]],
    ['sat, sun', [6, 7]],
    ['工作日', [1, 2, 3, 4, 5]],
    ['周五至周一', null],
    ['someday', null],
    ['', null],
  ])('%s → %j', (text, days) => {
    expect(parseWeekdays(text)).toEqual(days);
  });
});

describe('parseRotaRows', () => {
  it('reads a dated day shift and a night shift across midnight in local time', () => {
    const { drafts, problems } = parseRotaRows([row(2, {}), row(3, { start: '20:00', end: '08:00', substitute: 'grid002' })], '2026-12-07');
    expect(problems).toEqual([]);
    expect(drafts[0]).toMatchObject({ kind: 'shift', startMs: local('2026-12-08T08:30'), endMs: local('2026-12-08T17:30'), substitute: null });
    expect(drafts[1]).toMatchObject({ kind: 'shift', startMs: local('2026-12-08T20:00'), endMs: local('2026-12-09T08:00'), substitute: 'grid002' });
  });

  it('reads a weekly pattern, valid from today unless a first day is given', () => {
    const { drafts } = parseRotaRows([row(2, { date: '周一至周五' }), row(3, { date: '周末', from: '2027-01-01', to: '2027-03-31' })], '2026-12-07');
    expect(drafts).toEqual([
      expect.objectContaining({ kind: 'pattern', weekdays: [1, 2, 3, 4, 5], from: '2026-12-07', to: null }),
      expect.objectContaining({ kind: 'pattern', weekdays: [6, 7], from: '2027-01-01', to: '2027-03-31' }),
    ]);
  });

  it.each<[string, Partial<RawRotaRow>, string]>([
    ['a missing code', { place: ' ' }, 'place'],
    ['a missing username', { username: '' }, 'username'],
    ['a bad start', { start: '8点' }, 'start'],
    ['a start of 24:00', { start: '24:00', end: '08:00' }, 'start'],
    ['a bad end', { end: '25:00' }, 'end'],
    ['an end equal to the start', { end: '08:30' }, 'end'],
    ['an impossible date', { date: '2026-02-30' }, 'date'],
    ['neither a date nor weekdays', { date: 'next week' }, 'date'],
    ['a pattern with a substitute', { date: '周一', substitute: 'grid002' }, 'substitute'],
    ['a pattern ending before it starts', { date: '周一', from: '2027-02-01', to: '2027-01-01' }, 'to'],
    ['the person as their own substitute', { substitute: 'grid001' }, 'substitute'],
  ])('reports %s with its row and column, and drafts nothing of it', (_name, over, column) => {
    const { drafts, problems } = parseRotaRows([row(7, over)], '2026-12-07');
    expect(drafts).toEqual([]);
    expect(problems).toEqual([expect.objectContaining({ row: 7, column })]);
  });

  it('finds a person’s overlapping shifts within the file', () => {
    const { drafts } = parseRotaRows([row(2, {}), row(3, { start: '17:00', end: '22:00' }), row(4, { username: 'grid002' }), row(5, { start: '17:30', end: '20:00' })], '2026-12-07');
    expect(overlappingRows(drafts)).toEqual([
      { row: 3, column: 'start', code: 'overlaps_row', params: { other: 2 }, message: 'overlaps row 2 of the same person' },
      { row: 5, column: 'start', code: 'overlaps_row', params: { other: 3 }, message: 'overlaps row 3 of the same person' },
    ]);
  });
});
