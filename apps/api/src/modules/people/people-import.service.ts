import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AreaLevel, ImportProblem, OneTimePassword, PeopleImportApplyResponse, PeopleImportResponse, PeopleImportStatus, Role } from '@grid/contracts';
import { planPeopleImport, type PeopleImportReference, type PlannedPerson } from '@grid/domain';
import { DataSource, EntityManager } from 'typeorm';
import { AppError, notFound } from '../../common/app-error';
import { AuditLog } from '../audit/audit-log.service';
import { PasswordHasher } from '../users/password-hasher';
import { UserPosts } from '../users/user-posts';
import { oneTimePassword } from './one-time-password';
import { readPeopleFile } from './people-file';

/** Who imports: a signed-in admin, or the command line (no account). */
export interface ImportActor {
  id: string | null;
  username: string;
}

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

  async check(actor: ImportActor, file: { originalname: string; buffer: Buffer }): Promise<PeopleImportResponse> {
    const table = await readPeopleFile(file);
    const plan = planPeopleImport(table.rows, await this.reference(this.dataSource.manager));
    const status: PeopleImportStatus = plan.problems.length ? 'invalid' : 'valid';
    const [{ id }] = (await this.dataSource.query(
      `INSERT INTO people_imports (file_name, status, encoding, people, problems, created_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [file.originalname.slice(0, 255), status, table.encoding, JSON.stringify(plan.people), JSON.stringify(plan.problems), actor.id],
    )) as { id: string }[];
    await this.audit.record({ action: 'people_import_checked', actorId: actor.id, username: actor.username, detail: { importId: id, file: file.originalname, status, problems: plan.problems.length } });
    return this.response({ id, status, encoding: table.encoding, people: plan.people, problems: plan.problems }, table.rows.length);
  }

  async get(id: string): Promise<PeopleImportResponse> {
    return this.response(await this.load(this.dataSource.manager, id, false));
  }

  /** Creates everyone in one transaction; refused (409) while problems remain, once applied, or when the data moved on. */
  async apply(actor: ImportActor, id: string): Promise<PeopleImportApplyResponse> {
    const stored = await this.load(this.dataSource.manager, id, false);
    this.assertApplicable(stored);
    // Slow hashes before the transaction, so that it holds its locks briefly.
    const passwords = stored.people.map(() => oneTimePassword());
    const hashes = await Promise.all(passwords.map((p) => this.hasher.hash(p)));
    const created = await this.dataSource.transaction(async (manager) => {
      const row = await this.load(manager, id, true);
      this.assertApplicable(row);
      // Re-checked inside the transaction: someone may have taken a username or a phone since the check.
      const [taken] = (await manager.query(`SELECT username, phone FROM users WHERE lower(username) = ANY($1::text[]) OR phone = ANY($2::text[]) LIMIT 1`, [
        row.people.map((p) => p.username.toLowerCase()),
        row.people.map((p) => p.phone),
      ])) as { username: string; phone: string | null }[];
      if (taken) throw new AppError('conflict', `since the check, ${taken.username} (${taken.phone ?? 'no phone'}) was created: upload the file again`, undefined, 'import_stale');
      const result: OneTimePassword[] = [];
      for (const [index, person] of row.people.entries()) {
        const userId = await this.createPerson(manager, person, hashes[index]);
        result.push({ userId, username: person.username, displayName: person.name, password: passwords[index] });
      }
      await manager.query(`UPDATE people_imports SET status = 'applied', applied_at = now() WHERE id = $1`, [id]);
      await this.audit.record({ action: 'people_imported', actorId: actor.id, username: actor.username, detail: { importId: id, people: result.map((p) => ({ userId: p.userId, username: p.username })) } }, manager);
      return result;
    });
    return { id, status: 'applied', created: created.length, oneTimePasswords: created };
  }

  private async createPerson(manager: EntityManager, person: PlannedPerson, passwordHash: string): Promise<string> {
    const [first, ...others] = person.posts;
    // The insert trigger gives the account its primary post from these columns; it then takes the row's type and dates.
    const [{ id }] = (await manager.query(
      `INSERT INTO users (username, password_hash, display_name, role, area_id, department_id, phone, must_change_password) VALUES ($1, $2, $3, $4, $5, $6, $7, true) RETURNING id`,
      [person.username, passwordHash, person.name, first.role, first.areaId, first.departmentId, person.phone],
    )) as { id: string }[];
    await manager.query(`UPDATE user_posts SET post_type = $2, valid_from = coalesce($3::timestamptz, valid_from), valid_to = $4 WHERE user_id = $1`, [id, first.type, first.from, first.to]);
    for (const post of others) {
      await manager.query(`INSERT INTO user_posts (user_id, post_type, role, area_id, department_id, valid_from, valid_to) VALUES ($1, $2, $3, $4, $5, coalesce($6::timestamptz, now()), $7)`, [
        id,
        post.type,
        post.role,
        post.areaId,
        post.departmentId,
        post.from,
        post.to,
      ]);
    }
    await this.posts.syncPrimary(id, manager);
    return id;
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
