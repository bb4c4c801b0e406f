/**
 * Admin command line: `npm run cli -- <command> [options]`. Uses the same configuration as the server
 * (DATABASE_URL or the embedded PostgreSQL in DATA_DIR) and the same services.
 */
import { NestFactory } from '@nestjs/core';
import { assessmentExportQuerySchema, categoryListFileSchema, createIntegrationClientSchema, ROLES, TERRITORY_CRS, yearScheduleSchema, type ImportProblem, type Role, type TerritoryCrs } from '@grid/contracts';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DataSource } from 'typeorm';
import { openApiDocument, setRoutePrefix } from './app.factory';
import { AppModule } from './app.module';
import { AuditLog } from './modules/audit/audit-log.service';
import { onShutdownSignal, openDatabase } from './bootstrap';
import { restoreBackup, writeBackup } from './database/backup';
import { AppError } from './common/app-error';
import { ConfigError, loadConfig } from './config/app-config';
import { ZodValidationPipe } from './common/zod-validation.pipe';
import { exportTable, toCsv, toXlsx } from './modules/assessment/assessment-export';
import { AssessmentService } from './modules/assessment/assessment.service';
import type { AuthUser } from './modules/auth/auth-user';
import { parseAreaFeatureCollection } from './modules/areas/area-import';
import { WorkCalendarService } from './modules/calendar/work-calendar.service';
import { CategoriesService } from './modules/categories/categories.service';
import { CategoryListEditor } from './modules/categories/category-list-editor.service';
import { TerritoryWriter } from './modules/areas/territory-writer';
import { DemoLoader } from './modules/demo/demo-loader.service';
import { demoDistrictFileSet } from './modules/demo/demo-district-files';
import { RotaImportService } from './modules/rota/rota-import.service';
import { ApiKeyService } from './modules/open311/api-keys.service';
import { UserAdmin } from './modules/users/user-admin.service';
import { PeopleImportService } from './modules/people/people-import.service';
import { IntegrationClientService } from './modules/integrations/integration-clients.service';
import { HotlineSimulator } from '@grid/integration-kit';
import { generateTerritory } from '@grid/demo-data';
import { UsersService } from './modules/users/users.service';
import { AuthService } from './modules/auth/auth.service';
import { TerritoryImportsService } from './modules/territory/territory-imports.service';
import { DeviceImportService } from './modules/sensors/device-import.service';

const HELP = `Usage: npm run cli -- <command> [options]

Commands:
  create-user --username NAME --role ROLE [--area CODE] [--department CODE] [--name DISPLAY] [--phone PHONE]
              The password is read from the PASSWORD environment variable (never from the command line).
              Roles: ${ROLES.join(', ')}
  import-areas FILE.geojson
              A GeoJSON FeatureCollection of (Multi)Polygons whose properties give code, name, level
              (district|zone|village|grid) and parentCode. Existing codes are updated, new ones created.
  import-territory FILE [--crs wgs84|gcj02|bd09] [--check]
              A whole territory from GeoJSON, KML or a zipped Shapefile (with its .prj), checked as the
              console checks it (each problem with its area code and point); when it has no errors it
              becomes the next territory version (areas missing from the file are retired; open cases
              keep their grid). --check only lists the problems. See docs/samples/territory.geojson.
  import-people FILE.xlsx|FILE.csv [--check] [--out PASSWORDS.csv]
              People and their posts, one row per post (see README, docs/samples/people.csv); CSV in UTF-8 or
              GBK. Every problem is printed with its row and column and nothing is created; otherwise everyone is
              created in one transaction (not with --check) and the one-time passwords are written to --out
              (or printed), once: each person must change theirs at first sign-in.
  import-devices FILE.xlsx|FILE.csv [--check]
              The sensor device registry, one device per row: code, kind (a sensor rule's kind or name), lat, lng
              (WGS84), and optionally name, department_code, address (docs/samples/devices.xlsx, docs/sensors.md).
              Every problem is printed with its row and column and nothing is registered; otherwise every device
              is registered in one transaction (not with --check).
  import-calendar FILE.json
              One year's public holidays and make-up workdays, e.g. the State Council's published schedule:
              {"year": 2027, "holidays": {"2027-01-01": "元旦", …}, "makeUpWorkdays": {"2027-02-06": "春节", …}}
              (add "provisional": true for a guess). Replaces that year; open cases' due times follow.
  import-categories FILE.json [--reason TEXT] [--from ISO-TIME]
              The responsibility list as a file (format: docs/samples/categories.json, README): new categories
              are made, each one that differs gets a new version (with the reason, from now or from --from),
              the rest are left alone; all or nothing. Old cases keep their versions.
  export-categories --out FILE.json
              The list in effect now, in the same format (to edit and import again).
  import-rota FILE.xlsx
              The duty rota from a workbook (template: GET /api/admin/rota/template; sample docs/samples/rota.xlsx):
              one shift per row (a date, or weekdays for a weekly pattern), grid or department code, username,
              start, end, substitute. Every row is checked; with any problem nothing is applied (exit 1).
  load-demo [--seed N] [--grids N]
              Load the demo territory and accounts into an empty database (--grids 10000 for benchmarks).
  export-demo-samples DIR [--seed N] [--grids N]
              Write the demo district's four files to DIR — territory.geojson, people.csv, rota.xlsx,
              categories.json — as the demo loads them (through the same imports); import them in the
              console or with the commands above to replay the demo. Needs no database.
  backup --out FILE
              Write a consistent snapshot of the whole database to FILE (gzipped JSON lines), while the
              server keeps running. Uploaded photos live in DATA_DIR/uploads: copy that folder too.
  restore --from FILE
              Load a backup into an empty database (a fresh DATA_DIR or DATABASE_URL) of the same release;
              refused when the database already holds areas or cases. Then start the server on it.
  create-api-key --name CLIENT
              Issue an Open311 API key for a client app; the key is printed once (only its hash is kept).
  list-api-keys
              The Open311 API keys: name, created, last used, revoked.
  revoke-api-key --name CLIENT
              Revoke the client's live key at once.
  openapi --out FILE
              Write the OpenAPI document of /api/docs to FILE, without a database (the routes' metadata only).
  unlock-user --username NAME
              Lift every lock of the account's failed sign-ins, from every address (audited).
  export-assessment --level LEVEL --from YYYY-MM-DD --to YYYY-MM-DD [--format csv|xlsx] [--lang zh-CN|en] [--version N] --out FILE
              The assessment of a period for the whole territory (worker|grid|village|zone|department), as the API exports it.
  create-integration-client --name NAME --kind hotline|sensor [--callback-url URL]
              A system that talks to ours with signed requests (a 12345 hotline, a sensor platform); its id
              and secret are printed once (the secret is kept encrypted with a key derived from JWT_SECRET).
  hotline-sim --client-id ID --secret SECRET [--api URL] [--port N] [--push N] [--mode ok|fail]
              A 12345 hotline simulator: listens for status events on http://127.0.0.1:PORT/status (set
              that as the client's callback URL), prints each one, and pushes N signed work orders to the
              API (default http://127.0.0.1:3000). Runs until Ctrl-C. Needs no database.
  help        This text.

Configuration comes from the environment, as for the server (see README).`;

type Options = Record<string, string>;

function parseArgs(argv: string[]): { command: string; positional: string[]; options: Options } {
  const [command = 'help', ...rest] = argv;
  const positional: string[] = [];
  const options: Options = {};
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (arg.startsWith('--')) {
      const [key, inline] = arg.slice(2).split('=', 2);
      options[key] = inline ?? rest[++i] ?? '';
    } else positional.push(arg);
  }
  return { command, positional, options };
}

function required(options: Options, key: string): string {
  const value = options[key];
  if (!value) throw new AppError('invalid', `--${key} is required`);
  return value;
}

/** The document /api/docs serves, from Nest's preview mode: modules resolved, no provider started, no database. */
/** Prints a checked import's problems, by row and column; true when it is not valid (nothing was imported). */
function refusedImport(checked: { status: string; encoding: string; problems: readonly ImportProblem[] }, file: string): boolean {
  if (checked.status === 'valid') return false;
  for (const p of checked.problems) console.error(`row ${p.row}${p.column ? `, ${p.column}` : ''}: ${p.message}`);
  console.error(`${checked.problems.length} problem(s) in ${file} (read as ${checked.encoding}): nothing imported`);
  return true;
}

async function writeOpenApi(out: string): Promise<number> {
  const config = loadConfig({ NODE_ENV: 'test', JWT_SECRET: 'x'.repeat(32), LOAD_DEMO: 'never' });
  const app = await NestFactory.create(AppModule.forRoot(config, 'postgres://unused'), { preview: true, logger: ['error'] });
  setRoutePrefix(app);
  fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
  fs.writeFileSync(out, `${JSON.stringify(openApiDocument(app), null, 2)}\n`);
  await app.close();
  return 0;
}

/** The demo district's four files, as the demo loader imports them (ADR 0016), without a database. */
async function exportDemoSamples(dir: string | undefined, options: Options): Promise<number> {
  if (!dir) throw new AppError('invalid', 'export-demo-samples needs a folder to write to');
  const env = process.env;
  const config = loadConfig({ NODE_ENV: 'test', JWT_SECRET: 'x'.repeat(32), LOAD_DEMO: 'never', DEMO_SEED: options['seed'] ?? env['DEMO_SEED'], DEMO_GRIDS: options['grids'] ?? env['DEMO_GRIDS'] });
  const files = await demoDistrictFileSet(generateTerritory({ seed: config.demoSeed, gridCount: config.demoGrids }), config.demoSeed);
  fs.mkdirSync(dir, { recursive: true });
  for (const file of [files.territory, files.people, files.rota, files.categories]) {
    fs.writeFileSync(path.join(dir, file.name), file.bytes);
    console.log(`${path.join(dir, file.name)} (${file.bytes.length} bytes)`);
  }
  console.log(`import them in this order: import-territory, import-people, import-rota, import-categories (the demo gives its accounts the demo password; an import gives one-time passwords)`);
  return 0;
}

async function main(): Promise<number> {
  const { command, positional, options } = parseArgs(process.argv.slice(2));
  if (command === 'help' || command === '--help') {
    console.log(HELP);
    return 0;
  }
  if (command === 'hotline-sim') return runHotlineSimulator(options);
  if (command === 'openapi') return writeOpenApi(required(options, 'out'));
  if (command === 'export-demo-samples') return exportDemoSamples(positional[0], options);
  if (!['create-integration-client', 'create-user', 'import-areas', 'import-territory', 'import-people', 'import-devices', 'import-calendar', 'import-rota', 'import-categories', 'export-categories', 'load-demo', 'backup', 'restore', 'create-api-key', 'list-api-keys', 'revoke-api-key', 'unlock-user', 'export-assessment'].includes(command)) {
    console.error(`unknown command "${command}"\n\n${HELP}`);
    return 2;
  }
  const config = { ...loadConfig(), logLevel: 'warn' as const, loadDemo: 'never' as const };
  const database = await openDatabase(config, (line) => console.error(line));
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config, database.url), { logger: ['error', 'warn'] });
  const stop = async () => {
    await app.close();
    await database.embedded?.stop();
  };
  onShutdownSignal(stop);
  try {
    await app.init();
    switch (command) {
      case 'create-user': {
        const password = process.env['PASSWORD'] ?? '';
        const role = required(options, 'role');
        if (!ROLES.includes(role as Role)) throw new AppError('invalid', `--role must be one of ${ROLES.join(', ')}`);
        const user = await app.get(UserAdmin).create({
          username: required(options, 'username'),
          password,
          role: role as Role,
          areaCode: options['area'] ?? null,
          departmentCode: options['department'] ?? null,
          displayName: options['name'] ?? options['username'],
          phone: options['phone'] ?? null,
        });
        await app.get(AuditLog).record({ action: 'user_created', actorId: user.id, username: user.username, detail: { role: user.role, by: 'cli' } });
        console.log(`created user ${user.username} (${user.role}) id ${user.id}`);
        break;
      }
      case 'import-areas': {
        const file = positional[0];
        if (!file) throw new AppError('invalid', 'import-areas needs a GeoJSON file');
        const records = parseAreaFeatureCollection(JSON.parse(fs.readFileSync(file, 'utf8')));
        const result = await app.get(DataSource).transaction((manager) => app.get(TerritoryWriter).write(manager, records));
        await app.get(AuditLog).record({ action: 'areas_imported', detail: { file, ...result, by: 'cli' } });
        console.log(`imported ${records.length} areas: ${result.created} created, ${result.updated} updated`);
        break;
      }
      case 'import-people': {
        const file = positional[0];
        if (!file) throw new AppError('invalid', 'import-people needs an .xlsx or .csv file');
        const actor = { id: null, username: 'cli' };
        const imports = app.get(PeopleImportService);
        const checked = await imports.check(actor, { originalname: path.basename(file), buffer: fs.readFileSync(file) });
        if (refusedImport(checked, file)) return 1;
        if (options['check'] !== undefined) {
          console.log(`${file} is valid (read as ${checked.encoding}): ${checked.summary.people} people, ${checked.summary.posts} posts`);
          break;
        }
        const applied = await imports.apply(actor, checked.id);
        const table = [['username', 'name', 'one-time password'], ...applied.oneTimePasswords.map((p) => [p.username, p.displayName, p.password])];
        if (options['out']) fs.writeFileSync(options['out'], toCsv(table), { mode: 0o600 });
        else console.log(table.map((row) => row.join('\t')).join('\n'));
        console.error(`imported ${applied.created} people${options['out'] ? `; one-time passwords in ${options['out']}` : ''}`);
        break;
      }
      case 'import-devices': {
        const file = positional[0];
        if (!file) throw new AppError('invalid', 'import-devices needs an .xlsx or .csv file');
        const actor = { id: null, username: 'cli' };
        const imports = app.get(DeviceImportService);
        const checked = await imports.check(actor, { originalname: path.basename(file), buffer: fs.readFileSync(file) });
        if (refusedImport(checked, file)) return 1;
        if (options['check'] !== undefined) {
          console.log(`${file} is valid (read as ${checked.encoding}): ${checked.summary.devices} devices`);
          break;
        }
        const applied = await imports.apply(actor, checked.id);
        console.log(`registered ${applied.created} devices`);
        break;
      }
      case 'import-territory': {
        const file = positional[0];
        if (!file) throw new AppError('invalid', 'import-territory needs a GeoJSON, KML or zipped Shapefile');
        const crs = (options['crs'] ?? 'wgs84') as TerritoryCrs;
        if (!TERRITORY_CRS.includes(crs)) throw new AppError('invalid', `--crs must be one of ${TERRITORY_CRS.join(', ')}`);
        const actor = { id: null, username: 'cli' };
        const imports = app.get(TerritoryImportsService);
        const checked = await imports.create(actor, { bytes: new Uint8Array(fs.readFileSync(file)), name: file.split('/').pop() ?? file }, crs, undefined);
        const { summary } = checked;
        console.log(`${summary.fileName}: ${summary.format}, ${summary.sourceCrs}; ${Object.entries(summary.levels).map(([level, n]) => `${n} ${level}`).join(', ')}; ${summary.errors} errors, ${summary.warnings} warnings`);
        for (const p of checked.problems) console.log(`  ${p.severity.padEnd(7)} ${p.code.padEnd(24)} ${p.message}${p.at ? ` (${p.at.lat.toFixed(6)}, ${p.at.lng.toFixed(6)})` : ''}`);
        if (checked.status !== 'valid') {
          console.error('not applied: correct the errors and import again');
          return 1;
        }
        if (options['check'] !== undefined) break;
        const applied = await imports.apply(actor, checked.id);
        console.log(`territory version ${applied.version}: ${applied.created} created, ${applied.updated} updated, ${applied.retired} retired`);
        break;
      }
      case 'import-calendar': {
        const file = positional[0];
        if (!file) throw new AppError('invalid', 'import-calendar needs a JSON file');
        const parsed = yearScheduleSchema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
        if (!parsed.success) throw new AppError('invalid', `${file} is not a year schedule`, Object.fromEntries(parsed.error.issues.map((i) => [i.path.join('.') || '(file)', i.message])));
        const calendar = await app.get(WorkCalendarService).putYear({ id: null, username: 'cli' }, parsed.data);
        const state = calendar.years.find((y) => y.year === parsed.data.year)?.provisional ? 'provisional' : 'official';
        console.log(`calendar ${parsed.data.year} (${state}): ${Object.keys(parsed.data.holidays).length} holidays, ${Object.keys(parsed.data.makeUpWorkdays).length} make-up workdays`);
        break;
      }
      case 'import-categories': {
        const file = positional[0];
        if (!file) throw new AppError('invalid', 'import-categories needs a JSON file');
        const content = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
        const list = new ZodValidationPipe(categoryListFileSchema).transform({ ...content, ...(options['reason'] ? { reason: options['reason'] } : {}), ...(options['from'] ? { effectiveFrom: options['from'] } : {}) });
        const result = await app.get(CategoryListEditor).importList({ id: null, username: 'cli' }, list);
        console.log(`${list.categories.length} categories: ${result.created.length} created, ${result.changed.length} changed, ${result.unchanged} unchanged`);
        for (const c of result.changed) console.log(`  ${c.code} → version ${c.version} (${c.fields.join(', ')})`);
        break;
      }
      case 'export-categories': {
        const out = required(options, 'out');
        const categories = app.get(CategoriesService).list().map(({ code, parentCode, name, nameEn, sensitive, handlingLevel, departmentCode, clock, timeLimits, requiresVerification, points, extraFields }) => ({
          code, parentCode, name, nameEn, sensitive, handlingLevel, departmentCode, clock, timeLimits, requiresVerification, points, extraFields: extraFields ?? [],
        }));
        fs.writeFileSync(out, `${JSON.stringify({ categories }, null, 2)}\n`);
        console.log(`wrote ${categories.length} categories to ${out}`);
        break;
      }
      case 'import-rota': {
        const file = positional[0];
        if (!file) throw new AppError('invalid', 'import-rota needs an .xlsx file');
        const imports = app.get(RotaImportService);
        const importer = { id: null, username: 'cli', zoneId: null };
        const checked = await imports.check(importer, path.basename(file), fs.readFileSync(file));
        if (checked.status !== 'valid') {
          for (const p of checked.problems) console.error(`row ${p.row}${p.column ? ` (${p.column})` : ''}: ${p.message}`);
          console.error(`${checked.problems.length} problem(s) in ${file}: nothing imported`);
          return 1;
        }
        const { summary } = await imports.apply(importer, checked.id);
        console.log(`rota imported from ${file}: ${summary.shifts} shifts, ${summary.patterns} weekly patterns, ${summary.leaves} substitutes`);
        break;
      }
      case 'load-demo': {
        const result = await app.get(DemoLoader).load({
          seed: options['seed'] ? Number(options['seed']) : undefined,
          gridCount: options['grids'] ? Number(options['grids']) : undefined,
        });
        if (result.loaded) await app.get(AuditLog).record({ action: 'demo_loaded', detail: { ...result, by: 'cli' } });
        console.log(result.loaded ? `demo loaded: ${result.areas} areas, ${result.users} accounts, ${result.cases} cases` : 'the database already has a territory; nothing loaded');
        break;
      }
      case 'backup': {
        const out = required(options, 'out');
        const result = await writeBackup(database.url, out);
        await app.get(AuditLog).record({ action: 'backup_written', detail: { file: out, ...result, by: 'cli' } });
        console.log(`backup written to ${out}: ${result.tables} tables, ${result.rows} rows, ${result.cases} cases`);
        break;
      }
      case 'restore': {
        const from = required(options, 'from');
        const result = await restoreBackup(database.url, from);
        await app.get(AuditLog).record({ action: 'backup_restored', detail: { file: from, ...result, by: 'cli' } });
        console.log(`restored from ${from}: ${result.tables} tables, ${result.rows} rows, ${result.cases} cases`);
        break;
      }
      case 'create-api-key': {
        const { info, key } = await app.get(ApiKeyService).create(required(options, 'name'));
        await app.get(AuditLog).record({ action: 'api_key_created', detail: { name: info.name, by: 'cli' } });
        console.log(`created API key ${info.name}; give it to the client now, it is not shown again:\n${key}`);
        break;
      }
      case 'list-api-keys': {
        const keys = await app.get(ApiKeyService).list();
        if (!keys.length) console.log('no API keys');
        for (const k of keys) {
          const state = k.revokedAt ? `revoked ${k.revokedAt.toISOString()}` : 'live';
          console.log(`${k.name}\t${state}\tcreated ${k.createdAt.toISOString()}\tlast used ${k.lastUsedAt?.toISOString() ?? 'never'}`);
        }
        break;
      }
      case 'revoke-api-key': {
        const info = await app.get(ApiKeyService).revoke(required(options, 'name'));
        await app.get(AuditLog).record({ action: 'api_key_revoked', detail: { name: info.name, by: 'cli' } });
        console.log(`revoked API key ${info.name}`);
        break;
      }
      case 'create-integration-client': {
        const kind = required(options, 'kind');
        const created = await app.get(IntegrationClientService).create(
          new ZodValidationPipe(createIntegrationClientSchema).transform({ name: options['name'], kind, callbackUrl: options['callback-url'] }),
        );
        await app.get(AuditLog).record({ action: 'integration_client_created', detail: { id: created.id, name: created.name, kind: created.kind, by: 'cli' } });
        console.log(`created ${created.kind} client ${created.name}; give it these now, the secret is not shown again:\nid:     ${created.id}\nsecret: ${created.secret}`);
        break;
      }
      case 'unlock-user': {
        const username = required(options, 'username');
        const user = await app.get(UsersService).findByUsername(username);
        if (!user) throw new AppError('not_found', `no user named ${username}`);
        const result = await app.get(AuthService).unlock({ id: null, username: 'cli' }, user.id, null);
        console.log(`unlocked ${result.username} (locked from ${result.unlocked} address${result.unlocked === 1 ? '' : 'es'})`);
        break;
      }
      case 'export-assessment': {
        const query = new ZodValidationPipe(assessmentExportQuerySchema).transform({ format: 'csv', ...options, out: undefined });
        const out = required(options, 'out');
        // The command line acts for the assessment office: the whole territory.
        const office: AuthUser = { id: '00000000-0000-0000-0000-000000000000', username: 'cli', role: 'assessor', areaId: null, departmentId: null, displayName: 'cli', areaPath: [], areaLevel: null };
        const result = await app.get(AssessmentService).assess(office, query);
        const table = exportTable(result, query.lang);
        fs.writeFileSync(out, query.format === 'csv' ? toCsv(table) : await toXlsx(table, `${query.level} ${query.from}`));
        console.log(`exported ${result.rows.length} ${query.level} rows of ${query.from} … ${query.to} (configuration version ${result.configVersion}) to ${out}`);
        break;
      }
    }
    return 0;
  } finally {
    await stop();
  }
}

/** The simulator in the foreground until Ctrl-C: what it receives is printed as it arrives. */
async function runHotlineSimulator(options: Options): Promise<number> {
  const simulator = await new HotlineSimulator({
    apiUrl: (options['api'] ?? 'http://127.0.0.1:3000').replace(/\/+$/, ''),
    clientId: required(options, 'client-id'),
    secret: required(options, 'secret'),
    port: Number(options['port'] ?? 4012),
  }).start();
  if (options['mode'] === 'fail') await simulator.setMode('fail');
  console.log(`hotline simulator: status events to ${simulator.callbackUrl} (mode ${options['mode'] ?? 'ok'})`);
  for (let i = 0; i < Number(options['push'] ?? 0); i++) {
    const result = await simulator.push(simulator.order({ address: options['address'] ?? '恒口镇' }));
    console.log(`pushed: ${result.status} ${JSON.stringify(result.body)}`);
  }
  let shown = 0;
  setInterval(() => {
    for (const event of simulator.received.slice(shown)) console.log(`received: ${JSON.stringify(event)}`);
    shown = simulator.received.length;
  }, 200);
  await new Promise<void>((resolve) => onShutdownSignal(async () => resolve()));
  await simulator.stop();
  return 0;
}

main()
  .then((code) => process.exit(code))
  .catch((error: unknown) => {
    if (error instanceof AppError || error instanceof ConfigError) {
      console.error(`error: ${error.message}`);
      if (error instanceof AppError && error.fields) for (const [k, v] of Object.entries(error.fields)) console.error(`  ${k}: ${v}`);
    } else console.error(error);
    process.exit(1);
  });
