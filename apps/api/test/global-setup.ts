import './register-paths';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { EmbeddedPostgres, ensureDatabase, startEmbeddedPostgres } from '@grid/embedded-postgres';

export interface TestDatabase {
  serverUrl: string;
  database: string;
  dataDir: string;
  embedded: EmbeddedPostgres | null;
}

/** Kept on globalThis, which jest shares between globalSetup and globalTeardown. */
export const testDatabaseSlot = globalThis as { __gridTestDatabase?: TestDatabase };

/** One fresh database per run, so runs never see each other's data. */
export default async function globalSetup(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'grid-api-test-'));
  fs.chmodSync(dataDir, 0o755);
  const external = process.env['DATABASE_URL'];
  const embedded = external ? null : await startEmbeddedPostgres({ dataDir });
  const serverUrl = external ?? (embedded as EmbeddedPostgres).url;
  const database = `test_${Date.now()}_${randomBytes(3).toString('hex')}`;
  const url = await ensureDatabase(serverUrl, database);
  testDatabaseSlot.__gridTestDatabase = { serverUrl, database, dataDir, embedded };
  // Workers start after globalSetup and inherit these.
  process.env['TEST_DATABASE_URL'] = url;
  process.env['TEST_DATA_DIR'] = dataDir;
  console.log(`\n[api-e2e] database ${database} on ${external ? 'DATABASE_URL' : 'embedded PostgreSQL'}`);
}
