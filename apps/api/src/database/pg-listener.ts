import { Logger } from '@nestjs/common';
import { Client } from 'pg';

/**
 * LISTEN on a Postgres channel with a dedicated connection: how one instance learns that another changed
 * data it keeps in memory (boundaries, the responsibility list). Answers the function that stops it.
 */
export async function listen(databaseUrl: string, channel: string, onNotify: () => void, logger: Logger): Promise<() => Promise<void>> {
  if (!/^[a-z_]+$/.test(channel)) throw new Error(`invalid channel ${channel}`);
  const client = new Client({ connectionString: databaseUrl });
  client.on('notification', onNotify);
  client.on('error', (error) => logger.warn(`${channel} listener: ${error.message}`));
  await client.connect();
  await client.query(`LISTEN ${channel}`);
  return () => client.end().catch(() => undefined);
}
