import type { DataSource, EntityManager } from 'typeorm';

/**
 * Runs `work` in the caller's transaction when given one (the demo loader imports a whole district in one), else in
 * a transaction of its own: an import's apply is all or nothing either way.
 */
export function inOuterOrOwnTransaction<T>(dataSource: DataSource, outer: EntityManager | undefined, work: (manager: EntityManager) => Promise<T>): Promise<T> {
  return outer ? work(outer) : dataSource.transaction(work);
}
