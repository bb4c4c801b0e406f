/**
 * People and posts (issue 17): a person holds several posts (一人多岗); scope, the user lists and the live channel
 * follow the posts active now; transfer and leave end posts as history; a disabled person signs in nowhere; a
 * one-time password must be changed first; "who holds post X in area Y" for dispatch.
 */
import type { AreaDto, LoginResponse, PersonDto, PostDto, UserDto } from '@grid/contracts';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { UserAdmin } from '../src/modules/users/user-admin.service';
import { UserPosts } from '../src/modules/users/user-posts';
import { post, report } from './cases-helpers';
import { next, useSockets } from './socket-client';
import { useTestApp, type TestContext } from './test-app';

jest.setTimeout(240_000);

const PASSWORD = 'first-password-1';

function signIn(t: TestContext, username: string, password = PASSWORD): request.Test {
  return request(t.app.getHttpServer()).post('/api/auth/login').send({ username, password });
}

const as = (t: TestContext, token: string) => ({
  get: (url: string) => request(t.app.getHttpServer()).get(url).set('Authorization', `Bearer ${token}`),
  post: (url: string, body: object = {}) => request(t.app.getHttpServer()).post(url).set('Authorization', `Bearer ${token}`).send(body),
});

describe('people and posts', () => {
  const t = useTestApp();
  const sockets = useSockets(t);
  let grids: AreaDto[];
  let admin: ReturnType<typeof as>;

  beforeAll(async () => {
    grids = (await t.get('admin', '/api/areas?level=grid')).body;
    admin = as(t, (await t.login('admin')).accessToken);
  });

  /** A fresh grid worker in grids[index], signed in. */
  async function newWorker(index: number): Promise<{ username: string; session: LoginResponse }> {
    const username = `pw_${randomUUID().slice(0, 8)}`;
    await t.app.get(UserAdmin).create({ username, password: PASSWORD, role: 'grid_worker', areaCode: grids[index].code, departmentCode: null, displayName: '测试网格员', phone: null });
    return { username, session: (await signIn(t, username).expect(200)).body };
  }

  it('gives every account one primary post, shown in /api/auth/me, the login answer and /api/users', async () => {
    const { session } = await newWorker(40);
    const me = await as(t, session.accessToken).get('/api/auth/me').expect(200);
    const expected: Partial<PostDto> = { type: 'grid_worker', role: 'grid_worker', areaId: grids[40].id, departmentId: null, to: null, primary: true, active: true };
    expect(me.body.posts).toEqual([expect.objectContaining(expected)]);
    expect(me.body.mustChangePassword).toBe(false);
    expect(session.user.posts).toEqual(me.body.posts);
    const listed = ((await admin.get(`/api/users?areaId=${grids[40].id}&role=grid_worker`).expect(200)).body as UserDto[]).find((u) => u.id === session.user.id);
    expect(listed?.posts).toEqual(me.body.posts);
    // The demo's accounts got theirs from the migration's trigger too.
    const demo = (await t.get('admin', `/api/users?areaId=${grids[0].id}&role=grid_worker`)).body as UserDto[];
    expect(demo[0].posts?.[0]).toMatchObject({ role: 'grid_worker', areaId: grids[0].id, primary: true, active: true });
  });

  it('widens scope and the live channel with a second post, and narrows them when it ends (transfer keeps the history)', async () => {
    const { session } = await newWorker(41);
    const worker = as(t, session.accessToken);
    const [home, second] = [grids[41], grids[42]];
    await worker.get(`/api/cases?areaId=${second.id}`).expect(403);
    const socket = await sockets.connect({ token: session.accessToken });

    const added = await admin.post(`/api/admin/people/${session.user.id}/posts`, { type: 'grid_worker', areaId: second.id }).expect(201);
    expect(added.body).toMatchObject({ role: 'grid_worker', areaId: second.id, primary: false, active: true });
    // Same token: the guard forgot its cached scope.
    await worker.get(`/api/cases?areaId=${second.id}`).expect(200);
    const visible = ((await worker.get('/api/areas?level=grid').expect(200)).body as AreaDto[]).map((a) => a.id);
    expect(visible).toEqual(expect.arrayContaining([home.id, second.id]));
    expect((await admin.get(`/api/users?areaId=${second.id}&role=grid_worker`).expect(200)).body.map((u: UserDto) => u.id)).toContain(session.user.id);
    // The open socket joined the new grid's room: a case reported there reaches it.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const pushed = next(socket, 'case.created');
    const created = await report(t, 'operator', second);
    expect((await pushed).case.id).toBe(created.id);
    const holders = await t.app.get(UserPosts).holders({ role: 'grid_worker', areaId: second.id });
    expect(holders.map((h) => h.userId)).toContain(session.user.id);

    // Transfer back out of the second grid into a third: the second post ends as a transfer, kept as history.
    const third = grids[43];
    await admin.post(`/api/admin/people/${session.user.id}/posts`, { type: 'grid_worker', areaId: third.id, replacesPostId: added.body.id }).expect(201);
    await worker.get(`/api/cases?areaId=${second.id}`).expect(403);
    await worker.get(`/api/cases?areaId=${third.id}`).expect(200);
    const person = (await admin.get(`/api/admin/people/${session.user.id}`).expect(200)).body as PersonDto;
    expect(person.posts).toHaveLength(3);
    expect(person.posts.find((p) => p.id === added.body.id)).toMatchObject({ active: false, endReason: 'transfer', to: expect.any(String) });
    expect((await t.app.get(UserPosts).holders({ role: 'grid_worker', areaId: second.id })).map((h) => h.userId)).not.toContain(session.user.id);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const silent = next(socket, 'case.created', 1_500);
    await report(t, 'operator', second);
    await expect(silent).rejects.toThrow(/no case.created/);

    // Ending the primary post hands the account's own role and area to the remaining post.
    const primary = person.posts.find((p) => p.primary) as PostDto;
    await admin.post(`/api/admin/people/${session.user.id}/posts/${primary.id}/end`, { reason: 'transfer' }).expect(200);
    const me = (await worker.get('/api/auth/me').expect(200)).body;
    expect(me.areaId).toBe(third.id);
    // The account's own columns (read by code that predates posts) follow in the same transaction.
    const [columns] = await t.app.get(DataSource).query(`SELECT role, area_id FROM users WHERE id = $1`, [session.user.id]);
    expect(columns).toEqual({ role: 'grid_worker', area_id: third.id });
    await worker.get(`/api/cases?areaId=${home.id}`).expect(403);
  });

  it('leaves a person who ended their last post (leave) signed in nowhere', async () => {
    const { username, session } = await newWorker(44);
    const [only] = session.user.posts as PostDto[];
    await admin.post(`/api/admin/people/${session.user.id}/posts/${only.id}/end`, { reason: 'leave' }).expect(200);
    await as(t, session.accessToken).get('/api/auth/me').expect(401);
    await signIn(t, username).expect(401);
  });

  it('keeps the grid’s specialised helpers (1+2+N) out of dispatch by default', async () => {
    const { session } = await newWorker(45);
    const types = (await admin.get('/api/admin/people/post-types').expect(200)).body as { code: string; dispatchable: boolean; name: string }[];
    expect(types).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'grid_police', dispatchable: false, name: '网格警长（警格）' }), expect.objectContaining({ code: 'grid_worker', dispatchable: true })]));
    await admin.post(`/api/admin/people/${session.user.id}/posts`, { type: 'grid_police', areaId: grids[46].id }).expect(201);
    const posts = t.app.get(UserPosts);
    expect((await posts.holders({ role: 'grid_worker', areaId: grids[46].id })).map((h) => h.userId)).not.toContain(session.user.id);
    expect((await posts.holders({ role: 'grid_worker', areaId: grids[46].id, includeNonDispatchable: true })).map((h) => h.postType)).toContain('grid_police');
  });

  it.each([
    ['an unknown post type', { type: 'astronaut', areaId: '00000000-0000-4000-8000-000000000000' }, 'type'],
    ['a grid post in a department', { type: 'grid_worker', departmentId: '00000000-0000-4000-8000-000000000000' }, 'departmentId'],
    ['both an area and a department', { type: 'grid_worker', areaId: '00000000-0000-4000-8000-000000000000', departmentId: '00000000-0000-4000-8000-000000000000' }, 'areaId'],
  ])('refuses %s with a field-level 400', async (_what, body, field) => {
    const { session } = await newWorker(47);
    const res = await admin.post(`/api/admin/people/${session.user.id}/posts`, body).expect(400);
    expect(Object.keys(res.body.fields)).toContain(field);
  });

  it('refuses a grid worker post in a village, and people administration to anyone but admins', async () => {
    const { session } = await newWorker(48);
    const village = grids[48].parentId as string;
    const res = await admin.post(`/api/admin/people/${session.user.id}/posts`, { type: 'grid_worker', areaId: village }).expect(400);
    expect(res.body.message).toMatch(/level grid, not village/);
    await post(t, 'zone01', `/api/admin/people/${session.user.id}/posts`, { type: 'grid_worker', areaId: grids[49].id }).then((r) => expect(r.status).toBe(403));
    expect((await t.get('operator', '/api/admin/people')).status).toBe(403);
  });

  it('signs a disabled person out everywhere: login, refresh, tokens and sockets; enabling lets them back', async () => {
    const { username, session } = await newWorker(50);
    const socket = await sockets.connect({ token: session.accessToken });
    const closed = new Promise((resolve) => socket.once('disconnect', resolve));
    const disabled = await request(t.app.getHttpServer()).put(`/api/admin/people/${session.user.id}/status`).set('Authorization', `Bearer ${(await t.login('admin')).accessToken}`).send({ active: false }).expect(200);
    expect(disabled.body).toMatchObject({ active: false });
    await closed;
    await as(t, session.accessToken).get('/api/auth/me').expect(401);
    await request(t.app.getHttpServer()).post('/api/auth/refresh').send({ refreshToken: session.refreshToken }).expect(401);
    await signIn(t, username).expect(401);
    await expect(sockets.connect({ token: session.accessToken })).rejects.toThrow(/unauthorized/);
    const audit = await t.app.get(DataSource).query(`SELECT action FROM audit_log WHERE detail->>'userId' = $1`, [session.user.id]);
    expect(audit.map((a: { action: string }) => a.action)).toContain('person_disabled');
    await request(t.app.getHttpServer()).put(`/api/admin/people/${session.user.id}/status`).set('Authorization', `Bearer ${(await t.login('admin')).accessToken}`).send({ active: true }).expect(200);
    await signIn(t, username).expect(200);
  });

  it('makes a person with a one-time password change it before anything else', async () => {
    const { username, session } = await newWorker(51);
    const reset = await admin.post(`/api/admin/people/${session.user.id}/password-reset`).expect(200);
    expect(reset.body).toMatchObject({ userId: session.user.id, username, password: expect.stringMatching(/^[A-Za-z2-9]{12}$/) });
    await as(t, session.accessToken).get('/api/auth/me').expect(401);
    await signIn(t, username).expect(401);
    const first = (await signIn(t, username, reset.body.password).expect(200)).body as LoginResponse;
    expect(first.user.mustChangePassword).toBe(true);
    const blocked = await as(t, first.accessToken).get('/api/areas').expect(403);
    expect(blocked.body.reason).toBe('password_change_required');
    await as(t, first.accessToken).get('/api/auth/me').expect(200);
    const wrong = await as(t, first.accessToken).post('/api/auth/password', { currentPassword: 'not-it', newPassword: 'brand-new-password' }).expect(400);
    expect(wrong.body.fields).toEqual({ currentPassword: 'wrong' });
    const short = await as(t, first.accessToken).post('/api/auth/password', { currentPassword: reset.body.password, newPassword: 'short' }).expect(400);
    expect(Object.keys(short.body.fields)).toEqual(['newPassword']);
    const changed = (await as(t, first.accessToken).post('/api/auth/password', { currentPassword: reset.body.password, newPassword: 'brand-new-password' }).expect(200)).body as LoginResponse;
    expect(changed.user.mustChangePassword).toBe(false);
    await as(t, changed.accessToken).get('/api/areas').expect(200);
    await as(t, first.accessToken).get('/api/areas').expect(401);
    await signIn(t, username, 'brand-new-password').expect(200);
  });
});
