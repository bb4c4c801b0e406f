import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { PostDto, PostEndReason, Role } from '@grid/contracts';
import { DataSource, EntityManager } from 'typeorm';

/** SQL: a post of `user_posts` aliased `p` active at the instant `$at` (from ≤ at < to). */
export const activePostAt = (alias: string, at: string) => `${alias}.valid_from <= ${at} AND (${alias}.valid_to IS NULL OR ${alias}.valid_to > ${at})`;

interface PostRow {
  id: string;
  user_id: string;
  post_type: string;
  role: Role;
  area_id: string | null;
  department_id: string | null;
  valid_from: Date;
  valid_to: Date | null;
  primary_post: boolean;
  active: boolean;
  end_reason: PostEndReason | null;
}

const POST_COLUMNS = `p.id, p.user_id, p.post_type, p.role, p.area_id, p.department_id, p.valid_from, p.valid_to, p.primary_post, p.end_reason, (${activePostAt('p', 'now()')}) AS active`;

const toPostDto = (r: PostRow): PostDto => ({
  id: r.id,
  type: r.post_type,
  role: r.role,
  areaId: r.area_id,
  departmentId: r.department_id,
  from: r.valid_from.toISOString(),
  to: r.valid_to?.toISOString() ?? null,
  primary: r.primary_post,
  active: r.active,
  endReason: r.end_reason,
});

/** Who holds a post: the person and the post that makes them one. */
export interface PostHolder {
  userId: string;
  username: string;
  displayName: string;
  postId: string;
  postType: string;
}

/**
 * Reads people's posts (一人多岗). `holders` answers "who holds post X in area Y now" for dispatch and the duty rota:
 * active accounts only, and by default only post types that may be dispatched (the grid's specialised helpers are not).
 */
@Injectable()
export class UserPosts {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Every post (current and past) of each user, newest first within a user. */
  async ofUsers(userIds: readonly string[], manager: EntityManager = this.dataSource.manager): Promise<Map<string, PostDto[]>> {
    const byUser = new Map<string, PostDto[]>(userIds.map((id) => [id, []]));
    if (!userIds.length) return byUser;
    const rows = (await manager.query(`SELECT ${POST_COLUMNS} FROM user_posts p WHERE p.user_id = ANY($1::uuid[]) ORDER BY p.user_id, (${activePostAt('p', 'now()')}) DESC, p.primary_post DESC, p.valid_from DESC, p.id`, [userIds])) as PostRow[];
    for (const row of rows) byUser.get(row.user_id)?.push(toPostDto(row));
    return byUser;
  }

  async one(userId: string, postId: string, manager: EntityManager = this.dataSource.manager): Promise<PostDto | null> {
    const [row] = (await manager.query(`SELECT ${POST_COLUMNS} FROM user_posts p WHERE p.id = $1 AND p.user_id = $2`, [postId, userId])) as PostRow[];
    return row ? toPostDto(row) : null;
  }

  /**
   * The active people holding a post of `role` in exactly this area or department at `at` (default now), by username.
   * For the duty rota and dispatch: `includeNonDispatchable` also returns the specialised helpers (警格, 法律顾问 …).
   */
  async holders(
    query: { role: Role; areaId?: string; departmentId?: string; at?: Date; includeNonDispatchable?: boolean },
    manager: EntityManager = this.dataSource.manager,
  ): Promise<PostHolder[]> {
    const unit = query.areaId ? 'p.area_id = $2' : 'p.department_id = $2';
    const unitId = query.areaId ?? query.departmentId;
    if (!unitId) return [];
    return (await manager.query(
      `SELECT u.id AS "userId", u.username, u.display_name AS "displayName", p.id AS "postId", p.post_type AS "postType"
       FROM user_posts p JOIN users u ON u.id = p.user_id JOIN post_types t ON t.code = p.post_type
       WHERE p.role = $1 AND ${unit} AND ${activePostAt('p', '$3')} AND u.active AND ($4 OR t.dispatchable)
       ORDER BY u.username`,
      [query.role, unitId, query.at ?? new Date(), query.includeNonDispatchable ?? false],
    )) as PostHolder[];
  }

  /**
   * Makes the account's own role, area and department (read by code that predates posts) those of its primary active
   * post: the post marked primary if active, else the earliest active one (which then becomes the primary).
   * Leaves them as they are when no post is active (a disabled person, or posts that start later).
   */
  async syncPrimary(userId: string, manager: EntityManager): Promise<void> {
    const [chosen] = (await manager.query(
      `SELECT p.id, p.role, p.area_id, p.department_id FROM user_posts p WHERE p.user_id = $1 AND ${activePostAt('p', 'now()')}
       ORDER BY p.primary_post DESC, p.valid_from, p.id LIMIT 1`,
      [userId],
    )) as { id: string; role: Role; area_id: string | null; department_id: string | null }[];
    if (!chosen) return;
    await manager.query(`UPDATE user_posts SET primary_post = (id = $2) WHERE user_id = $1 AND primary_post <> (id = $2)`, [userId, chosen.id]);
    await manager.query(`UPDATE users SET role = $2, area_id = $3, department_id = $4 WHERE id = $1`, [userId, chosen.role, chosen.area_id, chosen.department_id]);
  }
}
