import { A, CITY, reportCommand, runAt, type Scenario } from '../../testing/case.fixtures';
import { CHINA_WORK_CALENDAR } from '../calendar/work-calendar';
import { applyEvent } from '../case/apply-event';
import type { CaseCategory } from '../case/case-category.types';
import type { CaseState } from '../case/case-state.types';
import { slaOf } from './sla-of';
import { sweepDecision } from './sweep-decision';

const sh = (local: string) => new Date(`${local}:00+08:00`).toISOString();
const ESCALATING: CaseCategory = { ...CITY, autoEscalateOnOverdue: true };

/** Dispatched Monday 10:00; accept is due 12:00 and turns yellow at 11:36. */
const dispatched = runAt([[sh('2026-11-23T10:00'), reportCommand(), A.worker2]]);

const sweep = (s: Scenario | CaseState, now: string, written = { warning: false, overdue: false }, category: CaseCategory = CITY) => {
  const scenario = 'events' in s ? s : dispatched;
  const state = 'events' in s ? s.state : s;
  return sweepDecision(state, slaOf(scenario.events, category, CHINA_WORK_CALENDAR, sh(now)), written, category);
};
const kinds = (events: { kind: string }[]) => events.map((e) => e.kind);

describe('sweepDecision', () => {
  it.each([
    ['on time: nothing', '2026-11-23T11:00', { warning: false, overdue: false }, []],
    ['yellow: a warning', '2026-11-23T11:40', { warning: false, overdue: false }, ['sla_warning']],
    ['yellow, warning written: nothing', '2026-11-23T11:40', { warning: true, overdue: false }, []],
    ['red after downtime: warning and overdue at once', '2026-11-24T09:00', { warning: false, overdue: false }, ['sla_warning', 'sla_overdue']],
    ['red, warning written: overdue', '2026-11-24T09:00', { warning: true, overdue: false }, ['sla_overdue']],
    ['red, both written: nothing', '2026-11-24T09:00', { warning: true, overdue: true }, []],
  ])('%s', (_name, now, written, expected) => {
    expect(kinds(sweep(dispatched, now, written))).toEqual(expected);
  });

  it('writes the system as actor, now as time, and when each threshold was crossed', () => {
    const [warning, overdue] = sweep(dispatched, '2026-11-23T14:30');
    expect(warning).toMatchObject({ actorId: null, at: sh('2026-11-23T14:30'), fromStatus: 'dispatched', toStatus: 'dispatched', data: { crossedAt: sh('2026-11-23T11:36') } });
    expect(overdue).toMatchObject({ data: { crossedAt: sh('2026-11-23T12:00'), usedFraction: 1.25 } });
  });

  it('writes each threshold exactly once: the events it wrote mark the case', () => {
    let state = dispatched.state;
    for (const now of ['2026-11-23T11:40', '2026-11-23T11:50', '2026-11-23T14:30', '2026-11-24T09:00']) {
      const events = sweep({ ...dispatched, state }, now, state.slaNotified);
      state = events.reduce<CaseState>((s, e) => applyEvent(s, e), state);
    }
    expect(state.slaNotified).toEqual({ warning: true, overdue: true });
    expect(sweep({ ...dispatched, state }, '2026-11-25T09:00', state.slaNotified)).toEqual([]);
  });

  it('escalates an overdue case by category rule, once, as the system', () => {
    const events = sweep(dispatched, '2026-11-24T09:00', { warning: true, overdue: false }, ESCALATING);
    expect(kinds(events)).toEqual(['sla_overdue', 'escalated']);
    expect(events[1]).toMatchObject({ actorId: null, toStatus: 'registered', data: { from: { level: 'grid' }, to: { level: 'village', areaId: 'v1' }, auto: true } });
    expect(kinds(sweep(dispatched, '2026-11-24T09:00', { warning: true, overdue: true }, ESCALATING))).toEqual([]);
  });

  it('does not escalate a suspended case, nor one already handled', () => {
    expect(kinds(sweep({ ...dispatched.state, suspended: true }, '2026-11-24T09:00', { warning: true, overdue: false }, ESCALATING))).toEqual(['sla_overdue']);
    expect(kinds(sweep({ ...dispatched.state, status: 'handled' }, '2026-11-24T09:00', { warning: true, overdue: false }, ESCALATING))).toEqual(['sla_overdue']);
  });

  it('leaves ended cases alone', () => {
    expect(sweep({ ...dispatched.state, status: 'closed' }, '2026-11-24T09:00')).toEqual([]);
  });
});
