import { serverSlot } from './global-setup';
import { stopTestServer } from './test-server';

export default async function globalTeardown(): Promise<void> {
  const server = serverSlot.__gridWebE2eServer;
  if (server) await stopTestServer(server);
}
