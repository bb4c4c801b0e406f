import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { HOTLINE_DEFAULT_CATEGORY, type CategoryMappingDto } from '@grid/contracts';
import { mapHotlineCategory, normalizeHotlineCategory } from '@grid/domain';
import { DataSource } from 'typeorm';
import { invalid } from '../../common/app-error';
import type { AuthUser } from '../auth/auth-user';
import { AuditLog } from '../audit/audit-log.service';

/** How long an instance keeps the mapping in memory: an edit on another instance applies within this. */
const CACHE_MS = 5_000;

interface Loaded {
  mappings: Map<string, string>;
  /** Active categories a case may be opened in. */
  active: Set<string>;
  /** The first active, non-sensitive leaf: the default when `*` is missing or points nowhere. */
  fallback: string | null;
  until: number;
}

/** The hotline's category names → our category codes: data an admin edits, not code (DESIGN §1, 权责清单). */
@Injectable()
export class HotlineCategoryMappings {
  private loaded: Promise<Loaded> | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditLog,
  ) {}

  /** Our category for the hotline's text; `unmapped` tells the desk the default was used. */
  async resolve(hotlineCategory: string): Promise<{ categoryCode: string; unmapped: boolean }> {
    const { mappings, active, fallback } = await this.load();
    const usable = new Map([...mappings].filter(([, code]) => active.has(code)));
    const mapped = mapHotlineCategory(hotlineCategory, usable, HOTLINE_DEFAULT_CATEGORY);
    const categoryCode = mapped.categoryCode ?? fallback;
    if (!categoryCode) throw invalid('no category is active to open the case in', { category: 'no active category' });
    return { categoryCode, unmapped: mapped.unmapped };
  }

  async list(): Promise<CategoryMappingDto[]> {
    const rows = (await this.dataSource.query(`SELECT hotline_category, category_code, updated_at FROM hotline_category_mappings ORDER BY hotline_category`)) as {
      hotline_category: string;
      category_code: string;
      updated_at: Date;
    }[];
    return rows.map((r) => ({ hotlineCategory: r.hotline_category, categoryCode: r.category_code, updatedAt: r.updated_at.toISOString() }));
  }

  async put(user: AuthUser, hotlineCategory: string, categoryCode: string): Promise<CategoryMappingDto> {
    const key = normalizeHotlineCategory(hotlineCategory);
    if (!key || key.length > 128) throw invalid('the hotline category is 1–128 characters', { hotlineCategory: '1–128 characters' });
    const known = (await this.dataSource.query(`SELECT 1 FROM categories WHERE code = $1 AND active`, [categoryCode])) as unknown[];
    if (!known.length) throw invalid(`unknown category ${categoryCode}`, { categoryCode: 'unknown or inactive category' });
    await this.dataSource.query(
      `INSERT INTO hotline_category_mappings (hotline_category, category_code, updated_by) VALUES ($1, $2, $3)
       ON CONFLICT (hotline_category) DO UPDATE SET category_code = EXCLUDED.category_code, updated_by = EXCLUDED.updated_by, updated_at = now()`,
      [key, categoryCode, user.id],
    );
    await this.audit.record({ action: 'hotline_mapping_changed', actorId: user.id, username: user.username, detail: { hotlineCategory: key, categoryCode } });
    this.loaded = null;
    return (await this.list()).find((m) => m.hotlineCategory === key) as CategoryMappingDto;
  }

  /** Idempotent: removing a mapping that is not there changes nothing and is not an error. */
  async remove(user: AuthUser, hotlineCategory: string): Promise<void> {
    const key = normalizeHotlineCategory(hotlineCategory);
    const [, count] = (await this.dataSource.query(`DELETE FROM hotline_category_mappings WHERE hotline_category = $1`, [key])) as [unknown, number];
    if (!count) return;
    await this.audit.record({ action: 'hotline_mapping_changed', actorId: user.id, username: user.username, detail: { hotlineCategory: key, categoryCode: null } });
    this.loaded = null;
  }

  private async load(): Promise<Loaded> {
    const current = this.loaded ? await this.loaded : null;
    if (current && current.until > Date.now()) return current;
    this.loaded = (async () => {
      const [mappings, categories] = await Promise.all([
        this.dataSource.query(`SELECT hotline_category, category_code FROM hotline_category_mappings`) as Promise<{ hotline_category: string; category_code: string }[]>,
        this.dataSource.query(`SELECT code, parent_code, sensitive FROM categories WHERE active ORDER BY sort_order, code`) as Promise<{ code: string; parent_code: string | null; sensitive: boolean }[]>,
      ]);
      return {
        mappings: new Map(mappings.map((m) => [normalizeHotlineCategory(m.hotline_category), m.category_code])),
        active: new Set(categories.map((c) => c.code)),
        fallback: categories.find((c) => c.parent_code !== null && !c.sensitive)?.code ?? null,
        until: Date.now() + CACHE_MS,
      };
    })();
    this.loaded.catch(() => (this.loaded = null));
    return this.loaded;
  }
}
