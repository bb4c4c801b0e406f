import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** Arbitrary constant shared by every instance: one of them migrates while the others wait. */
export const MIGRATION_LOCK_KEY = 7_261_123;
const LOCK_POLL_MS = 200;

/**
 * Runs pending migrations at boot inside a Postgres advisory lock, so that several API instances
 * starting together never race (immich does the same).
 */
@Injectable()
export class MigrationRunner implements OnModuleInit {
  private readonly logger = new Logger(MigrationRunner.name);

  constructor(private readonly dataSource: DataSource) {}

  async onModuleInit(): Promise<void> {
    await withAdvisoryLock(this.dataSource, MIGRATION_LOCK_KEY, async () => {
      const applied = await this.dataSource.runMigrations({ transaction: 'each' });
      if (applied.length) this.logger.log(`applied migrations: ${applied.map((m) => m.name).join(', ')}`);
    });
  }
}

/**
 * Holds a session-level advisory lock on one dedicated connection while `work` runs. The lock is polled rather than
 * waited for: a backend blocked in pg_advisory_lock holds a snapshot, and CREATE INDEX CONCURRENTLY in the holder's
 * migration waits for every older snapshot, so two instances starting together would deadlock (ADR 0022).
 */
export async function withAdvisoryLock<T>(dataSource: DataSource, key: number, work: () => Promise<T>): Promise<T> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    for (;;) {
      const [{ locked }] = (await runner.query('SELECT pg_try_advisory_lock($1) AS locked', [key])) as { locked: boolean }[];
      if (locked) break;
      await new Promise((resolve) => setTimeout(resolve, LOCK_POLL_MS));
    }
    return await work();
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [key]).catch(() => undefined);
    await runner.release();
  }
}
