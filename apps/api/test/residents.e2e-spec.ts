import type { AreaDto, CaseDetail, FollowCaseResponse, NearbyCases, NotificationLog, PublicCaseView } from '@grid/contracts';
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { OutboxSender } from '../src/modules/outbox/outbox-sender.service';
import { PromiseSweeper } from '../src/modules/notifications/promise-sweeper.service';
import { act, gridFixture, jpeg, post, upload, type GridFixture } from './cases-helpers';
import { FAST_OUTBOX } from './hotline-helpers';
import { useTestApp } from './test-app';

// The first spec of a run loads the demo territory into its fresh database: minutes on a busy machine.
jest.setTimeout(300_000);

/** An SMS gateway as the adapter sees it: records what it is sent, answers 500 `failures` times first. */
class FakeSmsGateway {
  readonly received: { messageId: string; phone: string; templateCode: string; text: string }[] = [];
  failures = 0;
  /** Every request body, answered 500 or not. */
  readonly bodies: string[] = [];
  private server: Server | null = null;

  async start(): Promise<string> {
    this.server = createServer((req: IncomingMessage, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        this.bodies.push(body);
        if (this.failures > 0) {
          this.failures -= 1;
          res.writeHead(500).end('{"error":"gateway busy for 13812345678"}');
          return;
        }
        this.received.push(JSON.parse(body));
        res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"ok":true}');
      });
    });
    await new Promise<void>((resolve) => (this.server as Server).listen(0, '127.0.0.1', () => resolve()));
    return `http://127.0.0.1:${((this.server as Server).address() as AddressInfo).port}/sms`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

const PHONE = '13812345678';

async function until<T>(probe: () => Promise<T>, done: (value: T) => boolean, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (done(value) || Date.now() > end) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('residents told and heard (issue 18)', () => {
  const gateway = new FakeSmsGateway();
  const env: Record<string, string> = { ...FAST_OUTBOX, NOTIFY_SWEEP_SECONDS: '0', RESIDENT_WRITE_RATE_LIMIT: '1000' };
  beforeAll(async () => {
    env['NOTIFY_SMS_URL'] = await gateway.start();
  });
  const t = useTestApp(env);
  afterAll(() => gateway.stop());
  let fixture: GridFixture;

  beforeAll(async () => {
    fixture = await gridFixture(t, 211);
  });

  const server = () => request(t.app.getHttpServer());
  /** The username of the case's assignee (a grid with two workers gives it to the less loaded one). */
  const handlerOf = async (made: CaseDetail): Promise<string> => {
    const users = (await t.get('admin', `/api/users?areaId=${made.gridId}`)).body as { id: string; username: string }[];
    const assignee = users.find((u) => u.id === made.assigneeId);
    if (!assignee) throw new Error(`no assignee for ${made.code}`);
    return assignee.username;
  };
  const publicView = async (token: string) => (await server().get(`/api/public/cases/${token}`)).body as PublicCaseView;
  const logOf = async (caseId: string) => (await t.get('operator', `/api/cases/${caseId}/notifications`)).body as NotificationLog;
  const frontDesk = async (grid: AreaDto, extra: object = {}): Promise<CaseDetail> => {
    const res = await post(t, 'operator', '/api/cases', { categoryCode: 'city.litter', description: `门口垃圾 ${randomUUID()}`, location: grid.centroid, reporter: { name: '王先生', phone: PHONE }, ...extra });
    if (res.status !== 201) throw new Error(`report: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as CaseDetail;
  };

  it('the tracking page answers: step, promise, result with its public photo; the resident rates once and reopens', async () => {
    const made = await frontDesk(fixture.grid);
    const worker = { id: made.assigneeId as string, username: await handlerOf(made) };
    const token = made.trackingToken;
    const first = await publicView(token);
    expect(first).toMatchObject({ code: made.code, step: 'handling', following: false, result: null, photos: [], canRate: false, reopenUntil: null, notifications: { subscribed: true, contact: '138****5678' } });
    expect(first.promisedAt).toBe(made.handleDueAt);
    expect(JSON.stringify(first)).not.toContain(PHONE);

    for (const [action, body] of [['accept', {}], ['start', {}]] as const) expect((await act(t, worker.username, made.id, action, body)).status).toBe(200);
    const photo = await upload(t, worker.username, `/api/cases/${made.id}/attachments`, await jpeg(), { purpose: 'result' });
    expect(photo.status).toBe(201);
    expect((await act(t, worker.username, made.id, 'complete', { note: '已清运，地面已冲洗', photoIds: [photo.body.id] })).status).toBe(200);
    // Marked public by the handler; a report photo may not be, an outsider may not mark.
    expect((await t.app.get(DataSource).query(`SELECT public FROM attachments WHERE id = $1`, [photo.body.id]))[0].public).toBe(false);
    const mark = (username: string, id: string, value: boolean) =>
      t.login(username).then(({ accessToken }) => server().put(`/api/cases/${made.id}/attachments/${id}/public`).set('Authorization', `Bearer ${accessToken}`).send({ public: value }));
    expect((await mark(worker.username, photo.body.id, true)).body).toMatchObject({ id: photo.body.id, public: true });
    expect((await mark('assessor', photo.body.id, true)).status).toBe(403);
    expect((await mark(worker.username, photo.body.id, 'yes' as never)).status).toBe(400);
    // Handled is not resolved yet: nothing is shown before the case is closed.
    expect(await publicView(token)).toMatchObject({ step: 'handled', result: null, photos: [] });
    expect((await act(t, 'operator', made.id, 'verify', {})).status).toBe(200);
    expect((await act(t, 'operator', made.id, 'close', {})).status).toBe(200);

    const closed = await publicView(token);
    expect(closed).toMatchObject({ step: 'closed', result: '已清运，地面已冲洗', canRate: true, rating: null });
    expect(closed.photos).toHaveLength(1);
    expect(closed.reopenUntil).not.toBeNull();
    const image = await server().get(closed.photos[0].url);
    expect(image.status).toBe(200);
    expect(image.headers['content-type']).toMatch(/^image\//);
    expect((await server().get(`/api/public/cases/${token}/photos/${randomUUID()}/file`)).status).toBe(404);

    expect((await server().post(`/api/public/cases/${token}/rating`).send({ score: 9 })).body.fields).toHaveProperty('score');
    const rated = await server().post(`/api/public/cases/${token}/rating`).send({ score: 2, comment: '还有异味' });
    expect(rated.status).toBe(201);
    expect(rated.body).toMatchObject({ rating: { score: 2, comment: '还有异味' }, canRate: false });
    expect((await server().post(`/api/public/cases/${token}/rating`).send({ score: 5 })).status).toBe(409);

    expect((await server().post(`/api/public/cases/${token}/reopen`).send({ reason: '' })).status).toBe(400);
    const reopened = await server().post(`/api/public/cases/${token}/reopen`).send({ reason: '第二天又堆满了' });
    expect(reopened.status).toBe(201);
    expect(reopened.body).toMatchObject({ status: 'dispatched', step: 'handling', result: null, reopenUntil: null });
    const back = (await t.get('operator', `/api/cases/${made.id}`)).body as CaseDetail;
    expect(back).toMatchObject({ status: 'dispatched', assigneeId: worker.id, unit: { level: 'grid', areaId: fixture.grid.id }, closedAt: null, rating: 2 });
    const tail = back.timeline.slice(-4).map((e) => [e.kind, e.actorId, e.note]);
    expect(tail).toEqual([
      ['closed', expect.any(String), null],
      ['rated', null, '还有异味'],
      ['reopened', null, '第二天又堆满了'],
      ['dispatched', null, null],
    ]);
    // The worker has it in hand again; the resident's words are on the case.
    expect((await t.get(worker.username, `/api/cases/${made.id}`)).body.allowedActions).toContain('accept');
  });

  it('refuses bad tokens and keeps sensitive categories off the public page', async () => {
    expect((await server().get('/api/public/cases/bad!token')).status).toBe(400);
    expect((await server().get(`/api/public/cases/${'x'.repeat(16)}`)).status).toBe(404);
    expect((await server().post(`/api/public/cases/${'x'.repeat(16)}/reopen`).send({ reason: 'x' })).status).toBe(404);
    const dispute = await frontDesk(fixture.grid, { categoryCode: 'dispute.neighbour' });
    expect(await publicView(dispute.trackingToken)).toMatchObject({ categoryName: '', categoryNameEn: '', question: null });
    const near = (await server().get(`/api/public/nearby-cases?categoryCode=dispute.neighbour&lat=${fixture.grid.centroid.lat}&lng=${fixture.grid.centroid.lng}`)).body as NearbyCases;
    expect(near.items).toEqual([]);
    expect((await server().post('/api/public/follows').send({ caseCode: dispute.code, phone: '13900001111' })).status).toBe(404);
  });

  it('tells the resident through the SMS gateway: a 500 is retried until it is delivered; the log masks the phone', async () => {
    const made = await frontDesk(fixture.grid);
    gateway.failures = 2;
    expect((await act(t, await handlerOf(made), made.id, 'accept', {})).status).toBe(200);
    const log = await until(() => logOf(made.id), (l) => l.items.some((m) => m.state === 'sent'));
    expect(log.items).toEqual([expect.objectContaining({ kind: 'accepted', channel: 'sms', to: '138****5678', role: 'reporter', state: 'sent', attempts: 3, lastError: null })]);
    expect(gateway.bodies.filter((b) => b.includes(made.code))).toHaveLength(3);
    const delivered = gateway.received.filter((m) => m.text.includes(made.code));
    expect(delivered).toHaveLength(1);
    expect(delivered[0]).toMatchObject({ phone: PHONE, templateCode: 'resident_accepted' });
    expect(delivered[0].text).toContain(`/track/${made.trackingToken}`);
    // Neither the send log nor the operator's outbox shows the number.
    expect(JSON.stringify(log)).not.toContain(PHONE);
    expect(JSON.stringify((await t.get('operator', '/api/admin/outbox?pageSize=200')).body)).not.toContain(PHONE);
  });

  it('honours a resident who stopped messages, also for one already queued', async () => {
    const made = await frontDesk(fixture.grid);
    const follower = (await server().post('/api/public/follows').send({ caseCode: made.code, phone: '139 0000 2222' })).body as FollowCaseResponse;
    expect(follower).toMatchObject({ caseCode: made.code, contact: '139****2222', trackPath: `/track/${follower.token}` });
    expect(await publicView(follower.token)).toMatchObject({ following: true, canRate: false, notifications: { subscribed: true, contact: '139****2222' } });
    expect((await server().post(`/api/public/cases/${follower.token}/reopen`).send({ reason: 'x' })).status).toBe(403);

    // The reporter stops before anything is sent: nothing is written for them.
    expect((await server().post(`/api/public/cases/${made.trackingToken}/stop-notifications`)).body).toEqual({ stopped: true });
    expect((await publicView(made.trackingToken)).notifications).toEqual({ subscribed: false, contact: '138****5678' });
    // The follower's message waits on a failing gateway; they stop; it is dropped, never sent.
    gateway.failures = 1_000;
    expect((await act(t, await handlerOf(made), made.id, 'accept', {})).status).toBe(200);
    await until(() => logOf(made.id), (l) => l.items.some((m) => m.attempts > 0));
    expect((await server().post(`/api/public/cases/${follower.token}/stop-notifications`)).status).toBe(200);
    gateway.failures = 0;
    const log = await until(() => logOf(made.id), (l) => l.items.every((m) => m.state !== 'pending'), 20_000);
    expect(log.items).toEqual([expect.objectContaining({ role: 'follower', to: '139****2222', state: 'dropped', lastError: 'the resident stopped messages' })]);
    expect(gateway.received.filter((m) => m.text.includes(made.code))).toEqual([]);
  });

  it('shows open cases of the category nearby; following one subscribes the follower to its notices; a missed promise is told once', async () => {
    const made = await frontDesk(fixture.grid);
    const { lat, lng } = fixture.grid.centroid;
    const near = (await server().get(`/api/public/nearby-cases?categoryCode=city.litter&lat=${lat + 0.0003}&lng=${lng}`)).body as NearbyCases;
    const item = near.items.find((c) => c.code === made.code);
    expect(item).toMatchObject({ step: 'handling', categoryName: expect.any(String) });
    expect(item?.distanceM).toBeGreaterThan(0);
    expect(JSON.stringify(near)).not.toMatch(/"lat"|tracking/i);
    expect((await server().get(`/api/public/nearby-cases?categoryCode=city.litter&lat=999&lng=${lng}`)).body.fields).toHaveProperty('lat');

    const followed = await server().post('/api/public/follows').send({ caseCode: made.code, phone: '13700003333' });
    expect(followed.status).toBe(201);
    expect((await server().post('/api/public/follows').send({ caseCode: made.code })).status).toBe(400);

    await t.app.get(DataSource).query(`UPDATE cases SET handle_due_at = now() - interval '1 hour' WHERE id = $1`, [made.id]);
    const sweeper = t.app.get(PromiseSweeper);
    expect(await sweeper.sweep()).toBeGreaterThanOrEqual(2);
    await sweeper.sweep();
    await t.app.get(OutboxSender).drain();
    const log = await until(() => logOf(made.id), (l) => l.items.length >= 2 && l.items.every((m) => m.state === 'sent'));
    expect(log.items.map((m) => [m.kind, m.role]).sort()).toEqual([
      ['overdue', 'follower'],
      ['overdue', 'reporter'],
    ]);
    expect((await publicView(made.trackingToken)).promiseMissed).toBe(true);
  });
});
