import type { CategoryState } from '@grid/contracts';
import { EntityManager } from 'typeorm';

/** Who changes the list: a signed-in administrator, or the command line and the first start (no account). */
export interface ListEditor {
  id: string | null;
  username: string;
}

/** The stored columns of a version, in the order `insertVersion` binds them. */
const STATE_COLUMNS = 'name, name_en, handling_level, department_code, clock, time_limits, requires_verification, points, extra_fields';

/**
 * Version 1 of categories just inserted, as their rows stand, in effect since always (the first start's list,
 * so that the demo's history of past months was routed under it).
 */
export async function writeFirstVersions(manager: EntityManager, codes: readonly string[], by: ListEditor, reason: string): Promise<void> {
  await manager.query(
    `INSERT INTO category_versions (category_code, version, effective_from, ${STATE_COLUMNS}, kind, auto_register, auto_dispatch, auto_escalate_on_overdue, reason, created_by, created_by_name)
     SELECT code, 1, '1970-01-01T00:00:00Z', ${STATE_COLUMNS}, kind, auto_register, auto_dispatch, auto_escalate_on_overdue, $2, $3, $4 FROM categories WHERE code = ANY($1)`,
    [codes, reason, by.id, by.username],
  );
}

/**
 * Appends a version of a category inside the caller's transaction and answers its number: the next after the
 * highest so far (the category's row is locked, so two edits at once number theirs one after the other).
 * Without `effectiveFrom` it takes effect at the transaction's start. The `categories` row moves to the version
 * in effect at once; a scheduled one is applied there when it comes due (CategoryCatalog). The routing flags
 * (kind, auto-register…) carry over from the version before.
 */
export async function insertVersion(manager: EntityManager, code: string, state: CategoryState, effectiveFrom: string | null, by: ListEditor, reason: string): Promise<{ version: number; effectiveFrom: string }> {
  await manager.query(`SELECT 1 FROM categories WHERE code = $1 FOR UPDATE`, [code]);
  const [row] = (await manager.query(
    `WITH last AS (SELECT * FROM category_versions WHERE category_code = $1 ORDER BY version DESC LIMIT 1)
     INSERT INTO category_versions (category_code, version, effective_from, ${STATE_COLUMNS}, kind, auto_register, auto_dispatch, auto_escalate_on_overdue, reason, created_by, created_by_name)
     SELECT $1, coalesce((SELECT version FROM last), 0) + 1, coalesce($2::timestamptz, now()), $3, $4, $5, $6, $7, $8::jsonb, $9, $10, $11::jsonb,
       (SELECT kind FROM last), (SELECT auto_register FROM last), (SELECT auto_dispatch FROM last), (SELECT auto_escalate_on_overdue FROM last), $12, $13, $14
     RETURNING version, effective_from`,
    [
      code, effectiveFrom, state.name, state.nameEn, state.handlingLevel, state.departmentCode, state.clock, JSON.stringify(state.timeLimits),
      state.requiresVerification, state.points, JSON.stringify(state.extraFields), reason, by.id, by.username,
    ],
  )) as { version: number; effective_from: Date }[];
  await manager.query(`SELECT apply_due_category_versions()`);
  return { version: row.version, effectiveFrom: row.effective_from.toISOString() };
}
