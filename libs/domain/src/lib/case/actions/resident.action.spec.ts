import { A, at, caseIn, CITY, contextFor, run } from '../../../testing/case.fixtures';
import { slaOf } from '../../sla/sla-of';
import { CHINA_WORK_CALENDAR } from '../../calendar/work-calendar';
import { caseFacts } from '../../assessment/case-facts';
import { decide } from '../decide';
import { withinReopenWindow } from './resident.action';

const DAY = 24 * 60;

describe('reopen (issue 18)', () => {
  const closed = caseIn('closed');
  const closedAt = closed.state.closedAt as string;

  it('sends the case back to the unit and assignee that held it, with the resident’s words', () => {
    const decision = decide(closed.state, { action: 'reopen', note: '  the heap is back  ' }, A.resident, at(60), contextFor());
    expect(decision.ok).toBe(true);
    if (!decision.ok) return;
    expect(decision.events.map((e) => [e.kind, e.fromStatus, e.toStatus, e.actorId])).toEqual([
      ['reopened', 'closed', 'registered', null],
      ['dispatched', 'registered', 'dispatched', null],
    ]);
    expect(decision.events[0]).toMatchObject({ note: 'the heap is back', data: { unit: closed.state.unit, by: 'resident' } });
    expect(decision.next).toMatchObject({ status: 'dispatched', unit: closed.state.unit, assigneeId: A.worker.id, closedAt: null, verifiedAt: null, handledAt: null, rating: null });
  });

  it('is open to the resident and the front desk within 7 days of closing, with a reason', () => {
    const late = new Date(Date.parse(closedAt) + 7 * DAY * 60_000 + 1).toISOString();
    expect(decide(closed.state, { action: 'reopen', note: 'x' }, A.resident, late, contextFor())).toMatchObject({ ok: false, refusal: { code: 'limit_reached' } });
    expect(decide(closed.state, { action: 'reopen' }, A.resident, at(60), contextFor())).toMatchObject({ ok: false, refusal: { code: 'missing_field', field: 'note' } });
    expect(decide(closed.state, { action: 'reopen', note: 'x' }, A.operator, at(60), contextFor())).toMatchObject({ ok: true, events: [{ data: { by: 'staff' } }, {}] });
    expect(decide(closed.state, { action: 'reopen', note: 'x' }, A.worker, at(60), contextFor())).toMatchObject({ ok: false, refusal: { code: 'wrong_role' } });
    expect(withinReopenWindow(closedAt, new Date(Date.parse(closedAt) + 7 * DAY * 60_000).toISOString())).toBe(true);
    expect(withinReopenWindow(null, closedAt)).toBe(false);
  });

  it('keeps the rating given and refuses a second one; the case can be handled and closed again', () => {
    const rated = run([[{ action: 'rate', score: 2, note: 'not clean' }, A.resident]], closed);
    const again = run(
      [
        [{ action: 'reopen', note: 'still dirty' }, A.resident],
        [{ action: 'accept' }, A.worker],
        [{ action: 'start' }, A.worker],
        [{ action: 'complete', note: 'cleared for good' }, A.worker],
        [{ action: 'verify' }, A.worker2],
        [{ action: 'close' }, A.operator],
      ],
      rated,
    );
    expect(again.state).toMatchObject({ status: 'closed', rating: 2 });
    expect(decide(again.state, { action: 'rate', score: 5 }, A.resident, at(200), contextFor())).toMatchObject({ ok: false, refusal: { code: 'already_done' } });
  });

  it('counts as not closed in the assessment, and its clocks run again', () => {
    const reopened = run([[{ action: 'reopen', note: 'the heap is back' }, A.resident]], closed);
    const now = at(120);
    const sla = slaOf(reopened.events, CITY, CHINA_WORK_CALENDAR, now);
    expect(sla.clocks.accept?.phase).toBe('running');
    expect(sla.clocks.case?.phase).toBe('running');
    const facts = caseFacts('c1', reopened.events, { ...CITY, points: 1 }, CHINA_WORK_CALENDAR, now);
    expect(facts).toMatchObject({ closed: false, closedAt: null, status: 'dispatched' });
    expect(facts.caseLateAt).not.toBeNull();
  });
});

describe('request_info (补充材料)', () => {
  it('the handler asks the resident a question; the status stays', () => {
    const accepted = caseIn('accepted');
    const decision = decide(accepted.state, { action: 'request_info', note: '请提供门牌号' }, A.worker, at(30), contextFor());
    expect(decision).toMatchObject({ ok: true, next: { status: 'accepted' }, events: [{ kind: 'info_requested', note: '请提供门牌号', toStatus: 'accepted' }] });
    expect(decide(accepted.state, { action: 'request_info' }, A.worker, at(30), contextFor())).toMatchObject({ ok: false, refusal: { code: 'missing_field' } });
    expect(decide(accepted.state, { action: 'request_info', note: 'x' }, A.otherGridWorker, at(30), contextFor())).toMatchObject({ ok: false });
    expect(decide(accepted.state, { action: 'request_info', note: 'x' }, A.gridLeader, at(30), contextFor())).toMatchObject({ ok: true });
  });
});
