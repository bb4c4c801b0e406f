/**
 * Hostile input (issue 8): property-based tests (fast-check) of every write endpoint with wrong types,
 * huge strings, odd unicode (RTL overrides, zero-width, lone surrogates, NUL), NaN, Infinity and
 * out-of-range coordinates, SQL and HTML fragments, deep JSON and huge arrays. Whatever arrives, the API
 * answers below 500, never echoes a stack trace, and writes all or nothing: rows are counted before and
 * after each request. Uploads: wrong types, oversize files, decompression bombs and polyglots are refused.
 *
 * Runs are bounded (RUNS per endpoint) and seeded: FC_SEED=<seed> replays a failure, whose seed and
 * counterexample fast-check prints.
 */
import type { AreaDto, CaseDetail } from '@grid/contracts';
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { jpeg, report } from './cases-helpers';
import { useTestApp } from './test-app';

const SEED = Number(process.env['FC_SEED'] ?? 20261123);
const RUNS = Number(process.env['FC_RUNS'] ?? 60);
const settings = { seed: SEED, numRuns: RUNS, endOnFailure: true };

const NASTY = [
  "' OR '1'='1",
  "'; DROP TABLE cases; --",
  '1; SELECT pg_sleep(5)',
  '$1',
  '%_%',
  '\\',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '{{7*7}}${7*7}',
  '\u202Egnp.exe',
  'a\u200Bb\u200Dc\uFEFF',
  '\uD800',
  'x\uDFFFy',
  'nul\u0000byte',
  '\u0000',
  '𠜎𠜱𠝹😀👩‍👩‍👧',
  '\r\n\t',
  '../../etc/passwd',
  '__proto__',
  'constructor',
];

const nastyString = fc.oneof(
  fc.constantFrom(...NASTY),
  fc.string({ unit: 'binary', maxLength: 64 }),
  fc.string({ unit: 'grapheme', maxLength: 64 }),
  fc.nat({ max: 200_000 }).map((n) => 'A'.repeat(n)),
  fc.tuple(fc.constantFrom(...NASTY), fc.string({ maxLength: 8 })).map(([a, b]) => a + b),
);
const nastyNumber = fc.oneof(
  fc.double(),
  fc.constantFrom(Number.MAX_VALUE, -Number.MAX_VALUE, 1e308, 91, -91, 181, -181, 0, -0, 2 ** 53 + 1),
  fc.integer(),
);
/** Any JSON value, including ones no schema wants. */
const nastyValue: fc.Arbitrary<unknown> = fc.oneof(
  { depthSize: 'small' },
  nastyString,
  nastyNumber,
  fc.boolean(),
  fc.constant(null),
  fc.nat({ max: 50_000 }).map((n) => Array.from({ length: n }, () => 'x')),
  // Deeper still as raw text below; JSON.stringify itself overflows the stack beyond a few thousand.
  fc.nat({ max: 1_000 }).map(deepObject),
  fc.jsonValue({ maxDepth: 3 }),
  fc.dictionary(nastyString, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 5 }),
);

function deepObject(depth: number): unknown {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
}

/** A valid body with one field (possibly a nested one, possibly a new one) replaced by a hostile value, or a wholly hostile body. */
function mutated(valid: Record<string, unknown>, fields: string[]): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc.tuple(fc.constantFrom(...fields), nastyValue).map(([field, value]) => setPath(structuredClone(valid), field, value)),
    fc.tuple(fc.constantFrom(...fields), nastyValue, fc.constantFrom(...fields), nastyValue).map(([f1, v1, f2, v2]) => setPath(setPath(structuredClone(valid), f1, v1), f2, v2)),
    nastyValue,
  );
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
  const keys = path.split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) {
    if (typeof node[key] !== 'object' || node[key] === null) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[keys[keys.length - 1]] = value;
  return target;
}

/** Raw bodies that are not JSON at all, or JSON that JSON.stringify would never produce. */
const rawBody = fc.oneof(
  fc.constantFrom('{"location":{"lat":NaN,"lng":Infinity}}', '{"a":', '[]', 'null', '"string"', '{"__proto__":{"admin":true}}', '\u0000', '{"description":"\\u0000"}', '{"description":"\\ud800"}'),
  fc.nat({ max: 20_000 }).map((n) => '['.repeat(n) + ']'.repeat(n)),
  fc.nat({ max: 20_000 }).map((n) => '{"a":'.repeat(n) + '1' + '}'.repeat(n)),
  fc.string({ unit: 'binary', maxLength: 200 }),
);

/** Every byte of the UTF-8 of `text` percent-encoded (encodeURIComponent refuses lone surrogates). */
const percentEncoded = (text: string): string => [...Buffer.from(text)].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');

/** The JSON text of any value (supertest sends only objects as JSON). */
const json = (value: unknown): string => JSON.stringify(value) ?? 'null';

function expectSafe(res: request.Response, context: string): void {
  if (res.status >= 500) throw new Error(`${context}: ${res.status} ${res.text.slice(0, 500)}`);
  expect(res.text).not.toMatch(/\bat [\w.<>]+ \(|node_modules|\.ts:\d+|QueryFailedError|TypeError|SyntaxError: Unexpected/);
}

describe('hostile input', () => {
  // Open311's per-key limit would answer 429 long before the properties have run.
  const t = useTestApp({ OPEN311_RATE_LIMIT: '100000' });
  let grid: AreaDto;
  let reporter: string;
  let subject: CaseDetail;

  const db = () => t.app.get(DataSource);
  const server = () => t.app.getHttpServer();
  async function token(username: string): Promise<string> {
    return (await t.login(username)).accessToken;
  }
  /** What one user has written: their cases, the events they caused, their photos. */
  async function footprint(userId: string): Promise<string> {
    const [row] = (await db().query(
      `SELECT (SELECT count(*) FROM cases WHERE reporter_id = $1) AS cases,
              (SELECT count(*) FROM case_events WHERE actor_id = $1) AS events,
              (SELECT count(*) FROM attachments WHERE uploaded_by = $1) AS photos`,
      [userId],
    )) as { cases: string; events: string; photos: string }[];
    return `${row.cases}/${row.events}/${row.photos}`;
  }

  beforeAll(async () => {
    const grids = (await t.get('admin', '/api/areas?level=grid')).body as AreaDto[];
    grid = grids[301];
    const [worker] = (await t.get('admin', `/api/users?areaId=${grid.id}&role=grid_worker`)).body as { username: string }[];
    reporter = worker.username;
    subject = await report(t, 'operator', grid);
  });

  it('POST /api/cases: any body answers below 500, and a refused one writes nothing', async () => {
    const { accessToken, user } = await t.login(reporter);
    const valid = { categoryCode: 'city.litter', description: 'ok', location: grid.centroid, address: 'a', priority: 'normal', source: 'grid_report', photoIds: [], reporter: { name: '张三', phone: '13812345678' } };
    const fields = ['categoryCode', 'description', 'location', 'location.lat', 'location.lng', 'address', 'priority', 'source', 'photoIds', 'reporter', 'reporter.name', 'reporter.phone', 'selfHandled', 'selfHandled.result', 'extra'];
    await fc.assert(
      fc.asyncProperty(mutated(valid, fields), async (body) => {
        const before = await footprint(user.id);
        const res = await request(server()).post('/api/cases').set('Authorization', `Bearer ${accessToken}`).set('Content-Type', 'application/json').send(json(body));
        expectSafe(res, 'POST /api/cases');
        const after = await footprint(user.id);
        if (res.status === 201) {
          // All of it: the case and its events (reported, registered, dispatched…), nothing half-done.
          const [{ events }] = (await db().query(`SELECT count(*)::int AS events FROM case_events WHERE case_id = $1`, [res.body.id])) as { events: number }[];
          expect(events).toBeGreaterThanOrEqual(2);
          expect(res.body.description).toBe(typeof (body as { description?: unknown }).description === 'string' ? ((body as { description: string }).description.trim()) : 'ok');
        } else {
          expect(res.status).toBeGreaterThanOrEqual(400);
          expect(after).toBe(before);
        }
      }),
      settings,
    );
  });

  it('POST /api/cases: raw bodies that are not JSON, or nested thousands deep, answer 400 or 413', async () => {
    const accessToken = await token(reporter);
    const { user } = await t.login(reporter);
    await fc.assert(
      fc.asyncProperty(rawBody, async (raw) => {
        const before = await footprint(user.id);
        const res = await request(server()).post('/api/cases').set('Authorization', `Bearer ${accessToken}`).set('Content-Type', 'application/json').send(raw);
        expectSafe(res, 'POST /api/cases (raw)');
        expect([400, 413]).toContain(res.status);
        expect(await footprint(user.id)).toBe(before);
      }),
      { ...settings, numRuns: Math.ceil(RUNS / 2) },
    );
  });

  it('POST /api/cases with a category’s extra fields: any answers below 500, and a refused report writes nothing', async () => {
    const { accessToken, user } = await t.login(reporter);
    const valid = { categoryCode: 'livelihood.road', description: 'ok', location: grid.centroid, extraFields: { size: 'small', traffic_blocked: 'no' } };
    await fc.assert(
      fc.asyncProperty(mutated(valid, ['extraFields', 'extraFields.size', 'extraFields.traffic_blocked', 'extraFields.other']), async (body) => {
        const before = await footprint(user.id);
        const res = await request(server()).post('/api/cases').set('Authorization', `Bearer ${accessToken}`).set('Content-Type', 'application/json').send(json(body));
        expectSafe(res, 'POST /api/cases (extra fields)');
        if (res.status === 201) expect(res.body.description).toMatch(/^ok\n坑洼面积：/);
        else expect(await footprint(user.id)).toBe(before);
      }),
      settings,
    );
  });

  it('POST /api/cases/:id/<action>: any body, any action name, answers below 500 and changes the case wholly or not at all', async () => {
    const accessToken = await token('operator');
    const valid: Record<string, Record<string, unknown>> = {
      dispatch: { unit: { level: 'grid', areaId: grid.id }, assigneeId: null, note: 'n' },
      whistle: { whistleKind: 'routine', departments: [{ departmentId: randomUUID(), lead: true, reportInHours: 1, handleHours: 8 }] },
      rate_department: { departmentId: randomUUID(), score: 3 },
      request_extension: { hours: 4, note: 'n' },
      rate: { score: 5 },
      merge: { mainCaseId: randomUUID() },
      progress: { note: 'n', photoIds: [] },
    };
    const body = fc.constantFrom(...Object.keys(valid)).chain((template) => mutated(valid[template], [...Object.keys(valid[template]), 'note', 'unit.level', 'unit.areaId', 'departments', 'hours', 'score']));
    const action = fc.oneof(fc.constantFrom(...Object.keys(valid), 'register', 'close', 'escalate'), nastyString.filter((s) => s.length < 100 && !s.includes('/') && !s.includes('?') && !s.includes('#')));
    await fc.assert(
      fc.asyncProperty(action, body, fc.context(), async (name, body, ctx) => {
        const [before] = (await db().query(`SELECT status, last_seq, (SELECT count(*) FROM case_events WHERE case_id = $1) AS events FROM cases WHERE id = $1`, [subject.id])) as object[];
        const res = await request(server()).post(`/api/cases/${subject.id}/${percentEncoded(name)}`).set('Authorization', `Bearer ${accessToken}`).set('Content-Type', 'application/json').send(json(body));
        ctx.log(`${name} ${JSON.stringify(body)?.slice(0, 200)} → ${res.status}`);
        expectSafe(res, `POST /api/cases/:id/${name}`);
        const [after] = (await db().query(`SELECT status, last_seq, (SELECT count(*) FROM case_events WHERE case_id = $1) AS events FROM cases WHERE id = $1`, [subject.id])) as { last_seq: string; events: string }[];
        if (res.status < 300) expect(Number(after.events)).toBeGreaterThan(Number((before as { events: string }).events));
        else expect(after).toEqual(before);
      }),
      settings,
    );
  });

  it('POST /api/auth/login and /api/auth/refresh: any body answers below 500', async () => {
    const valid = { username: 'village040', password: 'wrong-password' };
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('/api/auth/login', '/api/auth/refresh'), mutated({ ...valid, refreshToken: 'x'.repeat(43) }, ['username', 'password', 'refreshToken']), async (path, body) => {
        const res = await request(server()).post(path).set('Content-Type', 'application/json').send(json(body));
        expectSafe(res, path);
        expect(res.status).not.toBe(200);
      }),
      settings,
    );
  });

  it('PUT /api/calendar/years/:year and /hours (admin): any body answers below 500', async () => {
    const accessToken = await token('admin');
    // 2099 so that an accepted schedule moves no clock of this run; hours with no workday never pass validation.
    const year = { year: 2099, provisional: true, holidays: { '2099-10-01': '国庆节' }, makeUpWorkdays: { '2099-09-28': '国庆节调休' } };
    const hours = { weekdays: [], windows: [{ start: '08:30', end: '12:00' }] };
    const put = fc.oneof(
      mutated(year, ['year', 'provisional', 'holidays', 'makeUpWorkdays', 'holidays.2099-10-01', 'extra']).map((body) => ['/api/calendar/years/2099', body] as const),
      mutated(hours, ['windows', 'windows.0', 'extra']).map((body) => ['/api/calendar/hours', { ...(body as object), weekdays: [] }] as const),
      nastyString.map((y) => [`/api/calendar/years/${percentEncoded(y.slice(0, 40))}`, year] as const),
    );
    await fc.assert(
      fc.asyncProperty(put, async ([path, body]) => {
        const res = await request(server()).put(path).set('Authorization', `Bearer ${accessToken}`).set('Content-Type', 'application/json').send(json(body));
        expectSafe(res, `PUT ${path}`);
        if (path.endsWith('/hours')) expect([400, 413]).toContain(res.status);
      }),
      { ...settings, numRuns: Math.ceil(RUNS / 2) },
    );
  });

  it('patrols and assessment writes: any body answers below 500, and a refused one writes nothing', async () => {
    const { accessToken, user } = await t.login(reporter);
    const assessorToken = await token('assessor');
    const patrolId = randomUUID();
    const at = () => new Date().toISOString();
    expect((await request(server()).post('/api/patrols').set('Authorization', `Bearer ${accessToken}`).send({ id: patrolId, startedAt: new Date(Date.now() - 600_000).toISOString(), location: grid.centroid })).status).toBeLessThan(300);
    const written = async () => {
      const [row] = (await db().query(
        `SELECT (SELECT count(*) FROM patrols WHERE worker_id = $1) AS patrols, (SELECT coalesce(sum(point_count), 0) FROM patrols WHERE worker_id = $1) AS points,
                (SELECT count(*) FROM patrol_visits WHERE worker_id = $1) AS visits, (SELECT count(*) FROM assessment_appeals) AS appeals,
                (SELECT count(*) FROM assessment_config_versions) AS configs`,
        [user.id],
      )) as Record<string, string>[];
      return JSON.stringify(row);
    };
    const writes = fc.oneof(
      mutated({ id: randomUUID(), startedAt: at(), location: grid.centroid }, ['id', 'startedAt', 'location', 'location.lat', 'extra']).map((b) => ['/api/patrols', b, accessToken] as const),
      mutated({ points: [{ ...grid.centroid, at: at(), accuracy: 5 }] }, ['points', 'points.0', 'points.0.lat', 'points.0.at', 'points.0.accuracy']).map((b) => [`/api/patrols/${patrolId}/points`, b, accessToken] as const),
      mutated({ id: randomUUID(), kind: 'household', label: '王家', location: grid.centroid, at: at() }, ['id', 'kind', 'label', 'location', 'at']).map((b) => [`/api/patrols/${patrolId}/visits`, b, accessToken] as const),
      mutated({ endedAt: at() }, ['endedAt', 'extra']).map((b) => [`/api/patrols/${patrolId}/end`, b, accessToken] as const),
      mutated({ caseId: subject.id, kind: 'overdue', reason: '理由', evidence: '证据' }, ['caseId', 'kind', 'reason', 'evidence']).map((b) => ['/api/assessment/appeals', b, accessToken] as const),
      nastyValue.map((b) => ['/api/assessment/config', b, assessorToken] as const),
      nastyString.map((id) => [`/api/assessment/appeals/${percentEncoded(id.slice(0, 60))}/decide`, { decision: 'upheld', note: 'x' }, assessorToken] as const),
    );
    await fc.assert(
      fc.asyncProperty(writes, async ([path, body, bearer]) => {
        const before = await written();
        const res = await request(server()).post(path).set('Authorization', `Bearer ${bearer}`).set('Content-Type', 'application/json').send(json(body));
        expectSafe(res, `POST ${path}`);
        if (res.status >= 400) expect(await written()).toBe(before);
      }),
      settings,
    );
  });

  it('query strings and headers: any value answers below 500', async () => {
    const accessToken = await token(reporter);
    const params = ['q', 'status', 'areaId', 'categoryCode', 'bbox', 'from', 'page', 'pageSize', 'sort', 'assigneeId', 'open', 'level'];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...params), nastyString, fc.constantFrom('/api/cases', '/api/cases/map', '/api/areas', '/api/areas/locate', '/api/areas/outlines', '/api/users'), async (param, value, path) => {
        const res = await request(server()).get(path).query({ [param]: value.slice(0, 4000), lat: value.slice(0, 50), lng: '108.8' }).set('Authorization', `Bearer ${accessToken}`);
        expectSafe(res, `GET ${path}?${param}`);
      }),
      settings,
    );
    await fc.assert(
      fc.asyncProperty(nastyString, async (key) => {
        const header = key.slice(0, 1000).replace(/[^\t\x20-\x7e\x80-\xff]/g, '?');
        const res = await request(server()).post('/api/cases').set('Authorization', `Bearer ${accessToken}`).set('Idempotency-Key', header).send({ categoryCode: 'nope', location: grid.centroid });
        expectSafe(res, 'Idempotency-Key');
      }),
      { ...settings, numRuns: Math.ceil(RUNS / 2) },
    );
  });

  it('POST /api/attachments: hostile form fields answer below 500 and store nothing', async () => {
    const { accessToken, user } = await t.login(reporter);
    const photo = await jpeg();
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('purpose', 'lat', 'lng', 'takenAt'), nastyString, async (field, value) => {
        const before = await footprint(user.id);
        const res = await request(server()).post('/api/attachments').set('Authorization', `Bearer ${accessToken}`).field(field, value.slice(0, 5000) || ' ').attach('file', photo, 'p.jpg');
        expectSafe(res, `upload ${field}`);
        if (res.status !== 201) expect(await footprint(user.id)).toBe(before);
      }),
      { ...settings, numRuns: Math.ceil(RUNS / 2) },
    );
  });

  it('POST /open311/v2/requests: any form field answers below 500 in the spec’s error shape, and a refused one writes nothing', async () => {
    const valid: Record<string, string> = { api_key: 'demo-open311-key', service_code: 'city.litter', lat: String(grid.centroid.lat), long: String(grid.centroid.lng), description: 'ok', first_name: '张', last_name: '三', phone: '13812345678', email: 'a@b.cn', media_url: 'https://example.org/a.jpg', address_string: '' };
    const fieldNames = [...Object.keys(valid), 'attribute[size]', 'attribute[size][]', 'device_id', 'account_id'];
    const open311Cases = async () => Number(((await db().query(`SELECT count(*)::int AS n FROM cases WHERE source = 'open311'`)) as { n: number }[])[0].n);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...fieldNames), nastyString, fc.constantFrom('json', 'xml'), async (field, value, format) => {
        const form = { ...valid, [field]: value.slice(0, 20_000) };
        const before = await open311Cases();
        const res = await request(server()).post(`/open311/v2/requests.${format}`).type('form').send(Object.entries(form).map(([k, v]) => `${encodeURIComponent(k)}=${percentEncoded(v)}`).join('&'));
        expectSafe(res, `Open311 POST ${field}`);
        if (res.status === 200 || res.status === 201) return;
        expect(await open311Cases()).toBe(before);
        if (format === 'json') expect(Array.isArray(res.body) && res.body.every((e: { code?: unknown; description?: unknown }) => typeof e.code === 'number' && typeof e.description === 'string')).toBe(true);
        else expect(res.text).toMatch(/^<\?xml[\s\S]*<errors>/);
      }),
      settings,
    );
  });

  describe('uploads', () => {
    const upload = async (file: Buffer, name: string) => {
      const { accessToken, user } = await t.login(reporter);
      const before = await footprint(user.id);
      const res = await request(server()).post(`/api/cases/${subject.id}/attachments`).set('Authorization', `Bearer ${accessToken}`).attach('file', file, name);
      expectSafe(res, `upload ${name}`);
      expect(await footprint(user.id)).toBe(before);
      return res;
    };

    it.each([
      ['a text file named .jpg', () => Buffer.from('just some text, not a photo'), 'photo.jpg'],
      ['an HTML page named .png', () => Buffer.from('<!doctype html><script>alert(document.cookie)</script>'), 'photo.png'],
      ['an SVG with a script', () => Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script><rect width="10" height="10"/></svg>'), 'photo.svg'],
      ['a GIF', () => Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64'), 'photo.gif'],
      ['a PDF', () => Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF'), 'photo.pdf'],
      ['an empty file', () => Buffer.alloc(0), 'photo.jpg'],
    ])('refuses %s with 400', async (_what, make, name) => {
      const res = await upload(make(), name);
      expect(res.status).toBe(400);
      expect(res.body.fields).toHaveProperty('file');
    });

    it('refuses a file over 10 MB with 413', async () => {
      const res = await upload(Buffer.concat([await jpeg(), Buffer.alloc(10 * 1024 * 1024 + 1)]), 'big.jpg');
      expect(res.status).toBe(413);
    });

    it('refuses a decompression bomb: a tiny PNG declaring 50,000 × 50,000 pixels', async () => {
      const bomb = pngDeclaring(50_000, 50_000);
      expect(bomb.length).toBeLessThan(200);
      const res = await upload(bomb, 'bomb.png');
      expect(res.status).toBe(400);
    });

    it.each([
      ['a JPEG with a script appended', async () => Buffer.concat([await jpeg(), Buffer.from('<script>alert(1)</script>')])],
      ['a JPEG with an HTML page in a comment segment', async () => withJpegComment(await jpeg(), '<html><body onload="alert(1)"></body></html>')],
      ['a JPEG with a ZIP archive appended', async () => Buffer.concat([await jpeg(), Buffer.from('504b030414000000080000000000', 'hex'), Buffer.alloc(64)])],
    ])('refuses a polyglot: %s', async (_what, make) => {
      const res = await upload(await make(), 'photo.jpg');
      expect(res.status).toBe(400);
    });

    it('still accepts a real photo', async () => {
      const { accessToken } = await t.login(reporter);
      const res = await request(server()).post(`/api/cases/${subject.id}/attachments`).set('Authorization', `Bearer ${accessToken}`).attach('file', await jpeg(640, 480), 'photo.jpg');
      expect(res.status).toBe(201);
    });
  });
});

/** A syntactically valid PNG whose header declares width × height, with a few bytes of pixel data. */
function pngDeclaring(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(Buffer.alloc(16))), chunk('IEND', Buffer.alloc(0))]);
}

function crc32(data: Buffer): number {
  let crc = ~0;
  for (const byte of data) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

/** The JPEG with a COM (comment) segment right after its SOI marker. */
function withJpegComment(image: Buffer, comment: string): Buffer {
  const text = Buffer.from(comment);
  const header = Buffer.from([0xff, 0xfe, (text.length + 2) >> 8, (text.length + 2) & 0xff]);
  return Buffer.concat([image.subarray(0, 2), header, text, image.subarray(2)]);
}
