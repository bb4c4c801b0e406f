import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { RotaImportDto, RotaImportProblem } from '@grid/contracts';
import { localDateOf, overlappingRows, parseRotaRows, type RotaRowDraft } from '@grid/domain';
import { DataSource, EntityManager } from 'typeorm';
import { inOuterOrOwnTransaction } from '../../database/outer-transaction';
import { AppError, fileRefused, invalid, notFound } from '../../common/app-error';
import { AuditLog } from '../audit/audit-log.service';
import type { AuthUser } from '../auth/auth-user';
import { activePostAt } from '../users/user-posts';
import { RotaIndexService } from './rota-index.service';
import { readRotaWorkbook } from './rota-workbook';

/** A row ready to write: codes and usernames resolved to ids. */
type ResolvedRow =
  | { kind: 'shift'; row: number; userId: string; areaId: string | null; departmentId: string | null; start: string; end: string; substituteId: string | null }
  | { kind: 'pattern'; row: number; userId: string; areaId: string | null; departmentId: string | null; weekdays: number[]; startTime: string; endTime: string; from: string; to: string | null };

interface ImportRow {
  id: string;
  file_name: string;
  status: RotaImportDto['status'];
  problems: RotaImportProblem[];
  rows: ResolvedRow[];
}

/** Who is editing: a zone leader's zone limits the rows (null: an administrator or the CLI). */
export interface Importer {
  id: string | null;
  username: string;
  zoneId: string | null;
}

export const importerOf = (user: AuthUser): Importer => ({ id: user.id, username: user.username, zoneId: user.role === 'admin' ? null : user.areaId });

/**
 * The rota from a spreadsheet (issue 17): read and checked row by row (row, column, reason) into a stored
 * import, then applied all at once or not at all.
 */
@Injectable()
export class RotaImportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditLog,
    private readonly index: RotaIndexService,
  ) {}

  /** `m`: the caller's transaction (the demo loader's); by default the import is checked and stored on its own. */
  async check(importer: Importer, fileName: string, buffer: Buffer, m: EntityManager = this.dataSource.manager): Promise<RotaImportDto> {
    const read = await readRotaWorkbook(buffer);
    const problems: RotaImportProblem[] = read.fileProblem ? [{ row: 0, ...read.fileProblem }] : [];
    const parsed = parseRotaRows(read.rows, localDateOf(new Date().toISOString()));
    problems.push(...parsed.problems, ...overlappingRows(parsed.drafts));
    if (!read.fileProblem && !read.rows.length) problems.push({ row: 0, code: 'no_rows', message: 'the sheet has no rows under its header' });
    const resolved = await this.resolve(m, importer, parsed.drafts, problems);
    problems.sort((a, b) => a.row - b.row);
    const status = problems.length ? 'invalid' : 'valid';
    const [row] = (await m.query(`INSERT INTO rota_imports (created_by, file_name, status, problems, rows) VALUES ($1, $2, $3, $4, $5) RETURNING id`, [
      importer.id,
      fileName.slice(0, 200),
      status,
      JSON.stringify(problems),
      JSON.stringify(status === 'valid' ? resolved : []),
    ])) as { id: string }[];
    return { id: row.id, status, fileName, problems, summary: summaryOf(read.rows.length, resolved) };
  }

  /**
   * Applies a valid import in one transaction (409 when it has problems, was applied, or a shift now overlaps one
   * written since). In the caller's transaction (`outer`), the caller reloads the rota index once it commits.
   */
  async apply(importer: Importer, id: string, outer?: EntityManager): Promise<RotaImportDto> {
    const result = await inOuterOrOwnTransaction(this.dataSource, outer, async (m) => {
      const [imp] = (await m.query(`SELECT id, file_name, status, problems, rows FROM rota_imports WHERE id = $1 FOR UPDATE`, [id])) as ImportRow[];
      if (!imp || (importer.id !== null && importer.zoneId !== null && !(await this.mine(m, id, importer.id)))) throw notFound('rota import');
      if (imp.status !== 'valid') throw new AppError('conflict', imp.status === 'applied' ? 'the import was applied already' : 'the import has problems: correct the file and upload it again');
      const clashes = await this.clashes(m, imp.rows);
      if (clashes.length) throw new AppError('conflict', `shifts written since the upload overlap rows ${clashes.map((c) => c.row).join(', ')}`);
      for (const r of imp.rows) await this.write(m, importer, r);
      await m.query(`UPDATE rota_imports SET status = 'applied', applied_at = now() WHERE id = $1`, [id]);
      const summary = summaryOf(imp.rows.length, imp.rows);
      await this.audit.record({ action: 'rota_changed', actorId: importer.id, username: importer.username, detail: { op: 'rota_imported', id, fileName: imp.file_name, ...summary } }, m);
      return { id, status: 'applied' as const, fileName: imp.file_name, problems: [], summary };
    });
    if (!outer) await this.index.reload();
    return result;
  }

  private async mine(m: EntityManager, id: string, userId: string): Promise<boolean> {
    return ((await m.query(`SELECT 1 FROM rota_imports WHERE id = $1 AND created_by = $2`, [id, userId])) as unknown[]).length > 0;
  }

  private async write(m: EntityManager, importer: Importer, r: ResolvedRow): Promise<void> {
    if (r.kind === 'pattern') {
      await m.query(
        `INSERT INTO shift_patterns (user_id, area_id, department_id, weekdays, start_time, end_time, valid_from, valid_to, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [r.userId, r.areaId, r.departmentId, r.weekdays, r.startTime, r.endTime, r.from, r.to, importer.id],
      );
      return;
    }
    await m.query(`INSERT INTO shifts (user_id, area_id, department_id, starts_at, ends_at, created_by) VALUES ($1, $2, $3, $4, $5, $6)`, [r.userId, r.areaId, r.departmentId, r.start, r.end, importer.id]);
    if (r.substituteId) {
      await m.query(`INSERT INTO leaves (user_id, starts_at, ends_at, substitute_id, reason, created_by) VALUES ($1, $2, $3, $4, $5, $6)`, [r.userId, r.start, r.end, r.substituteId, '值班表顶岗', importer.id]);
    }
  }

  /** Codes and usernames to ids, each unknown one (or one outside the importer's zone) a problem of its row. */
  private async resolve(m: EntityManager, importer: Importer, drafts: RotaRowDraft[], problems: RotaImportProblem[]): Promise<ResolvedRow[]> {
    const codes = [...new Set(drafts.map((d) => d.placeCode))];
    const names = [...new Set(drafts.flatMap((d) => [d.username, ...(d.kind === 'shift' && d.substitute ? [d.substitute] : [])]))];
    // One after the other: `m` is the import's transaction, whose one connection takes one query at a time.
    const areas = (await m.query(`SELECT id, code, level, path FROM areas WHERE code = ANY($1)`, [codes])) as { id: string; code: string; level: string; path: string[] }[];
    const departments = (await m.query(`SELECT id, code FROM departments WHERE code = ANY($1)`, [codes])) as { id: string; code: string }[];
    const users = (await m.query(`SELECT u.id, u.username, u.active, a.path, u.area_id FROM users u LEFT JOIN areas a ON a.id = u.area_id WHERE u.username = ANY($1)`, [names])) as {
      id: string; username: string; active: boolean; path: string[] | null; area_id: string | null;
    }[];
    // The departments each named person serves in now: only its staff stand on a department's rota.
    const posts = (await m.query(`SELECT p.user_id, p.department_id FROM user_posts p WHERE p.user_id = ANY($1::uuid[]) AND p.department_id IS NOT NULL AND ${activePostAt('p', 'now()')}`, [
      users.map((u) => u.id),
    ])) as { user_id: string; department_id: string }[];
    const serves = new Set(posts.map((p) => `${p.user_id}:${p.department_id}`));
    const area = new Map(areas.map((a) => [a.code, a]));
    const department = new Map(departments.map((d) => [d.code, d.id]));
    const user = new Map(users.map((u) => [u.username, u]));
    const inZone = (id: string | null, path: string[] | null) => importer.zoneId === null || (id !== null && (id === importer.zoneId || (path ?? []).includes(importer.zoneId)));
    const person = (row: number, column: 'username' | 'substitute', name: string): string | null => {
      const u = user.get(name);
      if (!u || !u.active) problems.push({ row, column, code: 'person_unknown', params: { value: name }, message: `no active person with the username "${name}"` });
      else if (!inZone(u.area_id, u.path)) problems.push({ row, column, code: 'person_outside_zone', params: { value: name }, message: `"${name}" does not serve in your zone` });
      else return u.id;
      return null;
    };
    const resolved: ResolvedRow[] = [];
    for (const d of drafts) {
      const before = problems.length;
      const a = area.get(d.placeCode);
      const departmentId = a ? null : (department.get(d.placeCode) ?? null);
      const placeProblem = (code: string, message: string, params: Record<string, string> = { value: d.placeCode }) => problems.push({ row: d.row, column: 'place', code, params, message });
      if (!a && !departmentId) placeProblem('place_unknown', `no grid or department has the code "${d.placeCode}"`);
      else if (a && a.level !== 'grid') placeProblem('place_not_grid', `"${d.placeCode}" is a ${a.level}, not a grid`, { value: d.placeCode, level: a.level });
      else if (a && !inZone(a.id, a.path)) placeProblem('place_outside_zone', `grid "${d.placeCode}" is outside your zone`);
      else if (departmentId && importer.zoneId !== null) placeProblem('department_admins_only', 'only an administrator edits a department’s rota');
      const userId = person(d.row, 'username', d.username);
      const substituteId = d.kind === 'shift' && d.substitute ? person(d.row, 'substitute', d.substitute) : null;
      if (departmentId && userId && !serves.has(`${userId}:${departmentId}`)) {
        problems.push({ row: d.row, column: 'username', code: 'person_not_in_department', params: { value: d.username, department: d.placeCode }, message: `"${d.username}" does not serve in the department "${d.placeCode}"` });
      }
      if (problems.length > before || !userId) continue;
      const place = { areaId: a?.id ?? null, departmentId };
      resolved.push(
        d.kind === 'shift'
          ? { kind: 'shift', row: d.row, userId, ...place, start: new Date(d.startMs).toISOString(), end: new Date(d.endMs).toISOString(), substituteId }
          : { kind: 'pattern', row: d.row, userId, ...place, weekdays: d.weekdays, startTime: d.startTime, endTime: d.endTime, from: d.from, to: d.to },
      );
    }
    for (const clash of await this.clashes(m, resolved)) problems.push({ row: clash.row, column: 'start', code: 'overlaps_rota', message: 'overlaps a shift of the same person already on the rota' });
    return resolved;
  }

  /** Rows whose one-off shift overlaps one of the same person already in the database. */
  private async clashes(m: EntityManager, rows: readonly ResolvedRow[]): Promise<{ row: number }[]> {
    const shifts = rows.filter((r): r is Extract<ResolvedRow, { kind: 'shift' }> => r.kind === 'shift');
    if (!shifts.length) return [];
    return m.query(
      `SELECT DISTINCT r.row FROM unnest($1::int[], $2::uuid[], $3::timestamptz[], $4::timestamptz[]) AS r(row, user_id, starts_at, ends_at)
       JOIN shifts s ON s.user_id = r.user_id AND s.ends_at > r.starts_at AND s.starts_at < r.ends_at ORDER BY r.row`,
      [shifts.map((s) => s.row), shifts.map((s) => s.userId), shifts.map((s) => s.start), shifts.map((s) => s.end)],
    );
  }
}

function summaryOf(rows: number, resolved: readonly ResolvedRow[]): RotaImportDto['summary'] {
  const shifts = resolved.filter((r) => r.kind === 'shift');
  return { rows, shifts: shifts.length, patterns: resolved.length - shifts.length, leaves: shifts.filter((s) => s.kind === 'shift' && s.substituteId).length };
}

/** Refuses what is not a workbook before reading it: an .xlsx is a zip (PK). */
export function assertXlsx(file: { originalname: string; buffer: Buffer } | undefined): { originalname: string; buffer: Buffer } {
  if (!file) throw invalid('a file is required', { file: 'required' });
  if (!/\.xlsx$/i.test(file.originalname) || file.buffer.subarray(0, 2).toString('latin1') !== 'PK') throw fileRefused('not_xlsx', 'the file is not an .xlsx workbook');
  return file;
}
