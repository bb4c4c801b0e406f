/**
 * Admin command line: `npm run cli -- <command> [options]`. Uses the same configuration as the server
 * (DATABASE_URL or the embedded PostgreSQL in DATA_DIR) and the same services.
 */
import { NestFactory } from '@nestjs/core';
import { assessmentExportQuerySchema, ROLES, TERRITORY_CRS, yearScheduleSchema, type Role, type TerritoryCrs } from '@grid/contracts';
import * as fs from 'node:fs';
import { DataSource } from 'typeorm';
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
import { TerritoryWriter } from './modules/areas/territory-writer';
import { DemoLoader } from './modules/demo/demo-loader.service';
import { ApiKeyService } from './modules/open311/api-keys.service';
import { UserAdmin } from './modules/users/user-admin.service';
import { TerritoryImportsService } from './modules/territory/territory-imports.service';

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
  import-calendar FILE.json
              One year's public holidays and make-up workdays, e.g. the State Council's published schedule:
              {"year": 2027, "holidays": {"2027-01-01": "元旦", …}, "makeUpWorkdays": {"2027-02-06": "春节", …}}
              (add "provisional": true for a guess). Replaces that year; open cases' due times follow.
  load-demo [--seed N] [--grids N]
              Load the demo territory and accounts into an empty database (--grids 10000 for benchmarks).
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
  export-assessment --level LEVEL --from YYYY-MM-DD --to YYYY-MM-DD [--format csv|xlsx] [--lang zh-CN|en] [--version N] --out FILE
              The assessment of a period for the whole territory (worker|grid|village|zone|department), as the API exports it.
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

async function main(): Promise<number> {
  const { command, positional, options } = parseArgs(process.argv.slice(2));
  if (command === 'help' || command === '--help') {
    console.log(HELP);
    return 0;
  }
  if (!['create-user', 'import-areas', 'import-territory', 'import-calendar', 'load-demo', 'backup', 'restore', 'create-api-key', 'list-api-keys', 'revoke-api-key', 'export-assessment'].includes(command)) {
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

main()
  .then((code) => process.exit(code))
  .catch((error: unknown) => {
    if (error instanceof AppError || error instanceof ConfigError) {
      console.error(`error: ${error.message}`);
      if (error instanceof AppError && error.fields) for (const [k, v] of Object.entries(error.fields)) console.error(`  ${k}: ${v}`);
    } else console.error(error);
    process.exit(1);
  });
