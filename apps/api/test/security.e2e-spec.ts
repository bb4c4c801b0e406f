/**
 * Tokens (short access tokens, rotating refresh tokens, logout), the report rate limit, GET /metrics,
 * security headers and CORS (issue 8). The authorization matrix and hostile input have their own files.
 */
import type { LoginResponse } from '@grid/contracts';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { gridFixture, post, report } from './cases-helpers';
import { next, useSockets } from './socket-client';
import { DEMO_PASSWORD, useTestApp, type TestContext } from './test-app';

const METRICS_TOKEN = 'metrics-token-for-the-tests-0123';

async function signIn(t: TestContext, username: string): Promise<LoginResponse> {
  const res = await request(t.app.getHttpServer()).post('/api/auth/login').send({ username, password: DEMO_PASSWORD }).expect(200);
  return res.body as LoginResponse;
}

const refresh = (t: TestContext, refreshToken: unknown) => request(t.app.getHttpServer()).post('/api/auth/refresh').send({ refreshToken });
const me = (t: TestContext, accessToken: string) => request(t.app.getHttpServer()).get('/api/auth/me').set('Authorization', `Bearer ${accessToken}`);

/** The value of one sample in Prometheus text format, or 0 when absent. */
function sample(text: string, name: string, labels = ''): number {
  const line = text.split('\n').find((l) => l.startsWith(`${name}${labels} `) || (labels === '' && l.startsWith(`${name} `)));
  return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : 0;
}

describe('tokens: short access tokens, rotating refresh tokens, logout', () => {
  const t = useTestApp();
  const { connect } = useSockets(t);

  it('gives a 15-minute access token and a 30-day refresh token by default', async () => {
    const session = await signIn(t, 'village010');
    expect(session.expiresIn).toBe(15 * 60);
    expect(session.refreshExpiresIn).toBe(30 * 24 * 3600);
    expect(session.refreshToken).toMatch(/^[\w-]{43}$/);
    // Only a hash is stored.
    const stored = (await t.app.get(DataSource).query(`SELECT token_hash FROM refresh_tokens WHERE user_id = $1`, [session.user.id])) as { token_hash: string }[];
    expect(stored.length).toBeGreaterThan(0);
    expect(stored.map((r) => r.token_hash)).not.toContain(session.refreshToken);
  });

  it('refreshes: a new access token and a new refresh token; the spent one cannot be used again', async () => {
    const session = await signIn(t, 'village011');
    const renewed = await refresh(t, session.refreshToken).expect(200);
    expect(renewed.body).toMatchObject({ accessToken: expect.any(String), expiresIn: 900, refreshToken: expect.any(String), user: session.user });
    expect(renewed.body.refreshToken).not.toBe(session.refreshToken);
    await me(t, renewed.body.accessToken).expect(200);
    const again = await refresh(t, renewed.body.refreshToken).expect(200);
    await me(t, again.body.accessToken).expect(200);
  });

  it('treats the reuse of a spent refresh token as theft: the whole sign-in is revoked and audited', async () => {
    const session = await signIn(t, 'village012');
    const renewed = await refresh(t, session.refreshToken).expect(200);
    const replay = await refresh(t, session.refreshToken).expect(401);
    expect(replay.body.reason).toBe('refresh_reused');
    // The thief's copy and the legitimate successor both stop working.
    expect((await refresh(t, renewed.body.refreshToken).expect(401)).body.reason).toBe('refresh_revoked');
    const audit = (await t.app.get(DataSource).query(`SELECT action FROM audit_log WHERE actor_id = $1 AND action = 'refresh_reused'`, [session.user.id])) as unknown[];
    expect(audit).toHaveLength(1);
  });

  it('lets exactly one of two racing refreshes with the same token win', async () => {
    const session = await signIn(t, 'village013');
    const answers = await Promise.all([refresh(t, session.refreshToken), refresh(t, session.refreshToken)]);
    expect(answers.map((r) => r.status).sort()).toEqual([200, 401]);
  });

  it.each([
    ['an unknown token', 'x'.repeat(43), 401],
    ['a malformed token', 'not a token', 400],
    ['a number', 42, 400],
  ])('refuses %s', async (_what, token, status) => {
    const res = await refresh(t, token).expect(status);
    expect(res.body.statusCode).toBe(status);
  });

  it('refuses an expired refresh token', async () => {
    const session = await signIn(t, 'village014');
    await t.app.get(DataSource).query(`UPDATE refresh_tokens SET expires_at = now() - interval '1 second' WHERE user_id = $1`, [session.user.id]);
    expect((await refresh(t, session.refreshToken).expect(401)).body.reason).toBe('refresh_expired');
  });

  it('ends a sign-in 90 days after the password was given, however often it is refreshed', async () => {
    const session = await signIn(t, 'village018');
    const db = t.app.get(DataSource);
    const ends = async () => ((await db.query(`SELECT DISTINCT session_ends_at FROM refresh_tokens WHERE user_id = $1`, [session.user.id])) as { session_ends_at: Date }[]).map((r) => r.session_ends_at.getTime());
    const [end] = await ends();
    expect(end - Date.now()).toBeGreaterThan(90 * 86_400_000 - 60_000);
    expect(end - Date.now()).toBeLessThanOrEqual(90 * 86_400_000);
    // Every rotation inherits the end; near it, the new token lives only until then, and says so.
    await db.query(`UPDATE refresh_tokens SET session_ends_at = now() + interval '1 hour' WHERE user_id = $1`, [session.user.id]);
    const renewed = await refresh(t, session.refreshToken).expect(200);
    expect(renewed.body.refreshExpiresIn).toBeGreaterThan(3590);
    expect(renewed.body.refreshExpiresIn).toBeLessThanOrEqual(3600);
    expect(await ends()).toHaveLength(1);
    await db.query(`UPDATE refresh_tokens SET session_ends_at = now() - interval '1 second' WHERE user_id = $1`, [session.user.id]);
    expect((await refresh(t, renewed.body.refreshToken).expect(401)).body.reason).toBe('refresh_expired');
  });

  it('forgets spent tokens after 7 days and expired ones, at the user’s next refresh', async () => {
    const session = await signIn(t, 'village017');
    const first = await refresh(t, session.refreshToken).expect(200);
    const db = t.app.get(DataSource);
    await db.query(`UPDATE refresh_tokens SET used_at = now() - interval '8 days' WHERE user_id = $1 AND used_at IS NOT NULL`, [session.user.id]);
    const count = async () => ((await db.query(`SELECT count(*)::int AS n FROM refresh_tokens WHERE user_id = $1`, [session.user.id])) as { n: number }[])[0].n;
    const before = await count();
    await refresh(t, first.body.refreshToken).expect(200);
    // The 8-day-old spent token is gone; the one just spent and its successor remain.
    expect(await count()).toBe(before - 1 + 1);
    expect((await refresh(t, session.refreshToken).expect(401)).body.reason).toBe('refresh_unknown');
  });

  it('logout revokes the refresh tokens too and closes the user’s open sockets', async () => {
    const session = await signIn(t, 'village015');
    const other = await signIn(t, 'village015');
    const socket = await connect({ token: session.accessToken });
    const closed = new Promise((resolve) => socket.once('disconnect', resolve));
    await request(t.app.getHttpServer()).post('/api/auth/logout').set('Authorization', `Bearer ${other.accessToken}`).expect(204);
    await closed;
    expect((await refresh(t, session.refreshToken).expect(401)).body.reason).toBe('refresh_revoked');
    expect((await refresh(t, other.refreshToken).expect(401)).body.reason).toBe('refresh_revoked');
    // A new sign-in works as before.
    await signIn(t, 'village015');
  });

  it('a socket refused for an expired token connects again with a refreshed one', async () => {
    const session = await signIn(t, 'village016');
    const { JwtService } = await import('@nestjs/jwt');
    const expired = t.app.get(JwtService).sign({ sub: session.user.id, ver: 0 }, { expiresIn: -10 });
    await expect(connect({ token: expired })).rejects.toThrow(/unauthorized/);
    const renewed = await refresh(t, session.refreshToken).expect(200);
    const socket = await connect({ token: renewed.body.accessToken });
    expect(socket.connected).toBe(true);
  });
});

describe('security headers and CORS', () => {
  const t = useTestApp({ CORS_ORIGINS: 'https://desk.example.gov.cn' });

  it('sends helmet’s headers, a content security policy, and no X-Powered-By', async () => {
    const res = await request(t.app.getHttpServer()).get('/api/health').expect(200);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['content-security-policy']).toMatch(/default-src 'self'/);
    expect(res.headers['strict-transport-security']).toBeDefined();
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('allows only the configured origins', async () => {
    const allowed = await request(t.app.getHttpServer()).options('/api/cases').set('Origin', 'https://desk.example.gov.cn').set('Access-Control-Request-Method', 'POST');
    expect(allowed.headers['access-control-allow-origin']).toBe('https://desk.example.gov.cn');
    const refused = await request(t.app.getHttpServer()).options('/api/cases').set('Origin', 'https://evil.example.com').set('Access-Control-Request-Method', 'POST');
    expect(refused.headers['access-control-allow-origin']).toBeUndefined();
    const credentials = await request(t.app.getHttpServer()).get('/api/health').set('Origin', 'https://desk.example.gov.cn');
    expect(credentials.headers['access-control-allow-credentials']).toBeUndefined();
  });
});

describe('report rate limit and metrics', () => {
  const t = useTestApp({ REPORT_RATE_LIMIT: '3', METRICS_TOKEN });
  const sockets = useSockets(t);

  it('answers 429 with Retry-After after REPORT_RATE_LIMIT reports a minute from one user; others still report', async () => {
    const { grid } = await gridFixture(t, 20);
    const [worker] = (await t.get('admin', `/api/users?areaId=${grid.id}&role=grid_worker`)).body as { username: string }[];
    for (let i = 0; i < 3; i++) await report(t, worker.username, grid);
    const blocked = await post(t, worker.username, '/api/cases', { categoryCode: 'city.litter', location: grid.centroid });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    expect(blocked.body.message).toMatch(/at most 3 reports a minute/);
    await report(t, 'admin', grid);
  });

  it('serves Prometheus metrics only with the METRICS_TOKEN when one is set', async () => {
    const server = t.app.getHttpServer();
    await request(server).get('/metrics').expect(401);
    await request(server).get('/metrics').set('Authorization', 'Bearer wrong-token-of-some-length').expect(401);
    const { accessToken } = await t.login('admin');
    await request(server).get('/metrics').set('Authorization', `Bearer ${accessToken}`).expect(401);
    const res = await request(server).get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}`).expect(200);
    expect(res.headers['content-type']).toMatch(/text\/plain/);
    for (const name of ['process_cpu_seconds_total', 'http_request_duration_seconds_bucket', 'grid_cases_reported_total', 'grid_push_delivery_seconds_bucket', 'grid_cases_open', 'grid_cases_overdue']) {
      expect(res.text).toContain(name);
    }
  });

  it('counts reports by source, times requests by route pattern, and counts open cases from the database', async () => {
    const scrape = async () => (await request(t.app.getHttpServer()).get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}`).expect(200)).text;
    const { grid } = await gridFixture(t, 21);
    const before = await scrape();
    await report(t, 'operator', grid);
    await report(t, 'operator', grid, { source: 'hotline' });
    await t.get('operator', `/api/cases/${(await report(t, 'operator', grid)).id}`);
    const after = await scrape();
    expect(sample(after, 'grid_cases_reported_total', '{source="front_desk"}') - sample(before, 'grid_cases_reported_total', '{source="front_desk"}')).toBe(2);
    expect(sample(after, 'grid_cases_reported_total', '{source="hotline"}') - sample(before, 'grid_cases_reported_total', '{source="hotline"}')).toBe(1);
    expect(after).toMatch(/http_request_duration_seconds_count\{method="GET",route="\/api\/cases\/:id",status="200"\} \d+/);
    expect(after).toMatch(/http_request_duration_seconds_count\{method="POST",route="\/api\/cases",status="201"\} \d+/);
    const [{ open, overdue }] = (await t.app.get(DataSource).query(
      `SELECT count(*)::int AS open, count(*) FILTER (WHERE sla_state = 'overdue')::int AS overdue FROM cases WHERE status NOT IN ('closed', 'rejected', 'cancelled')`,
    )) as { open: number; overdue: number }[];
    // Cached for 15 s: within a few reports of the database's count.
    expect(Math.abs(sample(after, 'grid_cases_open') - open)).toBeLessThanOrEqual(5);
    expect(sample(after, 'grid_cases_overdue')).toBeLessThanOrEqual(overdue + 5);
    expect(sample(after, 'grid_cases_overdue')).toBeGreaterThan(0);
  });

  it('records the push latency when a worker’s phone acknowledges an assignment', async () => {
    const { grid, worker, zoneLeader } = await gridFixture(t, 22);
    const phone = await sockets.connectAs(worker.username);
    const assigned = next(phone, 'case.assigned');
    await report(t, zoneLeader.username, grid);
    const push = await assigned;
    const scrape = async () => (await request(t.app.getHttpServer()).get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}`)).text;
    const before = sample(await scrape(), 'grid_push_delivery_seconds_count');
    await phone.emitWithAck('case.ack', { seq: push.seq });
    expect(sample(await scrape(), 'grid_push_delivery_seconds_count')).toBe(before + 1);
  });
});

describe('metrics without METRICS_TOKEN', () => {
  const t = useTestApp();

  it('are served to callers on this machine, and refused to a client relayed by a local proxy', async () => {
    await request(t.app.getHttpServer()).get('/metrics').expect(200);
    // nginx on this machine relaying an outside client: the client's address counts (trust proxy = loopback).
    await request(t.app.getHttpServer()).get('/metrics').set('X-Forwarded-For', '203.0.113.9').expect(403);
  });
});
