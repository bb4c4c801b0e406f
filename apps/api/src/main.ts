import { loadConfig, ConfigError } from './config/app-config';
import { createApp } from './app.factory';
import { onShutdownSignal, openDatabase } from './bootstrap';
import { DemoLoader } from './modules/demo/demo-loader.service';

const say = (line: string) => console.log(`[grid] ${line}`);

async function main(): Promise<void> {
  const config = loadConfig();
  const database = await openDatabase(config, say);
  const app = await createApp(config, database.url).catch(async (error: unknown) => {
    await database.embedded?.stop();
    throw error;
  });
  onShutdownSignal(async () => {
    say('shutting down');
    await app.close();
    await database.embedded?.stop();
  });
  const demo = await app.get(DemoLoader).prepareEmptyDatabase();
  await app.listen(config.port, config.host);
  const url = `http://localhost:${config.port}/`;
  say(`ready: ${url}  (API ${url}api, docs ${url}api/docs)`);
  if (database.embedded) say(`database: embedded PostgreSQL, data in ${database.embedded.clusterDir}`);
  if (demo.loaded) say(`demo territory created: ${demo.areas} areas, ${demo.users} accounts`);
  if (config.loadDemo !== 'never') {
    say(`demo logins (password ${config.demoPassword === 'demo1234' ? 'demo1234' : 'from DEMO_PASSWORD'}): admin, operator, assessor, zone01…zone10, grid001…, village001…, leader001…, dept_<code>`);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
