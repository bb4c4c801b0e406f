import { hotlineClockOf } from './hotline-clock';
import { mapHotlineCategory } from './hotline-category';
import { hotlineStatusOf } from './hotline-status';
import { matchAddress, type AddressPlace } from './match-address';
import { outboxBackoffMs } from './outbox-backoff';
import { isFreshTimestamp } from './signature-window';

const at = '2026-12-07T02:00:00.000Z';

describe('hotlineStatusOf', () => {
  it.each([
    [{ kind: 'accepted', at, data: { assigneeId: 'u' } }, { kind: 'accepted', at }],
    [{ kind: 'extension_requested', at, note: '材料未到', data: { hours: 24 } }, { kind: 'extension_requested', at, text: '材料未到', hours: 24 }],
    [{ kind: 'completed', at, note: '已清理', data: { photoIds: ['p1'] } }, { kind: 'resolved', at, text: '已清理', photoIds: ['p1'] }],
    [{ kind: 'rated', at, note: '满意', data: { score: 5, by: 'reporter' } }, { kind: 'callback', at, text: '满意', score: 5 }],
    [{ kind: 'cancelled', at, note: '非本区事项', data: {} }, { kind: 'returned', at, text: '非本区事项' }],
    [{ kind: 'dispatched', at, data: {} }, null],
    [{ kind: 'started', at, data: {} }, null],
  ] as const)('%j → %j', (event, expected) => {
    expect(hotlineStatusOf(event)).toEqual(expected);
  });
});

describe('outboxBackoffMs', () => {
  it.each([
    [1, 1000],
    [2, 2000],
    [3, 4000],
    [10, 60_000],
    [1000, 60_000],
  ])('after %i failures waits %i ms (no jitter)', (attempts, ms) => {
    expect(outboxBackoffMs(attempts, 1000, 60_000)).toBe(ms);
  });
  it('jitter shortens by at most a fifth', () => {
    expect(outboxBackoffMs(3, 1000, 60_000, 0.99)).toBeGreaterThanOrEqual(3200);
    expect(outboxBackoffMs(3, 1000, 60_000, 0.99)).toBeLessThan(4000);
  });
});

describe('hotlineClockOf', () => {
  const received = '2026-12-07T00:00:00.000Z';
  const due = '2026-12-07T10:00:00.000Z';
  it.each([
    ['2026-12-07T07:00:00.000Z', null, 'on_time'],
    ['2026-12-07T08:30:00.000Z', null, 'warning'],
    ['2026-12-07T10:30:00.000Z', null, 'overdue'],
    ['2026-12-08T00:00:00.000Z', '2026-12-07T05:00:00.000Z', 'on_time'],
  ])('at %s (stopped %s) is %s', (now, stopped, state) => {
    expect(hotlineClockOf(received, due, now, stopped)).toEqual({ dueAt: due, state, stoppedAt: stopped });
  });
  it('a deadline before the order arrived is overdue at once', () => {
    expect(hotlineClockOf(due, received, due, null).state).toBe('overdue');
    expect(hotlineClockOf(received, received, received, null).state).toBe('warning');
  });
});

describe('matchAddress', () => {
  const places: AddressPlace[] = [
    { id: 'v1', name: '老街社区居委会', lat: 1, lng: 1 },
    { id: 'g1', name: '老街社区第1网格', lat: 2, lng: 2 },
    { id: 'v2', name: '东坝村', lat: 3, lng: 3 },
    { id: 'v3', name: '东坝村', lat: 4, lng: 4 },
    { id: 'v4', name: '新华村村委会', lat: 5, lng: 5 },
  ];
  it.each([
    ['恒口镇 老街社区 12号', 'v1'],
    ['恒口镇老街社区第1网格菜市场门口', 'g1'],
    ['新华村三组', 'v4'],
  ])('%s → %s', (address, id) => {
    const match = matchAddress(address, places);
    expect(match.ok && match.place.id).toBe(id);
  });
  it('names nothing → no_match', () => expect(matchAddress('北京市朝阳区', places)).toEqual({ ok: false, reason: 'no_match', candidates: [] }));
  it('two places of one name → ambiguous', () => expect(matchAddress('东坝村路口', places)).toMatchObject({ ok: false, reason: 'ambiguous' }));
});

describe('mapHotlineCategory', () => {
  const mappings = new Map([
    ['市容环境/乱堆放', 'city.litter'],
    ['噪音扰民', 'order.noise'],
    ['*', 'livelihood.other'],
  ]);
  it.each([
    ['市容环境 / 乱堆放', 'city.litter', false],
    ['环境保护/噪音扰民', 'order.noise', false],
    ['未知事项', 'livelihood.other', true],
  ])('%s → %s (unmapped %s)', (text, code, unmapped) => {
    expect(mapHotlineCategory(text, mappings)).toEqual({ categoryCode: code, unmapped });
  });
  it('no default → null, unmapped', () => expect(mapHotlineCategory('x', new Map())).toEqual({ categoryCode: null, unmapped: true }));
});

describe('isFreshTimestamp', () => {
  it.each([
    ['1000', 1000, true],
    ['700', 1000, true],
    ['699', 1000, false],
    ['1300', 1000, true],
    ['1301', 1000, false],
    ['1e3', 1000, false],
    [undefined, 1000, false],
    ['', 1000, false],
  ])('%s at %i → %s', (header, now, fresh) => expect(isFreshTimestamp(header, now)).toBe(fresh));
});
