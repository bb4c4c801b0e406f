import type { AppConfig } from './config/app-config';
import { EmbeddedPostgres, ensureDatabase, startEmbeddedPostgres } from '@grid/embedded-postgres';

export interface Database {
  url: string;
  embedded: EmbeddedPostgres | null;
}

/** DATABASE_URL when set; otherwise the embedded PostgreSQL in the data folder, database `grid`. */
export async function openDatabase(config: AppConfig, log: (line: string) => void): Promise<Database> {
  if (config.databaseUrl) return { url: config.databaseUrl, embedded: null };
  const embedded = await startEmbeddedPostgres({ dataDir: config.dataDir, log });
  try {
    return { url: await ensureDatabase(embedded.url, 'grid'), embedded };
  } catch (error) {
    await embedded.stop();
    throw error;
  }
}

/** Runs `stop` once on the first SIGINT or SIGTERM, then exits. */
export function onShutdownSignal(stop: () => Promise<void>): void {
  let stopping = false;
  const handler = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    stop()
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        console.error(`error while stopping after ${signal}:`, error);
        process.exit(1);
      });
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
}
