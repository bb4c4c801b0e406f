import type { INestApplication } from '@nestjs/common';
import type { CreatedIntegrationClient } from '@grid/contracts';
import type { AddressInfo } from 'node:net';
import type { App } from 'supertest/types';
import { HotlineSimulator } from '@grid/integration-kit';
import { post } from './cases-helpers';
import type { TestContext } from './test-app';

/** The outbox sender looks often and retries soon in tests: the hotline's back-off is seconds, not minutes. */
export const FAST_OUTBOX = { OUTBOX_POLL_MS: '100', OUTBOX_RETRY_BASE_MS: '100', OUTBOX_RETRY_MAX_MS: '400' };

/** Listens on a free local port (supertest needs none, the simulator does) and answers the base URL. */
export async function listen(app: INestApplication<App>): Promise<string> {
  const server = app.getHttpServer() as unknown as import('node:http').Server;
  if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** A hotline client made by the admin through the API, and a simulator started as that hotline. */
export async function hotlineWithSimulator(t: TestContext, name: string, apiUrl: string): Promise<{ client: CreatedIntegrationClient; simulator: HotlineSimulator }> {
  const simulator = await new HotlineSimulator({ apiUrl, clientId: '', secret: '' }).start();
  const res = await post(t, 'admin', '/api/admin/integration-clients', { name, kind: 'hotline', callbackUrl: simulator.callbackUrl });
  if (res.status !== 201) throw new Error(`create client: ${res.status} ${JSON.stringify(res.body)}`);
  const client = res.body as CreatedIntegrationClient;
  simulator.useClient(client.id, client.secret);
  return { client, simulator };
}
