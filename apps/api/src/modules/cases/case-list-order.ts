import type { CASE_SORTS } from '@grid/contracts';
import { invalid } from '../../common/app-error';
import { CASE_URGENCY } from '../../database/migrations/1763914000000-desk-at-scale';

type CaseSort = (typeof CASE_SORTS)[number];

/**
 * The order of a sort of `GET /api/cases` over `cases` aliased `c`: its keys, all in one direction, the last one
 * unique, so that a page can start after any case (keyset paging) and each sort has an index in exactly this order
 * (migration 1763914000000, ADR 0022). Nullable times sort last both ways through coalesce with ±infinity; priority
 * is most urgent first, then newest, as the web desk orders it.
 */
export interface CaseOrder {
  keys: readonly { sql: string; type: 'timestamptz' | 'int' | 'text' | 'uuid' }[];
  direction: 'ASC' | 'DESC';
}

const ID = { sql: 'c.id', type: 'uuid' } as const;
const REPORTED = { sql: 'c.reported_at', type: 'timestamptz' } as const;
const nullsLast = (column: string, direction: 'ASC' | 'DESC') =>
  ({ sql: `coalesce(${column}, '${direction === 'ASC' ? 'infinity' : '-infinity'}'::timestamptz)`, type: 'timestamptz' }) as const;

export const CASE_ORDERS: Record<CaseSort, CaseOrder> = {
  reportedAt: { keys: [REPORTED, ID], direction: 'ASC' },
  '-reportedAt': { keys: [REPORTED, ID], direction: 'DESC' },
  handleDueAt: { keys: [nullsLast('c.handle_due_at', 'ASC'), ID], direction: 'ASC' },
  '-handleDueAt': { keys: [nullsLast('c.handle_due_at', 'DESC'), ID], direction: 'DESC' },
  closedAt: { keys: [nullsLast('c.closed_at', 'ASC'), ID], direction: 'ASC' },
  '-closedAt': { keys: [nullsLast('c.closed_at', 'DESC'), ID], direction: 'DESC' },
  priority: { keys: [{ sql: CASE_URGENCY, type: 'int' }, REPORTED, ID], direction: 'DESC' },
  // Codes are unique.
  code: { keys: [{ sql: 'c.code', type: 'text' }], direction: 'ASC' },
};

/** A position in a sort: the sort's name and the key values (as PostgreSQL prints them) of the last case of a page. */
export function encodeCursor(sort: CaseSort, values: readonly string[]): string {
  return Buffer.from(JSON.stringify([sort, ...values]), 'utf8').toString('base64url');
}

/** The key values a cursor holds for this sort; a cursor of another sort or not of ours is refused (400 on `cursor`). */
export function decodeCursor(sort: CaseSort, cursor: string): string[] {
  const refuse = () => invalid('the cursor is not one of this list', { cursor: 'a nextCursor from a previous page with the same sort' });
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw refuse();
  }
  const order = CASE_ORDERS[sort];
  if (!Array.isArray(parsed) || parsed[0] !== sort || parsed.length !== order.keys.length + 1 || !parsed.slice(1).every((v) => typeof v === 'string' && v.length <= 100)) throw refuse();
  const values = parsed.slice(1) as string[];
  if (order.keys.some((k, i) => !valid(k.type, values[i]))) throw refuse();
  return values;
}

function valid(type: CaseOrder['keys'][number]['type'], value: string): boolean {
  switch (type) {
    case 'uuid':
      return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
    case 'int':
      return /^-?\d{1,9}$/.test(value);
    case 'timestamptz':
      // As PostgreSQL prints a timestamptz (any session time zone), or ±infinity.
      return value === 'infinity' || value === '-infinity' || /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d{1,6})?[+-]\d\d(:\d\d){0,2}$/.test(value);
    case 'text':
      return true;
  }
}

/**
 * The condition "after the cursor" in the sort's direction: one row comparison over the index's columns, so that
 * the index scan starts there rather than filtering up to it.
 */
export function afterCursor(order: CaseOrder, values: readonly string[]): { sql: string; params: Record<string, string> } {
  const left = order.keys.map((k) => k.sql).join(', ');
  const right = order.keys.map((k, i) => `CAST(:cursor${i} AS ${k.type})`).join(', ');
  const params = Object.fromEntries(values.map((v, i) => [`cursor${i}`, v]));
  return { sql: `(${left}) ${order.direction === 'ASC' ? '>' : '<'} (${right})`, params };
}
