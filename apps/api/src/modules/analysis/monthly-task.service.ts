import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { CaseStatus, createMonthlyTaskSchema, MonthlyTask, MonthlyTaskList, TaskUnit } from '@grid/contracts';
import { beforeAfterMeasure, instantsOf, localDateOf } from '@grid/domain';
import { DataSource, type EntityManager } from 'typeorm';
import type { z } from 'zod';
import { forbidden, invalid, notFound } from '../../common/app-error';
import type { AuthUser } from '../auth/auth-user';
import { CATEGORY_CONDITION, regionOf } from './analysis-region';
import { GridAdjacencyStore } from './grid-adjacency.store';

type CreateMonthlyTask = z.output<typeof createMonthlyTaskSchema>;

/** The cases a task lists; more are counted in its measure but not listed. */
const MAX_LISTED_CASES = 500;
const BASELINE_WEEKS = 8;

type TaskRow = {
  id: string;
  title: string;
  problem: string;
  month: string;
  grid_ids: string[];
  category_code: string | null;
  source: MonthlyTask['source'];
  lead: TaskUnit;
  co_units: TaskUnit[];
  milestones: { title: string; due: string; doneAt: string | null }[];
  case_ids: string[];
  opened_at: Date;
  opened_by_name: string;
};

/**
 * 每月一题 (issue 20): a leader turns a hotspot (or a recurring place) into a themed governance task — the problem,
 * the cases behind it, a lead unit and co-units, milestones — and its before/after measure (reports per week in its
 * grids and category, eight weeks before opening against the weeks since) is computed from the cases on every read.
 */
@Injectable()
export class MonthlyTaskService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly adjacency: GridAdjacencyStore,
  ) {}

  async open(user: AuthUser, body: CreateMonthlyTask): Promise<MonthlyTask> {
    const territory = await this.adjacency.get();
    const inScope = regionOf(user, undefined);
    body.gridIds.forEach((id, i) => {
      const index = territory.indexOf.get(id);
      if (index === undefined) throw invalid('no such grid in the territory', { [`gridIds.${i}`]: 'no such grid' });
      if (!inScope(territory.grids[index])) throw forbidden(`gridIds.${i}: this grid is outside your scope`);
    });
    return this.dataSource.transaction(async (manager) => {
      if (body.categoryCode && !(await exists(manager, 'categories', 'code', body.categoryCode))) throw invalid('unknown category', { categoryCode: 'no such category' });
      for (const [i, unit] of [body.lead, ...body.coUnits].entries()) {
        const field = i === 0 ? 'lead' : `coUnits.${i - 1}`;
        const found = unit.kind === 'department' ? await exists(manager, 'departments', 'id', unit.departmentId) : await exists(manager, 'areas', 'id', unit.areaId);
        if (!found) throw invalid(`${field}: no such ${unit.kind}`, { [field]: `no such ${unit.kind}` });
      }
      const { fromMs, toMs } = instantsOf(body.source);
      const params: unknown[] = [body.gridIds, new Date(fromMs), new Date(toMs)];
      if (body.categoryCode) params.push(body.categoryCode);
      const behind = (await manager.query(
        `SELECT c.id FROM cases c WHERE c.grid_id = ANY($1::uuid[]) AND c.reported_at >= $2 AND c.reported_at < $3 AND c.merged_into IS NULL
            AND c.status NOT IN ('rejected', 'cancelled') ${body.categoryCode ? `AND ${CATEGORY_CONDITION('$4')}` : ''}
          ORDER BY c.reported_at DESC LIMIT ${MAX_LISTED_CASES}`,
        params,
      )) as { id: string }[];
      const now = new Date();
      const [row] = (await manager.query(
        `INSERT INTO monthly_tasks (title, problem, month, grid_ids, category_code, source, lead, co_units, milestones, case_ids, opened_at, opened_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
        [
          body.title,
          body.problem,
          localDateOf(now.toISOString()).slice(0, 7),
          body.gridIds,
          body.categoryCode ?? null,
          JSON.stringify(body.source),
          JSON.stringify(body.lead),
          JSON.stringify(body.coUnits),
          JSON.stringify(body.milestones.map((m) => ({ ...m, doneAt: null }))),
          behind.map((c) => c.id),
          now,
          user.id,
        ],
      )) as { id: string }[];
      return (await this.read(manager, user, row.id)) as MonthlyTask;
    });
  }

  async list(user: AuthUser): Promise<MonthlyTaskList> {
    const rows = await this.rows(this.dataSource.manager, null);
    const visible = await this.visibleTo(user, rows);
    return { items: await Promise.all(visible.map((r) => this.present(this.dataSource.manager, r))) };
  }

  async get(user: AuthUser, id: string): Promise<MonthlyTask> {
    const task = await this.read(this.dataSource.manager, user, id);
    if (!task) throw notFound('monthly task');
    return task;
  }

  /** Marks a milestone done (or not done again); the openers and the task's area leaders may. */
  async milestone(user: AuthUser, id: string, index: number, done: boolean): Promise<MonthlyTask> {
    return this.dataSource.transaction(async (manager) => {
      const task = await this.read(manager, user, id, true);
      if (!task) throw notFound('monthly task');
      if (index >= task.milestones.length) throw invalid('no such milestone', { index: `0 to ${task.milestones.length - 1}` });
      await manager.query(`UPDATE monthly_tasks SET milestones = jsonb_set(milestones, $2::text[], coalesce(to_jsonb($3::text), 'null'::jsonb)) WHERE id = $1`, [
        id,
        [String(index), 'doneAt'],
        done ? new Date().toISOString() : null,
      ]);
      return (await this.read(manager, user, id)) as MonthlyTask;
    });
  }

  private async read(manager: EntityManager, user: AuthUser, id: string, lock = false): Promise<MonthlyTask | null> {
    const rows = await this.rows(manager, id, lock);
    const [row] = await this.visibleTo(user, rows);
    return row ? this.present(manager, row) : null;
  }

  private async rows(manager: EntityManager, id: string | null, lock = false): Promise<TaskRow[]> {
    return (await manager.query(
      `SELECT t.*, u.display_name AS opened_by_name FROM monthly_tasks t JOIN users u ON u.id = t.opened_by
        ${id ? 'WHERE t.id = $1' : ''} ORDER BY t.opened_at DESC ${lock ? 'FOR UPDATE OF t' : ''}`,
      id ? [id] : [],
    )) as TaskRow[];
  }

  /** A task is visible to whoever sees one of its grids. */
  private async visibleTo(user: AuthUser, rows: TaskRow[]): Promise<TaskRow[]> {
    const territory = await this.adjacency.get();
    const inScope = regionOf(user, undefined);
    return rows.filter((r) => r.grid_ids.some((id) => {
      const index = territory.indexOf.get(id);
      return index !== undefined && inScope(territory.grids[index]);
    }));
  }

  private async present(manager: EntityManager, row: TaskRow): Promise<MonthlyTask> {
    const openedAtMs = row.opened_at.getTime();
    const nowMs = Date.now();
    const params: unknown[] = [row.grid_ids, new Date(openedAtMs - BASELINE_WEEKS * 7 * 86_400_000), new Date(nowMs)];
    if (row.category_code) params.push(row.category_code);
    const [reports, cases, names] = await Promise.all([
      manager.query(
        `SELECT c.reported_at FROM cases c WHERE c.grid_id = ANY($1::uuid[]) AND c.reported_at >= $2 AND c.reported_at < $3 AND c.merged_into IS NULL
            AND c.status NOT IN ('rejected', 'cancelled') ${row.category_code ? `AND ${CATEGORY_CONDITION('$4')}` : ''}`,
        params,
      ) as Promise<{ reported_at: Date }[]>,
      manager.query(`SELECT id, code, status, reported_at FROM cases WHERE id = ANY($1::uuid[]) ORDER BY reported_at DESC`, [row.case_ids]) as Promise<
        { id: string; code: string; status: CaseStatus; reported_at: Date }[]
      >,
      this.unitNames(manager, [row.lead, ...row.co_units]),
    ]);
    const named = (unit: TaskUnit) => {
      const id = unit.kind === 'department' ? unit.departmentId : unit.areaId;
      return { kind: unit.kind, id, name: names.get(id) ?? '' };
    };
    return {
      id: row.id,
      title: row.title,
      problem: row.problem,
      month: row.month,
      gridIds: row.grid_ids,
      categoryCode: row.category_code,
      source: row.source,
      lead: named(row.lead),
      coUnits: row.co_units.map(named),
      milestones: row.milestones,
      cases: cases.map((c) => ({ id: c.id, code: c.code, status: c.status, reportedAt: c.reported_at.toISOString() })),
      measure: beforeAfterMeasure(
        reports.map((r) => r.reported_at.getTime()),
        openedAtMs,
        nowMs,
        BASELINE_WEEKS,
      ),
      openedAt: row.opened_at.toISOString(),
      openedBy: row.opened_by_name,
    };
  }

  private async unitNames(manager: EntityManager, units: TaskUnit[]): Promise<Map<string, string>> {
    const ids = units.map((u) => (u.kind === 'department' ? u.departmentId : u.areaId));
    const rows = (await manager.query(`SELECT id, name FROM departments WHERE id = ANY($1::uuid[]) UNION ALL SELECT id, name FROM areas WHERE id = ANY($1::uuid[])`, [ids])) as {
      id: string;
      name: string;
    }[];
    return new Map(rows.map((r) => [r.id, r.name]));
  }
}

async function exists(manager: EntityManager, table: 'categories' | 'departments' | 'areas', column: 'code' | 'id', value: string): Promise<boolean> {
  const rows = (await manager.query(`SELECT 1 FROM ${table} WHERE ${column} = $1`, [value])) as unknown[];
  return rows.length > 0;
}
