import { JwtService } from '@nestjs/jwt';
import request from 'supertest';
import { DataSource } from 'typeorm';
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
    });
    expect(JSON.stringify(res.body)).not.toMatch(/password|hash/i);
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
  const t = useTestApp({ LOGIN_RATE_LIMIT: '3' });

  it('answers 429 after the limit of attempts on one account, while other accounts still log in', async () => {
    const attempt = (username: string, password = 'guess-guess') => request(t.app.getHttpServer()).post('/api/auth/login').send({ username, password });
    for (let i = 0; i < 3; i++) expect((await attempt('operator')).status).toBe(401);
    const blocked = await attempt('operator', DEMO_PASSWORD);
    expect(blocked.status).toBe(429);
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

  it('locks an account after 5 failed logins in a row, even for the right password, and audits it', async () => {
    const attempt = (password: string) => request(t.app.getHttpServer()).post('/api/auth/login').send({ username: 'village003', password });
    for (let i = 0; i < 5; i++) expect((await attempt('wrong-password')).status).toBe(401);
    const locked = await attempt(DEMO_PASSWORD);
    expect(locked.status).toBe(423);
    expect(locked.body.reason).toBe('account_locked');
    const rows = (await t.app.get(DataSource).query(`SELECT action FROM audit_log WHERE username = 'village003' ORDER BY id`)) as { action: string }[];
    expect(rows.map((r) => r.action)).toEqual([...Array(5).fill('login_failed'), 'account_locked', 'login_failed']);
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
