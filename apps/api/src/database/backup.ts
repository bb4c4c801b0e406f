/**
 * Logical backup and restore of the whole database, without pg_dump (the embedded PostgreSQL ships only
 * initdb, pg_ctl and postgres, and a pg_dump older than the server refuses to run): every table is read
 * as JSON rows inside one REPEATABLE READ snapshot and written as gzipped JSON lines; restore loads them
 * into a freshly migrated database of the same schema version. See README "Operations".
 */
import * as fs from 'node:fs';
import * as readline from 'node:readline';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { Readable } from 'node:stream';
import { Client } from 'pg';
import { AppError } from '../common/app-error';

const FORMAT = 'grid-governance-backup';
const VERSION = 1;
const FETCH = 2_000;
/** One data line as `writeBackup` writes it: the table's name, then the row's JSON untouched. */
const ROW_LINE = /^\{"table":"([a-z0-9_]+)","row":(\{.*\})\}$/;
/** TypeORM's own bookkeeping: the target's migrations are run, not copied. */
const SKIPPED = new Set(['migrations', 'typeorm_metadata']);

interface Header {
  format: typeof FORMAT;
  version: number;
  createdAt: string;
  migrations: string[];
  tables: { name: string; rows: number }[];
  sequences: { name: string; lastValue: string; isCalled: boolean }[];
}

export interface BackupSummary {
  tables: number;
  rows: number;
  cases: number;
}

async function withClient<T>(databaseUrl: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

async function tablesOf(client: Client): Promise<string[]> {
  const { rows } = await client.query<{ name: string }>(`SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`);
  return rows.map((r) => r.name).filter((name) => !SKIPPED.has(name));
}

interface Column {
  name: string;
  type: string;
  /** json/jsonb travel as text: JSON's null would otherwise be read back as SQL NULL. */
  asText: boolean;
}

async function columnsOf(client: Client, table: string): Promise<Column[]> {
  const { rows } = await client.query<{ name: string; type: string }>(
    `SELECT attname AS name, format_type(atttypid, atttypmod) AS type FROM pg_attribute
     WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped AND attgenerated = '' ORDER BY attnum`,
    [quote(table)],
  );
  return rows.map((c) => ({ ...c, asText: c.type === 'json' || c.type === 'jsonb' }));
}

async function migrationsOf(client: Client): Promise<string[]> {
  const { rows } = await client.query<{ name: string }>(`SELECT name FROM migrations ORDER BY timestamp`);
  return rows.map((r) => r.name);
}

/** Writes a consistent snapshot of every table to `file` (gzipped JSON lines). */
export async function writeBackup(databaseUrl: string, file: string): Promise<BackupSummary> {
  return withClient(databaseUrl, async (client) => {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    try {
      const tables = await tablesOf(client);
      const counted = await Promise.all(tables.map(async (name) => ({ name, rows: Number((await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${quote(name)}`)).rows[0].n) })));
      const { rows: sequences } = await client.query<{ name: string }>(`SELECT sequencename AS name FROM pg_sequences WHERE schemaname = 'public' ORDER BY 1`);
      const header: Header = {
        format: FORMAT,
        version: VERSION,
        createdAt: new Date().toISOString(),
        migrations: await migrationsOf(client),
        tables: counted,
        sequences: await Promise.all(
          sequences.map(async ({ name }) => {
            const { rows } = await client.query<{ last_value: string; is_called: boolean }>(`SELECT last_value, is_called FROM ${quote(name)}`);
            return { name, lastValue: rows[0].last_value, isCalled: rows[0].is_called };
          }),
        ),
      };
      async function* lines(): AsyncGenerator<string> {
        yield `${JSON.stringify(header)}\n`;
        for (const { name } of counted) {
          const columns = (await columnsOf(client, name)).map((c) => (c.asText ? `${quote(c.name)}::text AS ${quote(c.name)}` : quote(c.name)));
          await client.query(`DECLARE dump NO SCROLL CURSOR FOR SELECT row_to_json(t)::text AS row FROM (SELECT ${columns.join(', ')} FROM ${quote(name)}) t`);
          for (;;) {
            const { rows } = await client.query<{ row: string }>(`FETCH ${FETCH} FROM dump`);
            if (!rows.length) break;
            yield rows.map((r) => `{"table":${JSON.stringify(name)},"row":${r.row}}\n`).join('');
          }
          await client.query('CLOSE dump');
        }
      }
      const partial = `${file}.partial`;
      await pipeline(Readable.from(lines()), createGzip(), fs.createWriteStream(partial));
      fs.renameSync(partial, file); // a crash mid-way never leaves a file that looks complete
      return { tables: counted.length, rows: counted.reduce((n, t) => n + t.rows, 0), cases: counted.find((t) => t.name === 'cases')?.rows ?? 0 };
    } finally {
      await client.query('ROLLBACK').catch(() => undefined);
    }
  });
}

/**
 * Loads a backup into `databaseUrl`, which must be migrated to the same schema version and hold no cases
 * or areas yet. One transaction: either everything is restored or nothing is. Needs a superuser (the
 * embedded database's is one) to load rows without firing triggers in dependency order.
 */
export async function restoreBackup(databaseUrl: string, file: string): Promise<BackupSummary> {
  if (!fs.existsSync(file)) throw new AppError('invalid', `${file} does not exist`);
  const input = readline.createInterface({ input: fs.createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity });
  const iterator = input[Symbol.asyncIterator]();
  const first = await iterator.next();
  const header = (first.done ? null : (JSON.parse(first.value) as Header));
  if (header?.format !== FORMAT || header.version !== VERSION) throw new AppError('invalid', `${file} is not a backup of this application`);

  return withClient(databaseUrl, async (client) => {
    const migrations = await migrationsOf(client);
    if (migrations.join() !== header.migrations.join()) {
      throw new AppError('invalid', `the backup was made at schema version ${header.migrations.at(-1)}, this database is at ${migrations.at(-1)}: restore with the release that made the backup, then upgrade`);
    }
    const [{ n: existing }] = (await client.query<{ n: number }>(`SELECT (SELECT count(*) FROM cases) + (SELECT count(*) FROM areas) AS n`)).rows;
    if (Number(existing) > 0) throw new AppError('conflict', 'the target database already holds areas or cases: restore into an empty database');

    await client.query('BEGIN');
    try {
      // Replica mode: foreign keys and triggers (append-only timeline, change notices) stay quiet while
      // rows arrive in table order; the data was consistent when it was dumped.
      await client.query(`SET LOCAL session_replication_role = replica`).catch((error: { code?: string }) => {
        throw error.code === '42501' ? new AppError('forbidden', 'restore needs a PostgreSQL superuser (to load rows with triggers and foreign keys held back)') : error;
      });
      const tables = await tablesOf(client);
      await client.query(`TRUNCATE ${tables.map(quote).join(', ')}`);
      const columns = new Map(await Promise.all(tables.map(async (t) => [t, await columnsOf(client, t)] as const)));
      let batch: { table: string; rows: string[] } = { table: '', rows: [] };
      const flush = async () => {
        if (!batch.rows.length) return;
        const cols = columns.get(batch.table);
        if (!cols) throw new AppError('invalid', `the backup has a table ${batch.table} this database does not`);
        const names = cols.map((c) => quote(c.name)).join(', ');
        const values = cols.map((c) => (c.asText ? `${quote(c.name)}::${c.type}` : quote(c.name))).join(', ');
        const shape = cols.map((c) => `${quote(c.name)} ${c.asText ? 'text' : c.type}`).join(', ');
        await client.query(`INSERT INTO ${quote(batch.table)} (${names}) SELECT ${values} FROM json_to_recordset($1::json) AS r(${shape})`, [`[${batch.rows.join(',')}]`]);
        batch.rows = [];
      };
      for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
        // The row's text goes to PostgreSQL as it was dumped: parsing it in JavaScript could round numbers.
        const line = ROW_LINE.exec(next.value);
        if (!line) continue;
        const [, table, row] = line;
        if (table !== batch.table || batch.rows.length >= FETCH) {
          await flush();
          batch = { table, rows: [] };
        }
        batch.rows.push(row);
      }
      await flush();
      for (const s of header.sequences) await client.query(`SELECT setval($1::regclass, $2, $3)`, [quote(s.name), s.lastValue, s.isCalled]);
      for (const t of header.tables) {
        const [{ n }] = (await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${quote(t.name)}`)).rows;
        if (Number(n) !== t.rows) throw new AppError('invalid', `${t.name}: ${n} rows restored, the backup lists ${t.rows}; the file is damaged`);
      }
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
    return { tables: header.tables.length, rows: header.tables.reduce((n, t) => n + t.rows, 0), cases: header.tables.find((t) => t.name === 'cases')?.rows ?? 0 };
  });
}
