import * as fs from 'node:fs';
import { Client } from 'pg';
import { testDatabaseSlot } from './global-setup';

export default async function globalTeardown(): Promise<void> {
  const state = testDatabaseSlot.__gridTestDatabase;
  if (!state) return;
  if (state.embedded) {
    await state.embedded.stop();
    fs.rmSync(state.embedded.clusterDir, { recursive: true, force: true });
  } else {
    const client = new Client({ connectionString: state.serverUrl });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS ${state.database} WITH (FORCE)`);
    await client.end();
  }
  fs.rmSync(state.dataDir, { recursive: true, force: true });
}
