import type { Pool, QueryResultRow } from 'pg';
import type { DataSource, EntityManager } from 'typeorm';

/**
 * TypeORM's own pg pool, for the few hot statements that run as named (prepared) statements: PostgreSQL
 * parses and plans them once per connection instead of on every call.
 */
export function pgPoolOf(dataSource: DataSource): Pool {
  const pool = (dataSource.driver as unknown as { master?: Pool }).master;
  if (!pool) throw new Error('the database pool is not open');
  return pool;
}

/** Runs one statement: prepared on the pool, or plain inside a caller's transaction. */
export type Statement = <R extends QueryResultRow>(name: string, text: string, values: unknown[]) => Promise<R[]>;

export function onPool(pool: Pool): Statement {
  return async <R extends QueryResultRow>(name: string, text: string, values: unknown[]) => (await pool.query<R>({ name, text, values })).rows;
}

export function inTransaction(manager: EntityManager): Statement {
  return async <R extends QueryResultRow>(_name: string, text: string, values: unknown[]) => (await manager.query(text, values)) as R[];
}
