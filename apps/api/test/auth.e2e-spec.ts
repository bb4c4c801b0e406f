import { JwtService } from '@nestjs/jwt';
import request from 'supertest';
import { DataSource } from 'typeorm';
import type { LockoutAlert } from '@grid/contracts';
import { next, useSockets } from './socket-client';
import { DEMO_PASSWORD, useTestApp } from './test-app';

// The first app of a run loads the demo territory with its history, which takes a while on a busy machine.
jest.setTimeout(180_000);

describe('auth', () => {
  const t = useTestApp();

  it('logs in a demo account and answers with the token and the user (DESIGN §7)', async () => {
    const res = await request(t.app.getHttpServer()).post('/api/auth/login').send({ username: 'zone01', password: DEMO_PASSWORD }).expect(200);
    expect(res.body.accessToken).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(res.body.expiresIn).toBeGreaterThan(0);
    expect(res.body.user).toEqual({
      id: expect.any(String),
      username: 'zone01',
      role: 'zone_leader',
      areaId: expect.any(String),
      departmentId: null,
      displayName: expect.any(String),
      posts: [expect.objectContaining({ role: 'zone_leader', primary: true, active: true })],
      mustChangePassword: false,
    });
    expect(JSON.stringify(res.body)).not.toMatch(/"password"|hash/i);
  });

  it.each([
    ['a wrong password', { username: 'zone01', password: 'wrong-password' }],
    ['an unknown user', { username: 'nobody', password: DEMO_PASSWORD }],
  ])('refuses %s with 401 and the same message', async (_what, body) => {
    const res = await request(t.app.getHttpServer()).post('/api/auth/login').send(body).expect(401);
    expect(res.body).toMatchObject({ statusCode: 401, message: 'wrong username or password' });
  });

  it('answers malformed JSON with 400, not 500', async () => {
    const res = await request(t.app.getHttpServer()).post('/api/auth/login').set('Content-Type', 'application/json').send('{"username": "zone01",').expect(400);
    expect(res.body).toMatchObject({ statusCode: 400, message: expect.stringMatching(/JSON/) });
    expect(JSON.stringify(res.body)).not.toMatch(/at .*\.js/);
  });

  it('names the missing and wrong fields', async () => {
    const res = await request(t.app.getHttpServer()).post('/api/auth/login').send({ password: 42 }).expect(400);
    expect(Object.keys(res.body.fields).sort()).toEqual(['password', 'username']);
  });

  it('refuses requests without a token, with a forged token and with an expired token', async () => {
    const server = t.app.getHttpServer();
    await request(server).get('/api/areas').expect(401);
    await request(server).get('/api/areas').set('Authorization', 'Bearer not.a.token').expect(401);
    const { user } = await t.login('zone01');
    const forged = new JwtService({ secret: 'another-secret-that-is-long-enough-000000' }).sign({ sub: user.id, ver: 0 });
    await request(server).get('/api/areas').set('Authorization', `Bearer ${forged}`).expect(401);
    const expired = t.app.get(JwtService).sign({ sub: user.id, ver: 0 }, { expiresIn: -10 });
    const res = await request(server).get('/api/areas').set('Authorization', `Bearer ${expired}`).expect(401);
    expect(res.body.message).toBe('invalid or expired token');
  });

  it('tells the caller who they are', async () => {
    const { accessToken, user } = await t.login('grid001');
    const res = await request(t.app.getHttpServer()).get('/api/auth/me').set('Authorization', `Bearer ${accessToken}`).expect(200);
    expect(res.body).toEqual(user);
  });
});

describe('login rate limit', () => {
  const t = useTestApp({ LOGIN_RATE_LIMIT: '2' });

  it('answers 429 after the limit of attempts on one account, while other accounts still log in', async () => {
    const attempt = (username: string, password = 'guess-guess') => request(t.app.getHttpServer()).post('/api/auth/login').send({ username, password });
    for (let i = 0; i < 2; i++) expect((await attempt('operator')).status).toBe(401);
    const blocked = await attempt('operator', DEMO_PASSWORD);
    expect(blocked.status).toBe(429);
    expect(blocked.body.reason).toBeUndefined(); // the rate limit's, not the failures' slow-down
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    expect((await attempt('admin', DEMO_PASSWORD)).status).toBe(200);
  });
});

describe('logout, lockout and the audit log', () => {
  const t = useTestApp();

  it('revokes every token of the user on logout', async () => {
    const first = await request(t.app.getHttpServer()).post('/api/auth/login').send({ username: 'village002', password: DEMO_PASSWORD });
    const second = await request(t.app.getHttpServer()).post('/api/auth/login').send({ username: 'village002', password: DEMO_PASSWORD });
    await request(t.app.getHttpServer()).post('/api/auth/logout').set('Authorization', `Bearer ${first.body.accessToken}`).expect(204);
    await request(t.app.getHttpServer()).get('/api/auth/me').set('Authorization', `Bearer ${first.body.accessToken}`).expect(401);
    // The other device's token stops within the few seconds a verified token is trusted.
    await new Promise((r) => setTimeout(r, 5_100));
    await request(t.app.getHttpServer()).get('/api/auth/me').set('Authorization', `Bearer ${second.body.accessToken}`).expect(401);
    await request(t.app.getHttpServer()).post('/api/auth/login').send({ username: 'village002', password: DEMO_PASSWORD }).expect(200);
  });

  it('audits successful logins with the client address', async () => {
    await request(t.app.getHttpServer()).post('/api/auth/login').send({ username: 'village004', password: DEMO_PASSWORD }).expect(200);
    const [row] = (await t.app.get(DataSource).query(`SELECT action, ip, actor_id FROM audit_log WHERE username = 'village004' ORDER BY id DESC LIMIT 1`)) as { action: string; ip: string; actor_id: string }[];
    expect(row).toMatchObject({ action: 'login', ip: expect.stringMatching(/127\.0\.0\.1|::1|::ffff:127\.0\.0\.1/), actor_id: expect.any(String) });
  });
});

/** A login as if forwarded by a proxy for `client` (supertest itself connects from the loopback address). */
const forwardedLogin = (t: { app: { getHttpServer(): unknown } }, username: string, client: string, password = 'guess-guess') =>
  request(t.app.getHttpServer() as Parameters<typeof request>[0]).post('/api/auth/login').set('X-Forwarded-For', client).send({ username, password });

const lastAuditAddress = async (dataSource: DataSource, username: string) =>
  ((await dataSource.query(`SELECT ip FROM audit_log WHERE username = $1 ORDER BY id DESC LIMIT 1`, [username])) as { ip: string }[])[0]?.ip;

describe('X-Forwarded-For from a trusted proxy (TRUST_PROXY, default loopback)', () => {
  const t = useTestApp({ LOGIN_RATE_LIMIT: '3' });

  it("audits the forwarded client's address and limits each client on its own", async () => {
    await forwardedLogin(t, 'village005', '203.0.113.7', DEMO_PASSWORD).expect(200);
    expect(await lastAuditAddress(t.app.get(DataSource), 'village005')).toBe('203.0.113.7');
    // Attempts count whatever their outcome: this sign-in and two failures use up the limit of 3.
    for (let i = 0; i < 2; i++) await forwardedLogin(t, 'village005', '203.0.113.7').expect(401);
    await forwardedLogin(t, 'village005', '203.0.113.7').expect(429);
    // Another client behind the same proxy has its own count.
    await forwardedLogin(t, 'village005', '198.51.100.9', DEMO_PASSWORD).expect(200);
  });
});

describe('X-Forwarded-For from a proxy that is not trusted', () => {
  const t = useTestApp({ LOGIN_RATE_LIMIT: '3', TRUST_PROXY: '10.0.0.0/8' });

  it('is ignored: the audit log and the per-address limit see the connecting address', async () => {
    await forwardedLogin(t, 'village006', '203.0.113.7', DEMO_PASSWORD).expect(200);
    expect(await lastAuditAddress(t.app.get(DataSource), 'village006')).toMatch(/^(127\.0\.0\.1|::1|::ffff:127\.0\.0\.1)$/);
    for (let i = 0; i < 2; i++) await forwardedLogin(t, 'village006', `203.0.113.${10 + i}`).expect(401);
    // A forged header does not buy a fresh count.
    await forwardedLogin(t, 'village006', '198.51.100.9', DEMO_PASSWORD).expect(429);
  });
});

/**
 * Fails to sign in as `username` from `client` until the account is locked for that address, waiting out
 * the progressive slow-down (429 with Retry-After) between attempts; answers the statuses seen.
 */
async function lockFrom(t: { app: { getHttpServer(): unknown } }, username: string, client: string): Promise<number[]> {
  const seen: number[] = [];
  for (let failures = 0; failures < 5; ) {
    const res = await forwardedLogin(t, username, client);
    seen.push(res.status);
    if (res.status === 401) failures++;
    else if (res.status === 429 && res.body.reason === 'login_slowed') await new Promise((r) => setTimeout(r, Number(res.headers['retry-after']) * 1000));
    else throw new Error(`unexpected ${res.status} ${JSON.stringify(res.body)}`);
  }
  return seen;
}

describe('lockout per account and source address', () => {
  const t = useTestApp({ LOCKOUT_ALERT_ACCOUNTS: '3' });
  const sockets = useSockets(t);
  const userId = async (username: string) => ((await t.app.get(DataSource).query(`SELECT id FROM users WHERE username = $1`, [username])) as { id: string }[])[0].id;

  it("slows repeated failures down: from the third attempt on, each waits longer, and the password is not even checked", async () => {
    await forwardedLogin(t, 'village010', '203.0.113.20').expect(401);
    await forwardedLogin(t, 'village010', '203.0.113.20').expect(401);
    const slowed = await forwardedLogin(t, 'village010', '203.0.113.20', DEMO_PASSWORD).expect(429);
    expect(slowed.body.reason).toBe('login_slowed');
    expect(Number(slowed.headers['retry-after'])).toBe(1);
    // Another address is not slowed down.
    await forwardedLogin(t, 'village010', '198.51.100.20', DEMO_PASSWORD).expect(200);
  });

  it("an attacker's failures from one address lock only that address: the owner signs in from another, and a signed-in device keeps refreshing", async () => {
    const owner = (await forwardedLogin(t, 'village011', '198.51.100.21', DEMO_PASSWORD).expect(200)).body;
    const seen = await lockFrom(t, 'village011', '203.0.113.21');
    const locked = await forwardedLogin(t, 'village011', '203.0.113.21', DEMO_PASSWORD).expect(423);
    expect(locked.body.reason).toBe('account_locked');
    // The owner: a new sign-in from their own address, and the refresh of the device already signed in.
    await forwardedLogin(t, 'village011', '198.51.100.21', DEMO_PASSWORD).expect(200);
    await request(t.app.getHttpServer()).post('/api/auth/refresh').set('X-Forwarded-For', '198.51.100.22').send({ refreshToken: owner.refreshToken }).expect(200);
    expect(seen).toContain(429); // the attacker was slowed down on the way
    const rows = (await t.app.get(DataSource).query(`SELECT action, ip FROM audit_log WHERE username = 'village011' AND action <> 'login' ORDER BY id`)) as { action: string; ip: string }[];
    expect(rows.map((r) => r.action)).toEqual([...Array(5).fill('login_failed'), 'account_locked', 'login_failed']);
    expect(new Set(rows.map((r) => r.ip))).toEqual(new Set(['203.0.113.21']));
  });

  it('an administrator unlocks an account (audited); nobody else may', async () => {
    await lockFrom(t, 'village012', '203.0.113.22');
    const id = await userId('village012');
    const unlock = (username: string) => t.login(username).then(({ accessToken }) => request(t.app.getHttpServer()).post(`/api/admin/users/${id}/unlock`).set('Authorization', `Bearer ${accessToken}`));
    expect((await unlock('operator')).status).toBe(403);
    expect((await unlock('zone01')).status).toBe(403);
    const res = await unlock('admin');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ userId: id, username: 'village012', unlocked: 1 });
    await forwardedLogin(t, 'village012', '203.0.113.22', DEMO_PASSWORD).expect(200);
    const [row] = (await t.app.get(DataSource).query(`SELECT a.action, u.username AS actor, a.detail FROM audit_log a JOIN users u ON u.id = a.actor_id WHERE a.action = 'account_unlocked' ORDER BY a.id DESC LIMIT 1`)) as { action: string; actor: string; detail: Record<string, unknown> }[];
    expect(row).toEqual({ action: 'account_unlocked', actor: 'admin', detail: { userId: id, username: 'village012', unlocked: 1 } });
    const unknown = await t.login('admin').then(({ accessToken }) => request(t.app.getHttpServer()).post('/api/admin/users/00000000-0000-4000-8000-000000000000/unlock').set('Authorization', `Bearer ${accessToken}`));
    expect(unknown.status).toBe(404);
  });

  it('alerts the command centre when many accounts are being locked at once', async () => {
    const [{ before }] = (await t.app.get(DataSource).query(`SELECT coalesce(max(id), 0) AS before FROM audit_log`)) as { before: string }[];
    const wall = await sockets.connectAs('operator');
    const alert = next(wall, 'security.lockouts', 60_000);
    // village011 and village012 were locked above: one more makes three within the window.
    await lockFrom(t, 'village013', '203.0.113.23');
    const received: LockoutAlert = await alert;
    expect(received.accounts).toBeGreaterThanOrEqual(3);
    expect(received.usernames).toEqual(expect.arrayContaining(['village011', 'village013']));
    const surges = (await t.app.get(DataSource).query(`SELECT detail FROM audit_log WHERE action = 'lockout_surge' AND id > $1`, [before])) as { detail: { accounts: number } }[];
    expect(surges).toHaveLength(1);
    // One alert per window, however many more are locked.
    await lockFrom(t, 'village014', '203.0.113.24');
    expect(await t.app.get(DataSource).query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'lockout_surge' AND id > $1`, [before])).toEqual([{ n: 1 }]);
  });
});
