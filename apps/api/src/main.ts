import { createApp } from './app.factory';
import { onShutdownSignal, openDatabase } from './bootstrap';
import { ConfigError, loadConfig } from './config/app-config';
import { DemoLoader } from './modules/demo/demo-loader.service';

const say = (line: string) => console.log(`[grid] ${line}`);

async function main(): Promise<void> {
  const config = loadConfig();
  const database = await openDatabase(config, say);
  try {
    const app = await createApp(config, database.url);
    onShutdownSignal(async () => {
      say('shutting down');
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
      say(`demo logins (password ${password}): admin, operator, assessor, zone01…zone10, village001…, leader001…, grid001…, dept_zhzf…`);
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
