import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { endPostRequestSchema, peopleQuerySchema, type AddPostRequest, type AreaLevel, type OneTimePassword, type PeopleListResponse, type PersonDto, type PostDto, type PostTypeDto } from '@grid/contracts';
import { postPlacementProblem } from '@grid/domain';
import { DataSource, EntityManager } from 'typeorm';
import type { z } from 'zod';
import { AppError, invalid, notFound } from '../../common/app-error';
import { AuditLog } from '../audit/audit-log.service';
import type { AuthUser } from '../auth/auth-user';
import { AuthService } from '../auth/auth.service';
import { PasswordHasher } from '../users/password-hasher';
import { activePostAt, UserPosts } from '../users/user-posts';
import { oneTimePassword } from './one-time-password';

interface PersonRow {
  id: string;
  username: string;
  display_name: string;
  phone: string | null;
  active: boolean;
  must_change_password: boolean;
}

/**
 * The people console (issue 17): people and their posts (一人多岗), transfer and leave, disabling a person, resetting a
 * password. Every change is written to the audit log in its transaction; a change of posts re-scopes the person's
 * sessions and live channel at once, disabling closes them.
 */
@Injectable()
export class PeopleAdminService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly posts: UserPosts,
    private readonly auth: AuthService,
    private readonly audit: AuditLog,
    private readonly hasher: PasswordHasher,
  ) {}

  async list(query: z.output<typeof peopleQuerySchema>): Promise<PeopleListResponse> {
    const params: unknown[] = [];
    const where: string[] = [];
    if (query.includeDisabled !== 'true') where.push('u.active');
    if (query.q) {
      params.push(`%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      where.push(`(u.username ILIKE $${params.length} OR u.display_name ILIKE $${params.length} OR u.phone LIKE $${params.length})`);
    }
    if (query.areaId) {
      params.push(query.areaId);
      where.push(`EXISTS (SELECT 1 FROM user_posts p JOIN areas s ON s.id = p.area_id WHERE p.user_id = u.id AND ${activePostAt('p', 'now()')} AND (s.id = $${params.length} OR s.path @> ARRAY[$${params.length}::uuid]))`);
    }
    const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [{ total }] = (await this.dataSource.query(`SELECT count(*)::int AS total FROM users u ${filter}`, params)) as { total: number }[];
    const rows = (await this.dataSource.query(
      `SELECT u.id, u.username, u.display_name, u.phone, u.active, u.must_change_password FROM users u ${filter} ORDER BY u.username LIMIT ${query.pageSize} OFFSET ${(query.page - 1) * query.pageSize}`,
      params,
    )) as PersonRow[];
    const posts = await this.posts.ofUsers(rows.map((r) => r.id));
    return { total, items: rows.map((r) => toPersonDto(r, posts.get(r.id) ?? [])) };
  }

  async get(userId: string, manager: EntityManager = this.dataSource.manager): Promise<PersonDto> {
    const [row] = (await manager.query(`SELECT id, username, display_name, phone, active, must_change_password FROM users WHERE id = $1`, [userId])) as PersonRow[];
    if (!row) throw notFound('person');
    return toPersonDto(row, (await this.posts.ofUsers([userId], manager)).get(userId) ?? []);
  }

  postTypes(): Promise<PostTypeDto[]> {
    return this.dataSource.query(`SELECT code, name, name_en AS "nameEn", role, dispatchable FROM post_types ORDER BY sort_order, code`);
  }

  /** A new post; with `replacesPostId` a transfer (调岗): that post ends when this one starts, in the same transaction. */
  async addPost(actor: AuthUser, userId: string, body: AddPostRequest): Promise<PostDto> {
    const post = await this.dataSource.transaction(async (manager) => {
      await this.lockPerson(manager, userId);
      const id = await this.insertPost(manager, userId, body);
      if (body.replacesPostId) await this.endPostIn(manager, userId, body.replacesPostId, 'transfer', body.from ?? null, body.primary !== false, id);
      if (body.primary) await manager.query(`UPDATE user_posts SET primary_post = (id = $2) WHERE user_id = $1`, [userId, id]);
      await this.posts.syncPrimary(userId, manager);
      await this.audit.record({ action: 'post_added', actorId: actor.id, username: actor.username, detail: { userId, postId: id, ...body } }, manager);
      return this.posts.one(userId, id, manager);
    });
    this.auth.accessChanged(userId);
    return post as PostDto;
  }

  /** Ends a post (transfer, leave, ended), kept as history. With no active post left the person signs in nowhere. */
  async endPost(actor: AuthUser, userId: string, postId: string, body: z.output<typeof endPostRequestSchema>): Promise<PostDto> {
    const { post, anyActive } = await this.dataSource.transaction(async (manager) => {
      await this.lockPerson(manager, userId);
      await this.endPostIn(manager, userId, postId, body.reason, body.at ?? null, false, null);
      await this.posts.syncPrimary(userId, manager);
      await this.audit.record({ action: 'post_ended', actorId: actor.id, username: actor.username, detail: { userId, postId, reason: body.reason, at: body.at ?? 'now' } }, manager);
      const [{ active }] = (await manager.query(`SELECT EXISTS (SELECT 1 FROM user_posts p WHERE p.user_id = $1 AND ${activePostAt('p', 'now()')}) AS active`, [userId])) as { active: boolean }[];
      return { post: await this.posts.one(userId, postId, manager), anyActive: active };
    });
    if (anyActive) this.auth.accessChanged(userId);
    else await this.auth.revokeAll(userId);
    return post as PostDto;
  }

  /** A disabled person signs in nowhere: login, refresh and their tokens are refused, their sockets close. */
  async setActive(actor: AuthUser, userId: string, active: boolean): Promise<PersonDto> {
    if (userId === actor.id && !active) throw new AppError('conflict', 'you cannot disable yourself');
    const person = await this.dataSource.transaction(async (manager) => {
      await this.lockPerson(manager, userId);
      await manager.query(`UPDATE users SET active = $2, disabled_at = CASE WHEN $2 THEN NULL ELSE now() END WHERE id = $1`, [userId, active]);
      await this.audit.record({ action: active ? 'person_enabled' : 'person_disabled', actorId: actor.id, username: actor.username, detail: { userId } }, manager);
      return this.get(userId, manager);
    });
    if (!active) await this.auth.revokeAll(userId);
    return person;
  }

  /** A new one-time password, shown once; the person must change it at their next sign-in, and is signed out now. */
  async resetPassword(actor: AuthUser, userId: string): Promise<OneTimePassword> {
    const password = oneTimePassword();
    const passwordHash = await this.hasher.hash(password);
    const person = await this.dataSource.transaction(async (manager) => {
      await this.lockPerson(manager, userId);
      await manager.query(`UPDATE users SET password_hash = $2, must_change_password = true, failed_logins = 0, locked_until = NULL WHERE id = $1`, [userId, passwordHash]);
      await this.audit.record({ action: 'password_reset', actorId: actor.id, username: actor.username, detail: { userId } }, manager);
      return this.get(userId, manager);
    });
    await this.auth.revokeAll(userId);
    return { userId, username: person.username, displayName: person.displayName, password };
  }

  /** Inserts a post after checking its type and unit; returns its id. Shared with the import. */
  async insertPost(manager: EntityManager, userId: string, body: Omit<AddPostRequest, 'replacesPostId' | 'primary'> & { primary?: boolean }): Promise<string> {
    const [type] = (await manager.query(`SELECT code, role FROM post_types WHERE code = $1`, [body.type])) as Pick<PostTypeDto, 'code' | 'role'>[];
    if (!type) throw invalid(`unknown post type ${body.type}`, { type: 'unknown' });
    let unit: { level: AreaLevel } | 'department' = 'department';
    if (body.areaId) {
      const [area] = (await manager.query(`SELECT level FROM areas WHERE id = $1`, [body.areaId])) as { level: AreaLevel }[];
      if (!area) throw invalid('no such area', { areaId: 'unknown' });
      unit = area;
    } else if (!(await manager.query(`SELECT 1 FROM departments WHERE id = $1`, [body.departmentId])).length) throw invalid('no such department', { departmentId: 'unknown' });
    const placement = postPlacementProblem(type.role, unit);
    if (placement) throw invalid(placement, { [body.areaId ? 'areaId' : 'departmentId']: placement });
    if (body.to && new Date(body.to) <= new Date(body.from ?? Date.now())) throw invalid('the post ends before it starts', { to: 'before from' });
    const [{ id }] = (await manager.query(
      `INSERT INTO user_posts (user_id, post_type, role, area_id, department_id, valid_from, valid_to, primary_post) VALUES ($1, $2, $3, $4, $5, coalesce($6::timestamptz, now()), $7, $8) RETURNING id`,
      [userId, type.code, type.role, body.areaId ?? null, body.departmentId ?? null, body.from ?? null, body.to ?? null, body.primary ?? false],
    )) as { id: string }[];
    return id;
  }

  /** Ends a post at `at` (default: the transaction's now, so that the same transaction already sees it ended). */
  private async endPostIn(manager: EntityManager, userId: string, postId: string, reason: string, at: string | null, handOverPrimary: boolean, successorId: string | null): Promise<void> {
    const [post] = (await manager.query(
      `SELECT primary_post, valid_to, valid_to IS NOT NULL AND valid_to <= coalesce($3::timestamptz, now()) AS ended, valid_from > coalesce($3::timestamptz, now()) AS not_started
       FROM user_posts WHERE id = $1 AND user_id = $2`,
      [postId, userId, at],
    )) as { primary_post: boolean; valid_to: Date | null; ended: boolean; not_started: boolean }[];
    if (!post) throw notFound('post');
    if (post.ended) throw new AppError('conflict', `the post already ended on ${post.valid_to?.toISOString()}`, undefined, 'post_ended');
    if (post.not_started) throw invalid('a post cannot end before it starts', { at: 'before the post starts' });
    await manager.query(`UPDATE user_posts SET valid_to = coalesce($2::timestamptz, now()), end_reason = $3 WHERE id = $1`, [postId, at, reason]);
    if (handOverPrimary && post.primary_post && successorId) await manager.query(`UPDATE user_posts SET primary_post = (id = $2) WHERE user_id = $1`, [userId, successorId]);
  }

  private async lockPerson(manager: EntityManager, userId: string): Promise<void> {
    if (!(await manager.query(`SELECT 1 FROM users WHERE id = $1 FOR UPDATE`, [userId])).length) throw notFound('person');
  }
}

export function toPersonDto(r: PersonRow, posts: PostDto[]): PersonDto {
  return { id: r.id, username: r.username, displayName: r.display_name, phone: r.phone, active: r.active, mustChangePassword: r.must_change_password, posts };
}
