import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { CategoryState, CategoryVersionDto, categoryListFileSchema, createCategorySchema, updateCategorySchema } from '@grid/contracts';
import { changedStateFields, mergeCategoryState, versionInEffect, versionStatusOf } from '@grid/domain';
import { DataSource, EntityManager } from 'typeorm';
import type { z } from 'zod';
import { AppError, invalid, notFound } from '../../common/app-error';
import { inOuterOrOwnTransaction } from '../../database/outer-transaction';
import { AuditLog } from '../audit/audit-log.service';
import { CategoryCatalog, type CategoryVersionRecord } from './category-catalog';
import { insertVersion, type ListEditor } from './category-version.store';

type Update = z.output<typeof updateCategorySchema>;
type Create = z.output<typeof createCategorySchema>;
type ListFile = z.output<typeof categoryListFileSchema>;

/** A minute's grace: "now" typed in a form arrives a little late. */
const PAST_TOLERANCE_MS = 60_000;

export interface ImportSummary {
  created: string[];
  changed: { code: string; version: number; fields: string[] }[];
  unchanged: number;
}

/**
 * Changes to the responsibility list (权责清单): each is a new dated version of a category with who and why,
 * written with its audit entry in one transaction; this instance re-reads the list before answering, the others
 * on the notification. Old versions are never changed: cases keep the one they were routed under.
 */
@Injectable()
export class CategoryListEditor {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly catalog: CategoryCatalog,
    private readonly audit: AuditLog,
  ) {}

  /** Every version of a category, newest first, with where each stands now. */
  history(code: string, now = new Date()): CategoryVersionDto[] {
    const category = this.catalog.history(code);
    if (!category) throw notFound('category');
    return [...category.versions].reverse().map((v) => toVersionDto(v, versionStatusOf(category.versions, v, now.toISOString())));
  }

  /** PUT /api/admin/categories/:code: a new version; fields left out keep their value in the version in effect at its date. */
  async update(by: ListEditor, code: string, body: Update): Promise<CategoryVersionDto> {
    const effectiveFrom = this.checkEffectiveFrom(body.effectiveFrom);
    const written = await this.dataSource.transaction(async (manager) => {
      const category = await this.catalogCategory(manager, code);
      const base = versionInEffect(category.versions, effectiveFrom ?? new Date().toISOString()) ?? category.versions[category.versions.length - 1];
      if (!base) throw notFound('category');
      const { reason } = body;
      const state = mergeCategoryState(stateOf(base), body);
      await this.checkState(manager, state);
      const written = await insertVersion(manager, code, state, effectiveFrom, by, reason);
      await this.audit.record({ action: 'category_changed', actorId: by.id, username: by.username, detail: { code, ...written, reason, fields: changedStateFields(stateOf(base), state) } }, manager);
      return written;
    });
    return this.answer(code, written.version);
  }

  /** POST /api/admin/categories: a new category and its version 1. */
  async create(by: ListEditor, body: Create): Promise<CategoryVersionDto> {
    const effectiveFrom = this.checkEffectiveFrom(body.effectiveFrom);
    await this.dataSource.transaction(async (manager) => {
      await this.insertCategory(manager, body);
      const state = stateOf(body);
      await this.checkState(manager, state);
      // A category made for a later date exists at once but routes nothing until then.
      await insertVersion(manager, body.code, state, effectiveFrom, by, body.reason);
      await this.audit.record({ action: 'category_created', actorId: by.id, username: by.username, detail: { code: body.code, reason: body.reason, effectiveFrom } }, manager);
    });
    return this.answer(body.code, 1);
  }

  /**
   * A whole list from a file (docs/samples/categories.json): new categories are made, each category that differs
   * gets a new version, the others are left alone; all or nothing. Answers what it did. In the caller's transaction
   * (`outer`), the catalog is re-read on the notification once it commits.
   */
  async importList(by: ListEditor, file: ListFile, outer?: EntityManager): Promise<ImportSummary> {
    const effectiveFrom = this.checkEffectiveFrom(file.effectiveFrom);
    const reason = file.reason ?? 'imported from a file';
    const summary: ImportSummary = { created: [], changed: [], unchanged: 0 };
    const seen = new Set<string>();
    for (const [i, entry] of file.categories.entries()) {
      if (seen.has(entry.code)) throw invalid(`category ${entry.code} appears twice in the file`, { [`categories.${i}.code`]: 'appears twice' });
      seen.add(entry.code);
    }
    await inOuterOrOwnTransaction(this.dataSource, outer, async (manager) => {
      await this.catalog.reload(manager);
      // Parents first: a leaf names its parent.
      const ordered = [...file.categories].sort((a, b) => Number(a.parentCode !== null) - Number(b.parentCode !== null));
      for (const [index, entry] of ordered.entries()) {
        const state = stateOf(entry);
        await this.checkState(manager, state, `categories.${file.categories.indexOf(entry)}.`);
        const existing = this.catalog.history(entry.code);
        if (!existing) {
          await this.insertCategory(manager, entry, index);
          await insertVersion(manager, entry.code, state, effectiveFrom, by, reason);
          summary.created.push(entry.code);
          continue;
        }
        const base = versionInEffect(existing.versions, effectiveFrom ?? new Date().toISOString());
        const fields = base ? changedStateFields(stateOf(base), state) : ['name'];
        if (!fields.length) {
          summary.unchanged++;
          continue;
        }
        const written = await insertVersion(manager, entry.code, state, effectiveFrom, by, reason);
        summary.changed.push({ code: entry.code, version: written.version, fields });
      }
      await this.audit.record({ action: 'categories_imported', actorId: by.id, username: by.username, detail: { reason, effectiveFrom, created: summary.created, changed: summary.changed } }, manager);
    });
    if (!outer) await this.catalog.reload();
    return summary;
  }

  private async insertCategory(manager: EntityManager, entry: Pick<Create, 'code' | 'parentCode' | 'sensitive' | 'name' | 'nameEn' | 'handlingLevel' | 'departmentCode' | 'clock' | 'timeLimits' | 'requiresVerification' | 'points' | 'extraFields'>, order?: number): Promise<void> {
    if (entry.parentCode !== null) {
      const [parent] = (await manager.query(`SELECT parent_code FROM categories WHERE code = $1`, [entry.parentCode])) as { parent_code: string | null }[];
      if (!parent) throw invalid(`no category ${entry.parentCode}`, { parentCode: 'unknown category' });
      if (parent.parent_code !== null) throw invalid('the list has two levels: a parent is a top-level category', { parentCode: 'not a top-level category' });
    }
    const inserted = (await manager.query(
      `INSERT INTO categories (code, parent_code, name, name_en, handling_level, department_code, clock, time_limits, requires_verification, points, sensitive, extra_fields, sort_order)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9, $10, $11, $12::jsonb, coalesce($13, (SELECT coalesce(max(sort_order), 0) + 1 FROM categories)))
       ON CONFLICT (code) DO NOTHING RETURNING code`,
      [
        entry.code, entry.parentCode, entry.name, entry.nameEn, entry.handlingLevel, entry.departmentCode, entry.clock, JSON.stringify(entry.timeLimits),
        entry.requiresVerification, entry.points, entry.sensitive, JSON.stringify(entry.extraFields), order ?? null,
      ],
    )) as unknown[];
    if (!inserted.length) throw new AppError('conflict', `category ${entry.code} exists`, { code: 'exists already' });
  }

  /** What the schema cannot know: the department exists. */
  private async checkState(manager: EntityManager, state: CategoryState, prefix = ''): Promise<void> {
    if (state.departmentCode === null) return;
    const [found] = (await manager.query(`SELECT 1 FROM departments WHERE code = $1`, [state.departmentCode])) as unknown[];
    if (!found) throw invalid(`no department ${state.departmentCode}`, { [`${prefix}departmentCode`]: 'unknown department (GET /api/departments)' });
  }

  private checkEffectiveFrom(effectiveFrom: string | undefined): string | null {
    if (effectiveFrom === undefined) return null;
    if (Date.parse(effectiveFrom) < Date.now() - PAST_TOLERANCE_MS) throw invalid('a version cannot take effect in the past: old cases keep their versions', { effectiveFrom: 'in the past' });
    return new Date(effectiveFrom).toISOString();
  }

  private async catalogCategory(manager: EntityManager, code: string) {
    // Read inside the transaction, after locking the row: the versions as they are, not as this instance last heard.
    await manager.query(`SELECT 1 FROM categories WHERE code = $1 FOR UPDATE`, [code]);
    await this.catalog.reload(manager);
    const category = this.catalog.history(code);
    if (!category) throw notFound('category');
    return category;
  }

  private async answer(code: string, version: number): Promise<CategoryVersionDto> {
    await this.catalog.reload();
    const found = this.history(code).find((v) => v.version === version);
    if (!found) throw new AppError('unavailable', 'the new version is not readable yet');
    return found;
  }
}

function stateOf(s: CategoryState): CategoryState {
  const { name, nameEn, handlingLevel, departmentCode, clock, timeLimits, requiresVerification, points, extraFields } = s;
  return { name, nameEn, handlingLevel, departmentCode, clock, timeLimits, requiresVerification, points, extraFields };
}

function toVersionDto(v: CategoryVersionRecord, status: CategoryVersionDto['status']): CategoryVersionDto {
  return {
    ...stateOf(v),
    code: v.code,
    version: v.version,
    effectiveFrom: v.effectiveFrom,
    status,
    reason: v.reason,
    createdAt: v.createdAt,
    createdBy: { id: v.createdById, username: v.createdByName },
  };
}
