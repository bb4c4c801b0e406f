import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AreaLevel, ImportProblem, PeopleImportApplyResponse, PeopleImportResponse, PeopleImportStatus, Role } from '@grid/contracts';
import { planPeopleImport, type PeopleImportReference, type PlannedPerson } from '@grid/domain';
import { DataSource, EntityManager } from 'typeorm';
import { inOuterOrOwnTransaction } from '../../database/outer-transaction';
import { AppError, notFound } from '../../common/app-error';
import { AuditLog } from '../audit/audit-log.service';
import { PasswordHasher } from '../users/password-hasher';
import { UserPosts } from '../users/user-posts';
import { oneTimePassword } from './one-time-password';
import { readTableFile } from '../../common/table-file';

/** Who imports: a signed-in admin, or the command line (no account). */
export interface ImportActor {
  id: string | null;
  username: string;
}

/**
 * How the new people sign in. By default each gets a one-time password, answered once, to change at first sign-in.
 * `sharedPassword` is for the demo loader alone: its public accounts all take the published demo password and are
 * not asked to change it (nothing is answered).
 */
export interface PeopleApplyOptions {
  sharedPassword?: string;
}

/** People created per statement: a district's thousands of rows in a few round trips. */
const BATCH = 500;

interface ImportRow {
  id: string;
  status: PeopleImportStatus;
  encoding: string;
  people: PlannedPerson[];
  problems: ImportProblem[];
}

/**
 * People imports (issue 17): a file is read and checked against the territory, the departments, the post types and
 * the people already there, and kept with its problems; applying it creates every person and post in one
 * transaction, or nothing. New people get a one-time password, returned once and never stored in clear.
 */
@Injectable()
export class PeopleImportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditLog,
    private readonly hasher: PasswordHasher,
    private readonly posts: UserPosts,
  ) {}

  /** `manager`: the caller's transaction (the demo loader's); by default the import is checked and stored on its own. */
  async check(actor: ImportActor, file: { originalname: string; buffer: Buffer }, manager: EntityManager = this.dataSource.manager): Promise<PeopleImportResponse> {
    const table = await readTableFile(file);
    const plan = planPeopleImport(table.rows, await this.reference(manager));
    const status: PeopleImportStatus = plan.problems.length ? 'invalid' : 'valid';
    const [{ id }] = (await manager.query(
      `INSERT INTO people_imports (file_name, status, encoding, people, problems, created_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [file.originalname.slice(0, 255), status, table.encoding, JSON.stringify(plan.people), JSON.stringify(plan.problems), actor.id],
    )) as { id: string }[];
    await this.audit.record({ action: 'people_import_checked', actorId: actor.id, username: actor.username, detail: { importId: id, file: file.originalname, status, problems: plan.problems.length } }, manager);
    return this.response({ id, status, encoding: table.encoding, people: plan.people, problems: plan.problems }, table.rows.length);
  }

  async get(id: string): Promise<PeopleImportResponse> {
    return this.response(await this.load(this.dataSource.manager, id, false));
  }

  /** Creates everyone in one transaction (the caller's, `outer`, when given); refused (409) while problems remain, once applied, or when the data moved on. */
  async apply(actor: ImportActor, id: string, options: PeopleApplyOptions = {}, outer?: EntityManager): Promise<PeopleImportApplyResponse> {
    const stored = await this.load(outer ?? this.dataSource.manager, id, false);
    this.assertApplicable(stored);
    // Slow hashes before the transaction, so that it holds its locks briefly; a shared password is hashed once.
    const shared = options.sharedPassword === undefined ? null : await this.hasher.hash(options.sharedPassword);
    const passwords = shared ? [] : stored.people.map(() => oneTimePassword());
    const hashes = shared ? stored.people.map(() => shared) : await Promise.all(passwords.map((p) => this.hasher.hash(p)));
    const created = await inOuterOrOwnTransaction(this.dataSource, outer, async (manager) => {
      const row = await this.load(manager, id, true);
      this.assertApplicable(row);
      // Re-checked inside the transaction: someone may have taken a username or a phone since the check.
      const [taken] = (await manager.query(`SELECT username, phone FROM users WHERE lower(username) = ANY($1::text[]) OR phone = ANY($2::text[]) LIMIT 1`, [
        row.people.map((p) => p.username.toLowerCase()),
        row.people.map((p) => p.phone),
      ])) as { username: string; phone: string | null }[];
      if (taken) throw new AppError('conflict', `since the check, ${taken.username} (${taken.phone ?? 'no phone'}) was created: upload the file again`, undefined, 'import_stale');
      const ids: string[] = [];
      for (let i = 0; i < row.people.length; i += BATCH) ids.push(...(await this.createPeople(manager, row.people.slice(i, i + BATCH), hashes.slice(i, i + BATCH), !shared)));
      await manager.query(`UPDATE people_imports SET status = 'applied', applied_at = now() WHERE id = $1`, [id]);
      await this.audit.record(
        { action: 'people_imported', actorId: actor.id, username: actor.username, detail: { importId: id, sharedPassword: Boolean(shared), people: row.people.map((p, i) => ({ userId: ids[i], username: p.username })) } },
        manager,
      );
      return row.people.map((p, i) => ({ userId: ids[i], username: p.username, displayName: p.name, password: passwords[i] ?? '' }));
    });
    return { id, status: 'applied', created: created.length, oneTimePasswords: shared ? [] : created };
  }

  /** Creates people and their posts, one statement per step for the whole batch; answers their ids in order. */
  private async createPeople(manager: EntityManager, people: PlannedPerson[], passwordHashes: string[], mustChangePassword: boolean): Promise<string[]> {
    const firsts = people.map((p) => p.posts[0]);
    // The insert trigger gives each account its primary post from these columns; it then takes the row's type and dates.
    const inserted = (await manager.query(
      `INSERT INTO users (username, password_hash, display_name, role, area_id, department_id, phone, must_change_password)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::uuid[], $6::uuid[], $7::text[], $8::boolean[]) RETURNING id, username`,
      [
        people.map((p) => p.username),
        passwordHashes,
        people.map((p) => p.name),
        firsts.map((f) => f.role),
        firsts.map((f) => f.areaId),
        firsts.map((f) => f.departmentId),
        people.map((p) => p.phone),
        people.map(() => mustChangePassword),
      ],
    )) as { id: string; username: string }[];
    const idOf = new Map(inserted.map((r) => [r.username, r.id]));
    const ids = people.map((p) => idOf.get(p.username) as string);
    await manager.query(
      `UPDATE user_posts p SET post_type = f.type, valid_from = coalesce(f.valid_from, p.valid_from), valid_to = f.valid_to
       FROM unnest($1::uuid[], $2::text[], $3::timestamptz[], $4::timestamptz[]) AS f(user_id, type, valid_from, valid_to) WHERE p.user_id = f.user_id`,
      [ids, firsts.map((f) => f.type), firsts.map((f) => f.from), firsts.map((f) => f.to)],
    );
    const others = people.flatMap((p, i) => p.posts.slice(1).map((post) => ({ ...post, userId: ids[i] })));
    if (others.length) {
      await manager.query(
        `INSERT INTO user_posts (user_id, post_type, role, area_id, department_id, valid_from, valid_to)
         SELECT user_id, type, role, area_id, department_id, coalesce(valid_from, now()), valid_to
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::uuid[], $5::uuid[], $6::timestamptz[], $7::timestamptz[]) AS o(user_id, type, role, area_id, department_id, valid_from, valid_to)`,
        [others.map((o) => o.userId), others.map((o) => o.type), others.map((o) => o.role), others.map((o) => o.areaId), others.map((o) => o.departmentId), others.map((o) => o.from), others.map((o) => o.to)],
      );
    }
    // The account's columns follow its primary post: only a first post not active now (it starts later, or ended) changes them.
    const now = new Date().toISOString();
    for (const [i, first] of firsts.entries()) if ((first.from !== null && first.from > now) || (first.to !== null && first.to <= now)) await this.posts.syncPrimary(ids[i], manager);
    return ids;
  }

  private assertApplicable(row: ImportRow): void {
    if (row.status === 'applied') throw new AppError('conflict', 'this import was applied already', undefined, 'import_applied');
    if (row.status === 'invalid') throw new AppError('conflict', `this import has ${row.problems.length} problem(s): fix the file and upload it again`, undefined, 'import_invalid');
  }

  private async reference(manager: EntityManager): Promise<PeopleImportReference> {
    const areas = (await manager.query(`SELECT id, code, level FROM areas`)) as { id: string; code: string; level: AreaLevel }[];
    const departments = (await manager.query(`SELECT id, code FROM departments`)) as { id: string; code: string }[];
    const types = (await manager.query(`SELECT code, name, name_en, role FROM post_types`)) as { code: string; name: string; name_en: string; role: Role }[];
    const users = (await manager.query(`SELECT lower(username) AS username, phone FROM users`)) as { username: string; phone: string | null }[];
    return {
      areas: new Map(areas.map((a) => [a.code, { id: a.id, level: a.level }] as const)),
      departments: new Map(departments.map((d) => [d.code, d.id] as const)),
      postTypes: new Map(types.flatMap((t) => [t.code, t.name, t.name_en.toLowerCase()].map((key) => [key, { code: t.code, role: t.role }] as const))),
      usernames: new Set(users.map((u) => u.username)),
      phones: new Map(users.flatMap((u) => (u.phone ? [[u.phone.replace(/[\s-]/g, ''), u.username] as const] : []))),
    };
  }

  private async load(manager: EntityManager, id: string, lock: boolean): Promise<ImportRow> {
    const [row] = (await manager.query(`SELECT id, status, encoding, people, problems FROM people_imports WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id])) as ImportRow[];
    if (!row) throw notFound('people import');
    return row;
  }

  private response(row: ImportRow, rows?: number): PeopleImportResponse {
    const posts = row.people.reduce((n, p) => n + p.posts.length, 0);
    return { id: row.id, status: row.status, problems: row.problems, encoding: row.encoding, summary: { rows: rows ?? posts, people: row.people.length, posts } };
  }
}
