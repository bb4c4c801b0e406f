import { Logger } from '@nestjs/common';
import { Client } from 'pg';

const RETRY_MIN_MS = 250;
const RETRY_MAX_MS = 5_000;

/**
 * LISTEN on a Postgres channel with a dedicated connection: how one instance learns that another changed
 * data it keeps in memory (boundaries, the responsibility list). When the connection drops (the database
 * restarted, a failover) it reconnects with backoff and then calls `onNotify` once, since notices sent
 * while it was away are gone. Answers the function that stops it.
 */
export async function listen(databaseUrl: string, channel: string, onNotify: () => void, logger: Logger): Promise<() => Promise<void>> {
  if (!/^[a-z_]+$/.test(channel)) throw new Error(`invalid channel ${channel}`);
  let client: Client | null = null;
  let stopped = false;
  let retry: NodeJS.Timeout | null = null;

  const connect = async (): Promise<void> => {
    const next = new Client({ connectionString: databaseUrl });
    next.on('notification', onNotify);
    next.on('error', (error) => logger.warn(`${channel} listener: ${error.message}`));
    next.on('end', () => {
      if (client === next && !stopped) reconnect(RETRY_MIN_MS);
    });
    try {
      await next.connect();
      await next.query(`LISTEN ${channel}`);
    } catch (error) {
      await next.end().catch(() => undefined);
      throw error;
    }
    client = next;
  };

  const reconnect = (delayMs: number): void => {
    client = null;
    retry = setTimeout(() => {
      retry = null;
      if (stopped) return;
      connect().then(
        () => {
          logger.log(`${channel} listener reconnected`);
          onNotify();
        },
        (error: Error) => {
          logger.warn(`${channel} listener: reconnecting failed (${error.message}); retrying`);
          reconnect(Math.min(delayMs * 2, RETRY_MAX_MS));
        },
      );
    }, delayMs);
    retry.unref();
  };

  await connect();
  return async () => {
    stopped = true;
    if (retry) clearTimeout(retry);
    await client?.end().catch(() => undefined);
  };
}
