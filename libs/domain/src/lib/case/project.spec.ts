import fc from 'fast-check';
import { CASE_EVENT_KINDS, CASE_STATUSES, type CaseEventKind } from '@grid/contracts';
import { A, at, contextFor, DEPT, MINOR, reportCommand } from '../../testing/case.fixtures';
import type { Actor } from './actor.types';
import type { CaseCommand } from './case-command.types';
import type { CaseEventDataMap, CaseEventDraft } from './case-event.types';
import type { CaseState } from './case-state.types';
import { decide } from './decide';
import { project } from './project';

/** Commands various actors might send; each step of a random walk picks one of those the machine accepts. */
const MOVES: readonly (readonly [CaseCommand, Actor])[] = [
  [{ action: 'register' }, A.operator],
  [{ action: 'reject', note: 'x' }, A.operator],
  [{ action: 'dispatch', unit: { level: 'grid', areaId: 'g1' }, assigneeId: A.worker.id }, A.villageCadre],
  [{ action: 'dispatch', unit: { level: 'department', departmentId: DEPT.zj } }, A.zoneLeader],
  [{ action: 'acknowledge' }, A.worker],
  [{ action: 'accept' }, A.worker],
  [{ action: 'accept' }, A.zjStaff],
  [{ action: 'return', note: 'x' }, A.worker],
  [{ action: 'start' }, A.worker],
  [{ action: 'start' }, A.zjStaff],
  [{ action: 'progress', note: 'x' }, A.worker],
  [{ action: 'escalate', note: 'x' }, A.worker],
  [{ action: 'escalate', note: 'x' }, A.villageCadre],
  [{ action: 'whistle', whistleKind: 'routine', departments: [{ departmentId: DEPT.zhzf, lead: true, reportInHours: 1, handleHours: 8 }] }, A.zoneLeader],
  [{ action: 'report_in' }, A.deptStaff],
  [{ action: 'dept_complete', note: 'x' }, A.deptStaff],
  [{ action: 'rate_department', departmentId: DEPT.zhzf, score: 4 }, A.zoneLeader],
  [{ action: 'request_extension', hours: 8, note: 'x' }, A.worker],
  [{ action: 'approve_extension' }, A.villageCadre],
  [{ action: 'deny_extension', note: 'x' }, A.villageCadre],
  [{ action: 'request_suspension', note: 'x' }, A.worker],
  [{ action: 'approve_suspension' }, A.zoneLeader],
  [{ action: 'deny_suspension', note: 'x' }, A.zoneLeader],
  [{ action: 'resume' }, A.worker],
  [{ action: 'complete', note: 'x' }, A.worker],
  [{ action: 'complete', note: 'x' }, A.zjStaff],
  [{ action: 'verify' }, A.worker2],
  [{ action: 'rework', note: 'x' }, A.worker2],
  [{ action: 'close' }, A.operator],
  [{ action: 'rate', score: 3 }, A.worker2],
  [{ action: 'cancel', note: 'x' }, A.operator],
  [{ action: 'merge', mainCaseId: 'm' }, A.operator],
];

describe('project', () => {
  it('is the fold of the events decide wrote, after any sequence of commands', () => {
    fc.assert(
      fc.property(fc.boolean(), fc.array(fc.nat(), { maxLength: 40 }), (minor, choices) => {
        const context = contextFor(minor ? MINOR : undefined);
        const first = decide(null, reportCommand(), A.worker2, at(0), context);
        if (!first.ok) throw new Error('report refused');
        let state: CaseState = first.next;
        const events: CaseEventDraft[] = [...first.events];
        choices.forEach((choice, i) => {
          const accepted = MOVES.map(([command, by]) => decide(state, command, by, at(i + 1), context)).filter((d) => d.ok);
          if (accepted.length === 0) return;
          const decision = accepted[choice % accepted.length];
          for (const e of decision.events) expect(e.fromStatus).toBe(events[events.length - 1].toStatus);
          events.push(...decision.events);
          state = decision.next;
        });
        expect(project(events)).toEqual(state);
        expect(CASE_STATUSES).toContain(state.status);
        if (state.status === 'handled' || state.status === 'closed') {
          expect(state.coHandlers.every((c) => c.status === 'completed')).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('is null for no events and refuses a log that does not start with a report', () => {
    expect(project([])).toBeNull();
    expect(() => project([{ kind: 'started', fromStatus: 'accepted', toStatus: 'in_progress', actorId: 'u', at: at(0), data: {} }])).toThrow();
  });
});

it('types the data of exactly the event kinds of the vocabulary', () => {
  const same: [keyof CaseEventDataMap] extends [CaseEventKind] ? ([CaseEventKind] extends [keyof CaseEventDataMap] ? true : false) : false = true;
  expect(same).toBe(true);
  expect(new Set(CASE_EVENT_KINDS).size).toBe(CASE_EVENT_KINDS.length);
});
