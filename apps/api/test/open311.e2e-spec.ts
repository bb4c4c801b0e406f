import type { AreaDto, CaseDetail, CaseListResponse, UserDto } from '@grid/contracts';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import request from 'supertest';
import { DemoLoader } from '../src/modules/demo/demo-loader.service';
import { ApiKeyService, DEMO_API_KEY } from '../src/modules/open311/api-keys.service';
import { act, gridFixture, post } from './cases-helpers';
import { useTestApp, type TestContext } from './test-app';

const BASE = '/open311/v2';

/** The official schemas (fixtures/open311, CC BY 3.0), each under its file name so relative $refs resolve. */
function officialSchemas(): Record<'services' | 'serviceDefinition' | 'requests', ValidateFunction> {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  const dir = path.join(__dirname, 'fixtures/open311');
  for (const file of ['service.json', 'services.json', 'service-definition.json', 'request.json', 'requests.json']) {
    ajv.addSchema({ ...JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')), $id: file });
  }
  const get = (id: string) => ajv.getSchema(id) as ValidateFunction;
  return { services: get('services.json'), serviceDefinition: get('service-definition.json'), requests: get('requests.json') };
}
const schemas = officialSchemas();

function expectValid(validate: ValidateFunction, body: unknown): void {
  const ok = validate(body);
  expect(validate.errors ?? []).toEqual([]);
  expect(ok).toBe(true);
}

const xmlParser = new XMLParser({ parseTagValue: false, ignoreDeclaration: false });

/** Well-formed, declared UTF-8, served as text/xml: answers the parsed document. */
function parseXml(res: request.Response): Record<string, unknown> {
  expect(res.headers['content-type']).toBe('text/xml; charset=utf-8');
  expect(res.text.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n')).toBe(true);
  expect(XMLValidator.validate(res.text)).toBe(true);
  return xmlParser.parse(res.text) as Record<string, unknown>;
}

const asList = <T>(value: T | T[] | undefined): T[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

function open311(t: TestContext) {
  const server = () => t.app.getHttpServer();
  return {
    get: (url: string) => request(server()).get(`${BASE}/${url}`),
    /** A form POST as Open311 clients send it (application/x-www-form-urlencoded). */
    post: (url: string, form: Record<string, string | string[]>) => {
      const body = new URLSearchParams();
      for (const [k, v] of Object.entries(form)) for (const one of Array.isArray(v) ? v : [v]) body.append(k, one);
      return request(server()).post(`${BASE}/${url}`).type('form').send(body.toString());
    },
  };
}

/** The case behind a service request, as the command centre sees it. */
async function caseOf(t: TestContext, code: string): Promise<CaseDetail> {
  const list: CaseListResponse = (await t.get('operator', `/api/cases?q=${code}`)).body;
  expect(list.items).toHaveLength(1);
  return (await t.get('operator', `/api/cases/${list.items[0].id}`)).body as CaseDetail;
}

describe('Open311 GeoReport v2', () => {
  // The per-key limit is tested below, with its own app.
  const t = useTestApp({ OPEN311_RATE_LIMIT: '1000' });
  const o = open311(t);
  let grid: AreaDto;

  beforeAll(async () => {
    ({ grid } = await gridFixture(t, 70));
  });

  const basic = (extra: Record<string, string | string[]> = {}) => ({
    api_key: DEMO_API_KEY,
    service_code: 'city.litter',
    lat: String(grid.centroid.lat),
    long: String(grid.centroid.lng),
    description: '路口有一堆垃圾',
    ...extra,
  });

  describe('discovery and services', () => {
    it('answers the discovery document in both formats, at discovery.* and at the bare base URL', async () => {
      const json = await o.get('discovery.json');
      expect(json.status).toBe(200);
      expect(json.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(json.body.endpoints[0]).toMatchObject({ specification: 'http://wiki.open311.org/GeoReport_v2', type: 'production', formats: ['text/xml', 'application/json'] });
      const baseUrl = /^http:\/\/127\.0\.0\.1:\d+\/open311\/v2$/;
      expect(json.body.endpoints[0].url).toMatch(baseUrl);
      for (const bare of [await request(t.app.getHttpServer()).get(BASE), await request(t.app.getHttpServer()).get(`${BASE}/`)]) {
        expect(bare.status).toBe(200);
        // Each supertest request listens on a port of its own.
        expect(bare.body).toEqual({ ...json.body, endpoints: [{ ...json.body.endpoints[0], url: expect.stringMatching(baseUrl) }] });
      }
      const xml = parseXml(await o.get('discovery.xml'));
      const discovery = xml['discovery'] as { changeset: string; endpoints: { endpoint: { url: string; formats: { format: string[] } } } };
      expect(discovery.changeset).toBe(json.body.changeset);
      expect(discovery.endpoints.endpoint.url).toMatch(baseUrl);
      expect(discovery.endpoints.endpoint.formats.format).toEqual(['text/xml', 'application/json']);
    });

    it('lists the leaf categories as services (schema-valid), grouped by parent, never a sensitive one', async () => {
      const res = await o.get('services.json');
      expect(res.status).toBe(200);
      expectValid(schemas.services, res.body);
      const services = res.body as { service_code: string; service_name: string; group: string; metadata: boolean; keywords: string }[];
      const categories = (await t.get('admin', '/api/categories')).body as { code: string; parentCode: string | null; sensitive: boolean; name: string; extraFields?: unknown[] }[];
      const offered = categories.filter((c) => c.parentCode !== null && !c.sensitive);
      expect(services.map((s) => s.service_code).sort()).toEqual(offered.map((c) => c.code).sort());
      expect(categories.some((c) => c.sensitive && c.parentCode !== null)).toBe(true);
      expect(services.find((s) => s.service_code === 'livelihood.road')).toMatchObject({ service_name: '道路坑洼', group: '民生服务', metadata: true, keywords: 'Potholes, Livelihood services' });
      expect(services.find((s) => s.service_code === 'city.litter')).toMatchObject({ metadata: false, group: '市容环境' });
      for (const s of services) expect(s.metadata).toBe((offered.find((c) => c.code === s.service_code)?.extraFields ?? []).length > 0);

      const xml = parseXml(await o.get('services.xml'));
      const items = asList((xml['services'] as { service: { service_code: string; metadata: string }[] }).service);
      expect(items.map((s) => s.service_code)).toEqual(services.map((s) => s.service_code));
      expect(items.find((s) => s.service_code === 'livelihood.road')?.metadata).toBe('true');
    });

    it('defines a service with extra fields as attributes (schema-valid, keys as strings), in JSON and XML', async () => {
      const res = await o.get('services/livelihood.road.json');
      expect(res.status).toBe(200);
      expectValid(schemas.serviceDefinition, res.body);
      expect(res.body.service_code).toBe('livelihood.road');
      expect(res.body.attributes[0]).toMatchObject({ variable: true, code: 'size', datatype: 'singlevaluelist', required: true, order: 1, description: '坑洼面积' });
      expect(res.body.attributes[0].values).toEqual([
        { key: 'small', name: '小于1平方米' },
        { key: 'medium', name: '1至5平方米' },
        { key: 'large', name: '大于5平方米' },
      ]);
      const xml = parseXml(await o.get('services/livelihood.road.xml'));
      const definition = xml['service_definition'] as { service_code: string; attributes: { attribute: { code: string; values: { value: { key: string }[] } }[] } };
      expect(definition.service_code).toBe('livelihood.road');
      const attributes = asList(definition.attributes.attribute);
      expect(attributes.map((a) => a.code)).toEqual(res.body.attributes.map((a: { code: string }) => a.code));
      expect(asList(attributes[0].values.value).map((v) => v.key)).toEqual(['small', 'medium', 'large']);
    });

    it.each([
      ['an unknown service', 'services/no.such.json', 'json'],
      ['a sensitive category', 'services/dispute.neighbour.json', 'json'],
      ['an unknown service, in XML', 'services/no.such.xml', 'xml'],
      ['an unknown resource', 'nothing.json', 'json'],
      ['a format that does not exist', 'services.html', 'json'],
    ])('answers 404 for %s as the spec’s error list', async (_what, url, format) => {
      const res = await o.get(url);
      expect(res.status).toBe(404);
      if (format === 'json') {
        expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
        expect(res.body).toEqual([{ code: 404, description: expect.any(String) }]);
      } else {
        const xml = parseXml(res);
        expect((xml['errors'] as { error: { code: string } }).error.code).toBe('404');
      }
    });
  });

  describe('POST requests', () => {
    it('turns a form with attributes into a case through the common intake, and never answers personal data', async () => {
      const { grid: roadGrid } = await gridFixture(t, 71);
      const form = {
        api_key: DEMO_API_KEY,
        jurisdiction_id: 'hengkou',
        service_code: 'livelihood.road',
        lat: String(roadGrid.centroid.lat),
        long: String(roadGrid.centroid.lng),
        address_string: '恒口镇 某路口',
        description: '路面有<b>大坑</b>',
        first_name: '小明',
        last_name: '王',
        phone: '13812345678',
        email: 'wang@example.com',
        device_id: 'device-1',
        account_id: 'acct-9',
        media_url: 'https://example.com/pothole.jpg',
        'attribute[size]': 'large',
        'attribute[traffic_blocked]': 'yes',
      };
      const res = await o.post('requests.json', form);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(res.body).toEqual([{ service_request_id: expect.stringMatching(/^HK\d{8}-\d{4,}$/), service_notice: expect.stringContaining('已受理'), account_id: 'acct-9' }]);
      const id: string = res.body[0].service_request_id;

      const created = await caseOf(t, id);
      expect(created).toMatchObject({
        source: 'open311',
        categoryCode: 'livelihood.road',
        status: 'dispatched',
        gridId: roadGrid.id,
        reporterId: null,
        reporterName: '王小明',
        reporterPhone: '13812345678',
        address: '恒口镇 某路口',
      });
      expect(created.unit?.level).toBe('department');
      const departmentId = created.unit?.level === 'department' ? created.unit.departmentId : null;
      expect(created.description).toBe('路面有大坑\n坑洼面积：大于5平方米\n是否影响通行：是');
      // The resident's photo link reaches the desk with the case (a link only: nothing fetches it).
      expect(created.residentMediaUrl).toBe('https://example.com/pothole.jpg');
      expect(created.timeline.map((e) => e.kind)).toEqual(['reported', 'registered', 'dispatched']);
      expect(created.timeline[0].actorId).toBeNull();
      expect(created.handleDueAt).not.toBeNull();

      const follow = await o.get(`requests/${id}.json`);
      expect(follow.status).toBe(200);
      expectValid(schemas.requests, follow.body);
      expect(follow.body).toHaveLength(1);
      const departments = (await t.get('admin', '/api/departments')).body as { id: string; name: string }[];
      expect(follow.body[0]).toMatchObject({
        service_request_id: id,
        status: 'open',
        status_notes: '已派遣至处置单位',
        service_code: 'livelihood.road',
        service_name: '道路坑洼',
        description: created.description,
        agency_responsible: departments.find((d) => d.id === departmentId)?.name,
        address: '恒口镇 某路口',
        lat: roadGrid.centroid.lat,
        long: roadGrid.centroid.lng,
        media_url: 'https://example.com/pothole.jpg',
        address_id: null,
        zipcode: null,
      });
      for (const time of ['requested_datetime', 'updated_datetime', 'expected_datetime']) expect(follow.body[0][time]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
      expect(follow.body[0].expected_datetime).toBe(created.handleDueAt?.replace(/\.\d{3}Z$/, 'Z'));
      for (const secret of ['王小明', '小明', '13812345678', 'wang@example.com', 'device-1', 'acct-9', created.trackingToken]) expect(follow.text).not.toContain(secret);
    });

    it('answers in XML shaped as the spec’s sample, and takes a multiple value list as attribute[CODE][]', async () => {
      const res = await o.post('requests.xml', basic({ service_code: 'street.parking', 'attribute[vehicles][]': ['ebike', 'car'] }));
      expect(res.status).toBe(200);
      const xml = parseXml(res);
      const item = (xml['service_requests'] as { request: { service_request_id: string; service_notice: string; account_id: string } }).request;
      expect(item.service_request_id).toMatch(/^HK\d{8}-\d{4,}$/);
      expect(item.account_id).toBe('');
      const created = await caseOf(t, item.service_request_id);
      expect(created.description).toBe('路口有一堆垃圾\n车辆类型：汽车、电动车');
      expect(created.residentMediaUrl).toBeNull();

      const follow = parseXml(await o.get(`requests/${item.service_request_id}.xml`));
      const request_ = (follow['service_requests'] as { request: Record<string, string> }).request;
      expect(request_).toMatchObject({ service_request_id: item.service_request_id, status: 'open', service_code: 'street.parking', address_id: '', zipcode: '' });
      expect(Object.keys(request_)).toEqual([
        'service_request_id',
        'status',
        'status_notes',
        'service_name',
        'service_code',
        'description',
        'agency_responsible',
        'service_notice',
        'requested_datetime',
        'updated_datetime',
        'expected_datetime',
        'address',
        'address_id',
        'zipcode',
        'lat',
        'long',
        'media_url',
      ]);
    });

    it('locates a request by address_string when it names a village of the territory', async () => {
      const villages = (await t.get('admin', '/api/areas?level=village')).body as AreaDto[];
      const village = villages[5];
      const res = await o.post('requests.json', { api_key: DEMO_API_KEY, service_code: 'street.vending', address_string: `恒口镇${village.name}村口` });
      expect(res.status).toBe(200);
      const created = await caseOf(t, res.body[0].service_request_id);
      expect(created.areaPath).toContain(village.id);
      expect(created.address).toBe(`恒口镇${village.name}村口`);
    });

    it.each([
      ['a wrong api_key', { api_key: 'not-a-key' }, 403, 'api_key'],
      ['no api_key', { api_key: '' }, 403, 'api_key'],
      ['an unknown service', { service_code: 'no.such' }, 400, 'service_code'],
      ['a sensitive category', { service_code: 'dispute.neighbour' }, 400, 'service_code'],
      ['a location outside the territory', { lat: '39.9', long: '116.4' }, 400, 'lat'],
      ['a latitude out of range', { lat: '95' }, 400, 'lat'],
      ['lat without long', { long: '' }, 400, 'long'],
      ['no location at all', { lat: '', long: '' }, 400, 'lat'],
      ['an address that names no place of the territory', { lat: '', long: '', address_string: '北京市东城区' }, 400, 'address_string'],
      ['a missing required attribute', { service_code: 'livelihood.road' }, 400, 'attribute[size]'],
      ['an attribute value not in its list', { service_code: 'livelihood.road', 'attribute[size]': 'huge' }, 400, 'attribute[size]'],
      ['an attribute the service does not have', { 'attribute[colour]': 'red' }, 400, 'attribute[colour]'],
      ['a media_url that is not a URL', { media_url: 'javascript:alert(1)' }, 400, 'media_url'],
      ['a description over 2,000 characters', { description: 'x'.repeat(2001) }, 400, 'description'],
      ['an e-mail address that is not one', { email: 'nobody' }, 400, 'email'],
    ])('refuses %s with its status and the spec’s error list, writing nothing', async (_what, override, status, field) => {
      const marker = `refused ${randomUUID()}`;
      const form = basic({ description: marker, ...override });
      const res = await o.post('requests.json', form);
      expect(res.status).toBe(status);
      expect(res.body).toEqual(expect.arrayContaining([{ code: status, description: expect.stringContaining(field) }]));
      const xml = parseXml(await o.post('requests.xml', form));
      expect(asList((xml['errors'] as { error: { code: string }[] }).error)[0].code).toBe(String(status));
      const written: CaseListResponse = (await t.get('admin', `/api/cases?q=${encodeURIComponent(marker)}`)).body;
      expect(written.total).toBe(0);
    });

    it('takes api_key from the query string too', async () => {
      const form = new URLSearchParams(basic());
      form.delete('api_key');
      const body = form.toString();
      const res = await request(t.app.getHttpServer()).post(`${BASE}/requests.json?api_key=${DEMO_API_KEY}`).type('form').send(body);
      expect(res.status).toBe(200);
    });
  });

  describe('GET requests', () => {
    it('lists the last 90 days, at most 1,000, newest first, schema-valid, without sensitive categories', async () => {
      const res = await o.get('requests.json');
      expect(res.status).toBe(200);
      expectValid(schemas.requests, res.body);
      const items = res.body as { service_request_id: string; service_code: string; requested_datetime: string; description: string | null }[];
      const all: CaseListResponse = (await t.get('admin', `/api/cases?from=${new Date(Date.now() - 90 * 86400_000).toISOString()}&pageSize=1&count=exact`)).body;
      expect(all.total).toBeGreaterThan(1000);
      expect(items).toHaveLength(1000);
      const times = items.map((i) => i.requested_datetime);
      expect(times).toEqual([...times].sort().reverse());
      const sensitive = ((await t.get('admin', '/api/categories')).body as { code: string; sensitive: boolean }[]).filter((c) => c.sensitive).map((c) => c.code);
      expect(items.filter((i) => sensitive.includes(i.service_code))).toEqual([]);
      // What other channels wrote is not published.
      const history = items.find((i) => !i.service_request_id.startsWith('HK') || i.description === null);
      expect(history?.description ?? null).toBeNull();
    });

    it('filters by service_code list, status and start/end dates', async () => {
      const start = new Date(Date.now() - 30 * 86400_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
      const end = new Date(Date.now() - 10 * 86400_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
      const res = await o.get(`requests.json?service_code=city.litter,street.parking&status=closed&start_date=${start}&end_date=${end}`);
      expect(res.status).toBe(200);
      expectValid(schemas.requests, res.body);
      const items = res.body as { service_code: string; status: string; requested_datetime: string }[];
      expect(items.length).toBeGreaterThan(0);
      for (const i of items) {
        expect(['city.litter', 'street.parking']).toContain(i.service_code);
        expect(i.status).toBe('closed');
        expect(i.requested_datetime >= start && i.requested_datetime <= end).toBe(true);
      }
      const open = (await o.get(`requests.json?service_code=city.litter&status=open&start_date=${start}&end_date=${end}`)).body as { status: string }[];
      expect(open.every((i) => i.status === 'open')).toBe(true);
      const both = (await o.get(`requests.json?service_code=city.litter&status=open,closed&start_date=${start}&end_date=${end}`)).body as unknown[];
      const closedLitter = items.filter((i) => i.service_code === 'city.litter').length;
      expect(both).toHaveLength(open.length + closedLitter);
      // An empty parameter is the same as none.
      const empty = (await o.get(`requests.json?service_code=city.litter&status=&start_date=${start}&end_date=${end}`)).body as unknown[];
      expect(empty).toHaveLength(both.length);
    });

    it('takes a service_request_id list over every other filter, and answers one request as a list of one', async () => {
      const some = ((await o.get('requests.json?status=closed')).body as { service_request_id: string }[]).slice(0, 3).map((r) => r.service_request_id);
      const res = await o.get(`requests.json?service_request_id=${some.join(',')}&status=open&service_code=no.such`);
      expect(res.status).toBe(200);
      expectValid(schemas.requests, res.body);
      expect((res.body as { service_request_id: string }[]).map((r) => r.service_request_id).sort()).toEqual([...some].sort());
      const one = await o.get(`requests/${some[0]}.json`);
      expectValid(schemas.requests, one.body);
      expect(one.body).toHaveLength(1);
    });

    it.each([
      ['an unknown status', 'status=pending', 'status'],
      ['a date without its zone', 'start_date=2026-11-01T00:00:00', 'start_date'],
      ['a date that is not one', 'end_date=yesterday', 'end_date'],
      ['a window over 90 days', 'start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z', 'end_date'],
      ['a start after the end', 'start_date=2026-06-01T00:00:00Z&end_date=2026-05-01T00:00:00Z', 'start_date'],
    ])('refuses %s with 400', async (_what, query, field) => {
      const res = await o.get(`requests.json?${query}`);
      expect(res.status).toBe(400);
      expect(res.body).toEqual([{ code: 400, description: expect.stringContaining(field) }]);
    });

    it('hides a sensitive case even by its exact id, and answers 404 for an unknown one', async () => {
      const { grid: g, zoneLeader } = await gridFixture(t, 72);
      const dispute = await post(t, zoneLeader.username, '/api/cases', { categoryCode: 'dispute.neighbour', description: '邻里纠纷', location: g.centroid });
      expect(dispute.status).toBe(201);
      expect((await o.get(`requests/${dispute.body.code}.json`)).status).toBe(404);
      expect((await o.get(`tokens/${dispute.body.trackingToken}.json`)).status).toBe(404);
      expect((await o.get(`requests.json?service_request_id=${dispute.body.code}`)).body).toEqual([]);
      expect((await o.get('requests/HK19990101-0001.json')).body).toEqual([{ code: 404, description: expect.any(String) }]);
    });

    it('resolves a tracking token to its service_request_id', async () => {
      const created = await o.post('requests.json', basic());
      const detail = await caseOf(t, created.body[0].service_request_id);
      const res = await o.get(`tokens/${detail.trackingToken}.json`);
      expect(res.status).toBe(200);
      expect(res.body).toEqual([{ service_request_id: detail.code, token: detail.trackingToken }]);
      const xml = parseXml(await o.get(`tokens/${detail.trackingToken}.xml`));
      expect((xml['service_requests'] as { request: unknown }).request).toEqual({ service_request_id: detail.code, token: detail.trackingToken });
      expect((await o.get('tokens/unknown-token-x.json')).status).toBe(404);
    });
  });

  it('follows a request through the loop until it is closed', async () => {
    const { grid: g, worker, zoneLeader } = await gridFixture(t, 73);
    // The grid leader of the village verifies on site (the resident who reported is not a user).
    const [gridLeader] = (await t.get('admin', `/api/users?areaId=${g.path[2]}&role=grid_leader`)).body as UserDto[];
    const created = await o.post('requests.json', basic({ lat: String(g.centroid.lat), long: String(g.centroid.lng), description: '垃圾桶满溢' }));
    const id: string = created.body[0].service_request_id;
    const detail = await caseOf(t, id);
    expect(detail).toMatchObject({ source: 'open311', gridId: g.id, assigneeId: worker.id });
    const follow = async () => {
      const res = await o.get(`requests/${id}.json`);
      expectValid(schemas.requests, res.body);
      return res.body[0] as { status: string; status_notes: string; updated_datetime: string; requested_datetime: string; agency_responsible: string; expected_datetime: string | null };
    };
    expect(await follow()).toMatchObject({ status: 'open', status_notes: '已派遣至处置单位', agency_responsible: g.name });

    const steps: [string, string, object, string][] = [
      [worker.username, 'accept', {}, '处置单位已签收'],
      [worker.username, 'start', {}, '正在处置'],
      [worker.username, 'complete', { note: '已清运，桶已清洗' }, '已处置，待核查：已清运，桶已清洗'],
      [gridLeader.username, 'verify', { note: '现场核查属实' }, '已核查，待结案'],
    ];
    for (const [who, action, body, notes] of steps) {
      expect((await act(t, who, detail.id, action, body)).status).toBe(200);
      expect(await follow()).toMatchObject({ status: 'open', status_notes: notes });
    }
    expect((await act(t, zoneLeader.username, detail.id, 'close', {})).status).toBe(200);
    const closed = await follow();
    expect(closed).toMatchObject({ status: 'closed', status_notes: '已结案：已清运，桶已清洗', expected_datetime: null });
    expect(closed.updated_datetime >= closed.requested_datetime).toBe(true);
    const closedAt = (await caseOf(t, id)).closedAt as string;
    expect(closed.updated_datetime).toBe(closedAt.replace(/\.\d{3}Z$/, 'Z'));
    const listed = (await o.get(`requests.json?service_request_id=${id}&status=open`)).body as { status: string }[];
    expect(listed).toEqual([expect.objectContaining({ status: 'closed' })]);
  });
});

describe('Open311 API keys', () => {
  const t = useTestApp({ OPEN311_RATE_LIMIT: '3' });
  const o = open311(t);

  it('limits requests per key, refuses a revoked key, and keeps only a hash', async () => {
    const keys = t.app.get(ApiKeyService);
    const { grid } = await gridFixture(t, 74);
    const form = (key: string) => ({ api_key: key, service_code: 'city.litter', lat: String(grid.centroid.lat), long: String(grid.centroid.lng) });
    const first = await keys.create('limit-test-a');
    const second = await keys.create('limit-test-b');
    expect(first.key).toMatch(/^o311_[\w-]{32}$/);
    for (let i = 0; i < 3; i++) expect((await o.post('requests.json', form(first.key))).status).toBe(200);
    const limited = await o.post('requests.json', form(first.key));
    expect(limited.status).toBe(429);
    expect(limited.body).toEqual([{ code: 429, description: expect.any(String) }]);
    expect((await o.post('requests.json', form(second.key))).status).toBe(200);

    await keys.revoke('limit-test-b');
    expect((await o.post('requests.json', form(second.key))).status).toBe(403);
    const stored = (await keys.list()).find((k) => k.name === 'limit-test-b');
    expect(stored?.revokedAt).not.toBeNull();
    expect(stored?.lastUsedAt).not.toBeNull();
    const rows = (await t.app.get(ApiKeyService)['dataSource'].query(`SELECT key_hash FROM api_keys WHERE name = 'limit-test-a'`)) as { key_hash: string }[];
    expect(rows[0].key_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(rows[0].key_hash).not.toContain(first.key);
    await expect(keys.create('limit-test-a')).rejects.toThrow(/exists already/);
  });

  it('has the demo key once, however often the server starts on the demo', async () => {
    await t.app.get(DemoLoader).prepareEmptyDatabase();
    await t.app.get(DemoLoader).prepareEmptyDatabase();
    expect((await t.app.get(ApiKeyService).list()).filter((k) => k.name === 'demo')).toEqual([expect.objectContaining({ revokedAt: null })]);
  });
});
