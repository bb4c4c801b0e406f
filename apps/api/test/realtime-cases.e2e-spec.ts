import type { CaseDetail, CaseEventPush } from '@grid/contracts';
import request from 'supertest';
import { act, gridFixture, report } from './cases-helpers';
import { next, useSockets } from './socket-client';
import { useTestApp } from './test-app';

describe('live channel: case pushes, receipts and replay (DESIGN §5)', () => {
  const t = useTestApp();
  const { connectAs } = useSockets(t);

  it('pushes a new incident to its grid worker, and the receipt is written to the timeline', async () => {
    const { grid, worker, zoneLeader } = await gridFixture(t, 20);
    const phone = await connectAs(worker.username);
    const desk = await connectAs(zoneLeader.username);
    const assigned = next(phone, 'case.assigned');
    const created = next(desk, 'case.created');
    const made = await report(t, 'operator', grid);
    const push = (await assigned) as CaseEventPush;
    expect(push).toMatchObject({ kind: 'dispatched', case: { id: made.id, code: made.code, assigneeId: worker.id, status: 'dispatched' } });
    expect(push.seq).toBe(made.timeline.find((e) => e.kind === 'dispatched')?.seq);
    expect(((await created) as CaseEventPush).case.id).toBe(made.id);

    const receipt = await phone.emitWithAck('case.ack', { seq: push.seq });
    expect(receipt).toEqual({ ok: true });
    const detail: CaseDetail = (await t.get('operator', `/api/cases/${made.id}`)).body;
    const delivered = detail.timeline.find((e) => e.kind === 'delivered');
    expect(delivered).toMatchObject({ actorId: worker.id, note: expect.stringMatching(/^delivered to the phone \d+ ms after dispatch$/) });
    expect(Date.parse(delivered?.at as string)).toBeGreaterThanOrEqual(Date.parse(push.at));
    // A second receipt for the same push records nothing more.
    await phone.emitWithAck('case.ack', { seq: push.seq });
    const again: CaseDetail = (await t.get('operator', `/api/cases/${made.id}`)).body;
    expect(again.timeline.filter((e) => e.kind === 'delivered')).toHaveLength(1);
  });

  it('does not push a case to a worker or leader of another zone', async () => {
    const { grid } = await gridFixture(t, 21);
    const other = await gridFixture(t, 250);
    expect(other.grid.path[1]).not.toBe(grid.path[1]);
    const otherLeader = await connectAs(other.zoneLeader.username);
    const otherWorker = await connectAs(other.worker.username);
    const seen: string[] = [];
    for (const s of [otherLeader, otherWorker]) for (const e of ['case.created', 'case.updated', 'case.assigned'] as const) s.on(e, (p) => seen.push(p.case.id));
    const command = await connectAs('operator');
    const toCommand = next(command, 'case.created');
    const made = await report(t, 'operator', grid);
    expect(((await toCommand) as CaseEventPush).case.id).toBe(made.id);
    await new Promise((r) => setTimeout(r, 300));
    expect(seen).not.toContain(made.id);
  });

  it('replays what a phone missed while offline, in order, then says replay is done', async () => {
    const { grid, worker, zoneLeader } = await gridFixture(t, 22);
    const first = await report(t, zoneLeader.username, grid);
    const since = Math.max(...first.timeline.map((e) => e.seq));
    const missed = await report(t, zoneLeader.username, grid);
    await act(t, worker.username, missed.id, 'accept');
    const phone = await connectAs(worker.username, since);
    const received: CaseEventPush[] = [];
    phone.on('case.created', (p) => received.push(p));
    phone.on('case.updated', (p) => received.push(p));
    const assigned: CaseEventPush[] = [];
    phone.on('case.assigned', (p) => assigned.push(p));
    const done = await next(phone, 'replay.done');
    const ofMissed = received.filter((p) => p.case.id === missed.id).map((p) => p.kind);
    expect(ofMissed).toEqual(['reported', 'registered', 'dispatched', 'accepted']);
    const seqs = received.map((p) => p.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(assigned.map((p) => p.case.id)).toContain(missed.id);
    expect(done.lastSeq).toBeGreaterThan(since);
  });

  it('tells a merged duplicate’s reporter, live and on the tracking page, when the main case closes', async () => {
    const { grid, worker, zoneLeader } = await gridFixture(t, 351);
    // The duplicate's reporter works in another grid: only their own room reaches them.
    const elsewhere = await gridFixture(t, 352);
    const main = await report(t, zoneLeader.username, grid, { categoryCode: 'street.parking' });
    const dup = await report(t, elsewhere.worker.username, grid, { categoryCode: 'street.parking' });
    expect((await act(t, 'operator', dup.id, 'merge', { mainCaseId: main.id })).status).toBe(200);
    const phone = await connectAs(elsewhere.worker.username);
    const told = next(phone, 'case.updated', 10_000);
    for (const [username, action, body] of [
      [worker.username, 'accept', {}],
      [worker.username, 'start', {}],
      [worker.username, 'complete', { note: '已劝离' }],
      [zoneLeader.username, 'verify', { note: '核查属实' }],
      [zoneLeader.username, 'close', {}],
    ] as const) {
      expect((await act(t, username, main.id, action, body)).status).toBe(200);
    }
    const push = (await told) as CaseEventPush;
    expect(push).toMatchObject({ kind: 'main_case_closed', case: { id: dup.id, status: 'cancelled' } });
    const detail: CaseDetail = (await t.get('operator', `/api/cases/${dup.id}`)).body;
    expect(detail.timeline.at(-1)).toMatchObject({ kind: 'main_case_closed', actorId: null, data: { mainCaseId: main.id, mainCaseCode: main.code } });
    expect(detail.timeline.at(-1)?.seq).toBe(push.seq);
    const tracking = await request(t.app.getHttpServer()).get(`/api/public/cases/${dup.trackingToken}`).expect(200);
    expect(tracking.body.timeline.at(-1)).toMatchObject({ kind: 'main_case_closed', toStatus: 'cancelled' });
    // Closing is once: nothing else to tell; an unrelated case's closing tells nobody.
    expect(detail.timeline.filter((e) => e.kind === 'main_case_closed')).toHaveLength(1);
  });
});
