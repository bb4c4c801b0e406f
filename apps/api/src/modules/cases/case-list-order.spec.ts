import { CASE_SORTS } from '@grid/contracts';
import type { QueryRunner } from 'typeorm';
import { AppError } from '../../common/app-error';
import { DeskAtScale1763914000000 } from '../../database/migrations/1763914000000-desk-at-scale';
import { afterCursor, CASE_ORDERS, decodeCursor, encodeCursor } from './case-list-order';

const indexesOfMigration = async () => {
  const statements: string[] = [];
  await new DeskAtScale1763914000000().up({ query: async (sql: string) => (statements.push(sql), []) } as unknown as QueryRunner);
  return statements.filter((s) => s.startsWith('CREATE INDEX CONCURRENTLY'));
};

/** The columns of an order as an index spells them (no alias; one level of parentheses around an expression). */
const asIndexed = (sql: string) => (sql.startsWith('(') || !/\(/.test(sql) ? sql : `(${sql})`).replace(/\bc\./g, '');

describe('the orders of the case list', () => {
  it('has, for every sort, a whole-table index whose columns are its keys in order (scanned forwards or backwards)', async () => {
    const indexes = await indexesOfMigration();
    for (const sort of CASE_SORTS) {
      const keys = CASE_ORDERS[sort].keys.map((k) => asIndexed(k.sql)).join(', ');
      // `code` is unique: its constraint's index is the sort's.
      if (sort === 'code') continue;
      expect(indexes.some((s) => s.endsWith(`ON cases (${keys})`))).toBe(true);
    }
  });

  it.each(CASE_SORTS)('gives back the values it was given for %s, and only for that sort', (sort) => {
    const values = CASE_ORDERS[sort].keys.map((k) => ({ uuid: '0b7c5d1e-8f3a-4c2b-9d6e-1a2b3c4d5e6f', int: '2', timestamptz: '2026-12-07 08:30:00.123456+00', text: 'HK20261207-0001' })[k.type]);
    const cursor = encodeCursor(sort, values);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(sort, cursor)).toEqual(values);
    const other = CASE_SORTS.find((s) => s !== sort) ?? sort;
    expect(() => decodeCursor(other, cursor)).toThrow(AppError);
  });

  it.each([
    ['not base64 JSON', 'bm90IGpzb24'],
    ['a bad time', encodeCursor('-reportedAt', ["2026-12-07'; DROP TABLE cases; --", '0b7c5d1e-8f3a-4c2b-9d6e-1a2b3c4d5e6f'])],
    ['a bad id', encodeCursor('-reportedAt', ['2026-12-07 08:30:00+00', 'x'])],
    ['too few values', encodeCursor('-reportedAt', ['2026-12-07 08:30:00+00'])],
  ])('refuses a cursor with %s (400 on cursor)', (_, cursor) => {
    expect(() => decodeCursor('-reportedAt', cursor)).toThrow(expect.objectContaining({ code: 'invalid', fields: { cursor: expect.any(String) } }));
  });

  it('starts after the cursor with one row comparison in the direction of the sort', () => {
    expect(afterCursor(CASE_ORDERS['-reportedAt'], ['2026-12-07 08:30:00+00', 'id'])).toEqual({
      sql: '(c.reported_at, c.id) < (CAST(:cursor0 AS timestamptz), CAST(:cursor1 AS uuid))',
      params: { cursor0: '2026-12-07 08:30:00+00', cursor1: 'id' },
    });
    expect(afterCursor(CASE_ORDERS['code'], ['HK1']).sql).toBe('(c.code) > (CAST(:cursor0 AS text))');
  });
});
