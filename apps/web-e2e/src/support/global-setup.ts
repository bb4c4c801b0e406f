import './register-paths';
import { findChromium, INSTALL_HINT } from '@grid/headless-chromium';
import { startTestServer, type TestServer } from './test-server';

/** Kept on globalThis, which jest shares between globalSetup and globalTeardown. */
export const serverSlot = globalThis as { __gridWebE2eServer?: TestServer };

/** Finds Chromium and starts the server; test workers inherit what is put in process.env here. */
export default async function globalSetup(): Promise<void> {
  const chromium = findChromium();
  if (!chromium) {
    if (process.env['REQUIRE_BROWSER'] === '1') throw new Error(`REQUIRE_BROWSER=1 but no Chromium was found.\n${INSTALL_HINT}`);
    console.warn(`\n[web-e2e] ${INSTALL_HINT}\n`);
    process.env['WEB_E2E_SKIP'] = '1';
    return;
  }
  const server = await startTestServer();
  serverSlot.__gridWebE2eServer = server;
  process.env['WEB_E2E_BASE_URL'] = server.baseUrl;
  process.env['WEB_E2E_WEB_DIST'] = server.webDist;
  process.env['WEB_E2E_CHROMIUM'] = chromium;
  const database = server.externalDatabase ? `database ${server.externalDatabase.name} on DATABASE_URL's server` : 'embedded PostgreSQL';
  console.log(`\n[web-e2e] API and web app on ${server.baseUrl} (${database}), Chromium ${chromium}`);
}
