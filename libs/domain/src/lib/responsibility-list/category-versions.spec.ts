import type { CategoryState } from '@grid/contracts';
import { changedStateFields, mergeCategoryState, nextScheduledVersion, versionInEffect, versionStatusOf } from './category-versions';

const v = (version: number, effectiveFrom: string) => ({ version, effectiveFrom });
const HISTORY = [v(1, '1970-01-01T00:00:00.000Z'), v(2, '2026-12-01T00:00:00.000Z'), v(3, '2027-01-01T00:00:00.000Z'), v(4, '2026-12-10T00:00:00.000Z')];

describe('the version of a category in effect', () => {
  it.each([
    ['before any version', '1969-12-31T23:59:59.999Z', null],
    ['the first, until the second', '2026-11-30T23:59:59.999Z', 1],
    ['the second from its instant on', '2026-12-01T00:00:00.000Z', 2],
    ['a later-made version dated earlier takes over on its own date', '2026-12-10T00:00:00.000Z', 4],
    ['and holds until the scheduled one', '2026-12-31T23:59:59.999Z', 4],
    ['the scheduled version switches on its date', '2027-01-01T00:00:00.000Z', 3],
  ])('%s', (_what, at, expected) => {
    expect(versionInEffect(HISTORY, at)?.version ?? null).toBe(expected);
  });

  it('takes the later-made of two versions dated the same instant', () => {
    expect(versionInEffect([v(5, '2027-01-01T00:00:00.000Z'), v(6, '2027-01-01T00:00:00.000Z')], '2027-02-01T00:00:00.000Z')?.version).toBe(6);
  });

  it('compares instants, not texts: an offset is an instant too', () => {
    expect(versionInEffect([v(1, '2026-12-01T00:00:00+08:00'), v(2, '2026-11-30T17:00:00.000Z')], '2026-11-30T16:30:00.000Z')?.version).toBe(1);
  });

  it.each([
    ['2026-12-05T00:00:00.000Z', 4],
    ['2026-12-10T00:00:00.000Z', 3],
    ['2027-01-01T00:00:00.000Z', null],
  ])('at %s the next scheduled version is %s', (at, expected) => {
    expect(nextScheduledVersion(HISTORY, at)?.version ?? null).toBe(expected);
  });

  it.each([
    [1, 'past'],
    [2, 'past'],
    [4, 'current'],
    [3, 'scheduled'],
  ] as const)('on 2026-12-20 version %i is %s', (version, status) => {
    expect(versionStatusOf(HISTORY, HISTORY.find((h) => h.version === version) as (typeof HISTORY)[number], '2026-12-20T00:00:00.000Z')).toBe(status);
  });
});

describe('category states', () => {
  const base: CategoryState = {
    name: '暴露垃圾',
    nameEn: 'Exposed rubbish',
    handlingLevel: 'grid',
    departmentCode: 'zhzf',
    clock: 'working',
    timeLimits: { normal: { acceptHours: 2, handleHours: 24 }, urgent: { acceptHours: 1, handleHours: 8 }, emergency: { acceptHours: 0.5, handleHours: 4 } },
    requiresVerification: true,
    points: 1,
    extraFields: [],
  };

  it('keeps what an edit leaves out, takes what it gives (null included)', () => {
    const merged = mergeCategoryState(base, { points: 3, departmentCode: null });
    expect(merged).toEqual({ ...base, points: 3, departmentCode: null });
    expect(base.points).toBe(1);
  });

  it('names the fields that changed, whatever the order of keys in stored JSON', () => {
    const reordered = { ...base, timeLimits: { emergency: { handleHours: 4, acceptHours: 0.5 }, urgent: { handleHours: 8, acceptHours: 1 }, normal: { handleHours: 24, acceptHours: 2 } } };
    expect(changedStateFields(base, reordered)).toEqual([]);
    expect(changedStateFields(base, { ...base, clock: 'calendar', timeLimits: { ...base.timeLimits, normal: { acceptHours: 2, handleHours: 16 } } })).toEqual(['clock', 'timeLimits']);
  });
});
