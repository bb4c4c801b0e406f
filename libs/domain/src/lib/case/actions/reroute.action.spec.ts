import { A, at, caseIn, contextFor, DEPT, run } from '../../../testing/case.fixtures';
import { applyEvent } from '../apply-event';
import type { AreaPath } from '../handling-unit.types';
import type { CaseEventOf } from '../case-event.types';
import type { CaseState } from '../case-state.types';
import { decide } from '../decide';
import { project } from '../project';
import { reroute } from './reroute.action';

const G2: AreaPath = ['d1', 'z1', 'v1', 'g2'];

/** The re-route of a case that must move. */
function moved(state: CaseState, to: AreaPath = G2): CaseEventOf<'rerouted'> {
  const event = reroute(state, to, 2, at(100));
  if (event === null) throw new Error('the case did not move');
  return event;
}

describe('reroute (a territory version moved the location into another grid)', () => {
  it('sends a case its old grid was working on back to registered at the new grid, without its person', () => {
    for (const status of ['dispatched', 'accepted', 'in_progress'] as const) {
      const { state, events } = caseIn(status);
      const event = moved(state);
      expect(event).toEqual({ kind: 'rerouted', fromStatus: status, toStatus: 'registered', actorId: null, at: at(100), data: { from: ['d1', 'z1', 'v1', 'g1'], to: G2, territoryVersion: 2 } });
      const next = project([...events, event]);
      expect(next).toMatchObject({ status: 'registered', areaPath: G2, unit: { level: 'grid', areaId: 'g2' }, assigneeId: null, delivered: false });
      // The new grid's leader dispatches it; the old grid's worker no longer may act on it.
      expect(decide(next, { action: 'dispatch', unit: { level: 'grid', areaId: 'g2' }, assigneeId: A.otherGridWorker.id }, A.otherGridLeader, at(101), contextFor()).ok).toBe(true);
      expect(decide(next, { action: 'accept' }, A.worker, at(101), contextFor()).ok).toBe(false);
    }
  });

  it('keeps the status of a case not yet dispatched, moving only its areas (and a grid unit)', () => {
    const reported = caseIn('reported');
    const e1 = moved(reported.state);
    expect(e1.toStatus).toBe('reported');
    expect(applyEvent(reported.state, e1)).toMatchObject({ status: 'reported', areaPath: G2, unit: null });

    const registered = caseIn('registered');
    const e2 = moved(registered.state);
    expect(e2.toStatus).toBe('registered');
    expect(applyEvent(registered.state, e2)).toMatchObject({ status: 'registered', areaPath: G2, unit: { level: 'grid', areaId: 'g2' } });
  });

  it('leaves a case handled, suspended or held above the grid with its unit and person', () => {
    const handled = caseIn('handled');
    const h = applyEvent(handled.state, moved(handled.state));
    expect(h).toMatchObject({ status: 'handled', areaPath: G2, unit: { level: 'grid', areaId: 'g2' }, assigneeId: A.worker.id });

    const suspended = run([[{ action: 'request_suspension', note: 'needs funds' }, A.worker], [{ action: 'approve_suspension' }, A.zoneLeader]], caseIn('in_progress'));
    expect(suspended.state.suspended).toBe(true);
    const s = moved(suspended.state);
    expect(s.toStatus).toBe('in_progress');
    expect(applyEvent(suspended.state, s)).toMatchObject({ status: 'in_progress', suspended: true, assigneeId: A.worker.id });

    const atDepartment = run([[{ action: 'dispatch', unit: { level: 'department', departmentId: DEPT.zj } }, A.zoneLeader]], caseIn('registered'));
    const d = moved(atDepartment.state);
    expect(d.toStatus).toBe('dispatched');
    expect(applyEvent(atDepartment.state, d)).toMatchObject({ status: 'dispatched', areaPath: G2, unit: { level: 'department', departmentId: DEPT.zj } });
  });

  it('does nothing to an ended case or one already in that grid', () => {
    expect(reroute(caseIn('closed').state, G2, 2, at(100))).toBeNull();
    expect(reroute(caseIn('cancelled').state, G2, 2, at(100))).toBeNull();
    expect(reroute(caseIn('dispatched').state, ['d1', 'z1', 'v1', 'g1'], 2, at(100))).toBeNull();
  });
});
