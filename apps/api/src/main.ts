import { createApp } from './app.factory';
import { drainHttp, onShutdownSignal, openDatabase } from './bootstrap';
import { ConfigError, loadConfig } from './config/app-config';
import { DemoLoader } from './modules/demo/demo-loader.service';
import { RealtimeGateway } from './modules/realtime/realtime.gateway';

const say = (line: string) => console.log(`[grid] ${line}`);

async function main(): Promise<void> {
  const config = loadConfig();
  const database = await openDatabase(config, say);
  try {
    const app = await createApp(config, database.url);
    onShutdownSignal(async () => {
      // Order matters: stop taking connections, send live clients elsewhere, let requests in flight
      // finish with the database still there, and only then close the database.
      say('shutting down: draining requests and live connections');
      const drained = drainHttp(app.getHttpServer(), config.shutdownGraceSeconds * 1000);
      app.get(RealtimeGateway).closeConnections();
      const { forced } = await drained;
      say(forced ? `requests still open after ${config.shutdownGraceSeconds} s were cut` : 'every request in flight finished');
      await app.close();
      await database.embedded?.stop();
    });
    await app.init();
    const demo = await app.get(DemoLoader).prepareEmptyDatabase();
    await app.listen(config.port, config.host);
    const url = `http://localhost:${config.port}/`;
    say(`ready: ${url}  (API ${url}api, docs ${url}api/docs, Open311 ${url}open311/v2/)`);
    if (database.embedded) say(`database: embedded PostgreSQL, data in ${database.embedded.clusterDir}`);
    if (demo.loaded) say(`demo territory created: ${demo.areas} areas, ${demo.users} accounts, ${demo.cases} cases of history`);
    if (config.loadDemo !== 'never') {
      const password = config.demoPassword === 'demo1234' ? 'demo1234' : 'the DEMO_PASSWORD';
      say(`demo logins (password ${password}): admin, operator, assessor, zone01…zone10, village001…, leader001…, grid001… (grid001b… in every tenth village), police001…, legal001…, manager001…, dept_zhzf…`);
      say('demo Open311 API key: demo-open311-key');
    }
  } catch (error) {
    await database.embedded?.stop().catch(() => undefined);
    throw error;
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
