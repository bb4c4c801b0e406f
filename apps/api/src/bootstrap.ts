import type { Server } from 'node:http';
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

/**
 * Stops taking connections and lets the requests in flight finish: the listening socket closes at once
 * (a load balancer's next attempt goes to another instance), idle keep-alive connections are closed as
 * soon as their last response is out, and whatever is still open after `graceMs` is cut.
 */
export async function drainHttp(server: Server, graceMs: number): Promise<{ forced: boolean }> {
  let forced = false;
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  const idle = setInterval(() => server.closeIdleConnections(), 50);
  const deadline = setTimeout(() => {
    forced = true;
    server.closeAllConnections();
  }, graceMs);
  try {
    await closed;
  } finally {
    clearInterval(idle);
    clearTimeout(deadline);
  }
  return { forced };
}
