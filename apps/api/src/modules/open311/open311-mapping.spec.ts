import { AppError } from '../../common/app-error';
import { renderOpen311, splitResource } from './open311-format';
import { open311Status, parseRequestFilters, parseServiceRequestForm, placeInAddress, statusNotes, toServiceRequest, type Open311Case, type PublicStatusEvent } from './open311-mapping';

const NOW = new Date('2026-11-23T12:00:00.000Z');
const DAY = 86400_000;

function refusalOf(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('open311Status', () => {
  it.each([
    ['reported', 'open'],
    ['dispatched', 'open'],
    ['handled', 'open'],
    ['verified', 'open'],
    ['closed', 'closed'],
    ['rejected', 'closed'],
    ['cancelled', 'closed'],
  ] as const)('%s is %s', (status, expected) => {
    expect(open311Status(status)).toBe(expected);
  });
});

describe('statusNotes', () => {
  const at = new Date('2026-11-20T08:00:00Z');
  const e = (kind: string, toStatus: PublicStatusEvent['toStatus'], note: string | null = null): PublicStatusEvent => ({ kind, toStatus, at, note });

  it.each([
    ['a dispatched case', 'dispatched', [e('reported', 'reported'), e('dispatched', 'dispatched', '请尽快处理')], '已派遣至处置单位'],
    ['a rejection, with its reason', 'rejected', [e('reported', 'reported'), e('rejected', 'rejected', '不属于受理范围')], '不予立案：不属于受理范围'],
    ['a closure with its own note', 'closed', [e('completed', 'handled', '已修复'), e('closed', 'closed', '居民满意')], '已结案：居民满意'],
    ['a closure without a note: the result', 'closed', [e('completed', 'handled', '已修复'), e('verified', 'verified', '属实'), e('closed', 'closed')], '已结案：已修复'],
    ['a closure after rework: the latest result', 'closed', [e('completed', 'handled', '第一次'), e('rework', 'in_progress', '未修好'), e('completed', 'handled', '第二次'), e('closed', 'closed')], '已结案：第二次'],
    ['an internal note is not shown', 'in_progress', [e('started', 'in_progress', '带上工具')], '正在处置'],
  ] as const)('tells %s', (_what, status, events, expected) => {
    expect(statusNotes(status, events)).toBe(expected);
  });
});

describe('toServiceRequest', () => {
  const base: Open311Case = {
    code: 'HK20261123-0001',
    status: 'dispatched',
    categoryCode: 'city.litter',
    categoryName: '暴露垃圾',
    description: null,
    address: null,
    lat: 32.7,
    lng: 108.8,
    reportedAt: new Date('2026-11-23T01:02:03.456Z'),
    handleDueAt: new Date('2026-11-25T09:30:00.000Z'),
    agency: '某村第1网格',
    mediaUrl: null,
  };

  it('writes UTC times to the second ending in Z, ids as strings, and an open case’s due time', () => {
    const r = toServiceRequest(base, []);
    expect(r).toMatchObject({ service_request_id: 'HK20261123-0001', requested_datetime: '2026-11-23T01:02:03Z', updated_datetime: '2026-11-23T01:02:03Z', expected_datetime: '2026-11-25T09:30:00Z' });
  });

  it('dates a closed request by its last status change and expects nothing more', () => {
    const closedAt = new Date('2026-11-24T06:00:00.000Z');
    const r = toServiceRequest({ ...base, status: 'closed' }, [{ kind: 'closed', toStatus: 'closed', at: closedAt, note: null }]);
    expect(r).toMatchObject({ status: 'closed', updated_datetime: '2026-11-24T06:00:00Z', expected_datetime: null });
  });
});

describe('parseRequestFilters', () => {
  it('defaults to the last 90 days and 1,000 requests', () => {
    expect(parseRequestFilters({}, NOW)).toEqual({ ids: null, serviceCodes: null, statuses: null, from: new Date(NOW.getTime() - 90 * DAY), to: NOW, limit: 1000 });
  });

  it.each([
    ['a start alone: 90 days from it', { start_date: '2026-01-01T00:00:00Z' }, '2026-01-01T00:00:00.000Z', '2026-04-01T00:00:00.000Z'],
    ['an end alone: 90 days up to it', { end_date: '2026-04-01T00:00:00Z' }, '2026-01-01T00:00:00.000Z', '2026-04-01T00:00:00.000Z'],
    ['both, with an offset zone', { start_date: '2026-01-01T08:00:00+08:00', end_date: '2026-01-31' }, '2026-01-01T00:00:00.000Z', '2026-01-31T00:00:00.000Z'],
  ])('takes %s', (_what, query, from, to) => {
    const f = parseRequestFilters(query, NOW);
    expect([f.from.toISOString(), f.to.toISOString()]).toEqual([from, to]);
  });

  it('reads comma lists and repeated parameters; empty ones are absent', () => {
    const f = parseRequestFilters({ service_request_id: ['A,B', 'C', 'A'], service_code: '', status: 'open, closed' }, NOW);
    expect(f).toMatchObject({ ids: ['A', 'B', 'C'], serviceCodes: null, statuses: ['open', 'closed'] });
  });

  it.each([
    [{ status: 'done' }, 'status'],
    [{ start_date: '2026-01-01T00:00:00' }, 'start_date'],
    [{ end_date: 'soon' }, 'end_date'],
    [{ start_date: '2026-01-01T00:00:00Z', end_date: '2026-04-02T00:00:00Z' }, 'end_date'],
    [{ start_date: '2026-02-01T00:00:00Z', end_date: '2026-01-01T00:00:00Z' }, 'start_date'],
    [{ service_request_id: Array.from({ length: 201 }, (_, i) => `HK${i}`).join(',') }, 'service_request_id'],
  ])('refuses %j naming %s', (query, field) => {
    expect(refusalOf(() => parseRequestFilters(query, NOW)).fields).toHaveProperty([field]);
  });
});

describe('parseServiceRequestForm', () => {
  const form = { service_code: 'city.litter', lat: '32.7', long: '108.8' };

  it.each([
    ['nested by the body parser', { ...form, attribute: { size: 'large', kinds: ['a', 'b'] } }],
    ['with bracketed names kept', { ...form, 'attribute[size]': 'large', 'attribute[kinds][]': ['a', 'b'] }],
  ])('reads attributes %s', (_what, body) => {
    expect(parseServiceRequestForm(body).attributes).toEqual({ size: 'large', kinds: ['a', 'b'] });
  });

  it('puts the family name first, strips HTML and drops empty fields', () => {
    const f = parseServiceRequestForm({ ...form, first_name: '小明', last_name: '王', description: ' <p>有<b>垃圾</b></p> ', email: '', phone: '' });
    expect(f).toMatchObject({ reporterName: '王小明', description: '有垃圾', email: null, phone: null, location: { lat: 32.7, lng: 108.8 } });
  });

  it.each([
    [{ lat: '32.7', long: '' }, 'long'],
    [{ lat: 'north', long: '108.8' }, 'lat'],
    [{ lat: '', long: '' }, 'lat'],
    [{ lat: '', long: '', address_id: '42' }, 'lat'],
    [{ service_code: '' }, 'service_code'],
    [{ media_url: 'ftp://example.com/a.jpg' }, 'media_url'],
    [{ phone: 'call me' }, 'phone'],
    [{ attribute: 'size' }, 'attribute'],
    [{ 'attribute[size]': { nested: 'x' } }, 'attribute[size]'],
    [{ 'attribute[__proto__]': 'x' }, 'attribute'],
    [{ 'attribute[a b]': 'x' }, 'attribute'],
  ])('refuses %j naming %s', (override, field) => {
    expect(refusalOf(() => parseServiceRequestForm({ ...form, ...override })).fields).toHaveProperty([field]);
  });
});

describe('placeInAddress', () => {
  const places = [
    { name: '东坝村', lat: 1, lng: 1 },
    { name: '东坝村第2网格', lat: 2, lng: 2 },
    { name: '恒口社区', lat: 3, lng: 3 },
  ];
  it.each([
    ['恒口镇 东坝村 3组', '东坝村'],
    ['东坝村第2网格 小卖部旁', '东坝村第2网格'],
    ['恒 口 社 区', '恒口社区'],
    ['北京市东城区', null],
  ])('finds the most specific place in %s', (address, expected) => {
    expect(placeInAddress(address, places)?.name ?? null).toBe(expected);
  });
});

describe('the formats', () => {
  it.each([
    ['services.json', { name: 'services', format: 'json' }],
    ['city.litter.XML', { name: 'city.litter', format: 'xml' }],
    ['services', null],
    ['services.html', null],
    ['.json', null],
  ])('splits %s', (file, expected) => {
    expect(splitResource(file)).toEqual(expected);
  });

  it('writes lists under the spec’s elements, escapes text and keeps empty values as empty elements', () => {
    const xml = renderOpen311('xml', 'service_requests', [{ service_request_id: 'HK1', status_notes: 'a < b & c', zipcode: null, attributes: [{ values: [{ key: '1' }] }] }]);
    expect(xml).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<service_requests>',
        '  <request>',
        '    <service_request_id>HK1</service_request_id>',
        '    <status_notes>a &lt; b &amp; c</status_notes>',
        '    <zipcode/>',
        '    <attributes>',
        '      <attribute>',
        '        <values>',
        '          <value>',
        '            <key>1</key>',
        '          </value>',
        '        </values>',
        '      </attribute>',
        '    </attributes>',
        '  </request>',
        '</service_requests>',
        '',
      ].join('\n'),
    );
    expect(renderOpen311('xml', 'services', [])).toBe('<?xml version="1.0" encoding="UTF-8"?>\n<services></services>\n');
  });
});
