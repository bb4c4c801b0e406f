import { historyInputOf } from './history-input.fixture';
import { historyCaseRef, withCaseIds } from './history-refs';
import { simulateHistory } from './simulate-history';

describe('withCaseIds', () => {
  const cases = simulateHistory(historyInputOf(undefined, { days: 40 }));
  const ids = cases.map((_, i) => `id-${i}`);
  const resolved = withCaseIds(cases, ids);
  const merged = resolved.map((c, i) => [c, i] as const).filter(([c]) => c.state.mergedInto !== null);

  it('replaces each history:<index> reference by the id given to that case', () => {
    expect(merged.length).toBeGreaterThan(0);
    for (const [c, i] of merged) {
      const main = cases[i].state.mergedInto as string;
      const id = ids[Number(main.slice('history:'.length))];
      expect(c.state.mergedInto).toBe(id);
      expect(c.state.flags.duplicateCandidateIds).toEqual([id]);
      expect(c.events.find((e) => e.kind === 'merged')?.data).toEqual({ mainCaseId: id });
      expect(c.events[0].kind === 'reported' && c.events[0].data.duplicateCandidateIds).toEqual([id]);
    }
  });

  it('leaves every other case as it was', () => {
    const untouched = resolved.filter((c) => c.state.mergedInto === null && c.state.flags.duplicateCandidateIds.length === 0);
    expect(untouched.length).toBe(cases.length - merged.length);
    for (const c of untouched) expect(c).toEqual(cases[resolved.indexOf(c)]);
  });

  it('needs one id per case', () => {
    expect(() => withCaseIds(cases, ids.slice(1))).toThrow(RangeError);
    expect(historyCaseRef(12)).toBe('history:12');
  });
});
