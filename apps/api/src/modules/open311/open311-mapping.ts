/**
 * Pure mappings between our words and Open311 GeoReport v2: categories → services, cases → service
 * requests, query strings and forms → filters and reports. No I/O; unit-tested in open311-mapping.spec.ts.
 */
import type { CaseStatus, CategoryExtraField, ExtraFieldValues } from '@grid/contracts';
import { z } from 'zod';
import { invalid } from '../../common/app-error';
import { ZodValidationPipe } from '../../common/zod-validation.pipe';
import type { Open311Attribute, Open311ServiceEntry, Open311ServiceDefinition, Open311ServiceRequest } from './open311.types';

/** A leaf category as a service needs it. */
export interface ServiceCategory {
  code: string;
  name: string;
  nameEn: string;
  parentName: string | null;
  parentNameEn: string | null;
  extraFields: CategoryExtraField[];
}

export function toService(c: ServiceCategory): Open311ServiceEntry {
  return {
    service_code: c.code,
    service_name: c.name,
    description: c.parentName ? `${c.parentName} · ${c.name} (${c.nameEn})` : `${c.name} (${c.nameEn})`,
    metadata: c.extraFields.length > 0,
    type: 'realtime',
    keywords: [c.nameEn, c.parentNameEn].filter(Boolean).join(', '),
    group: c.parentName,
  };
}

const DATATYPE_DESCRIPTIONS: Record<CategoryExtraField['type'], string> = {
  string: '一行文字 (one line of text)',
  text: '文字 (text)',
  number: '数字 (a number)',
  datetime: '日期时间，带时区，如 2026-11-23T08:30:00Z (date and time with its zone)',
  singlevaluelist: '选择一项 (choose one)',
  multivaluelist: '可选多项 (choose one or more)',
};

export function toServiceDefinition(c: Pick<ServiceCategory, 'code' | 'extraFields'>): Open311ServiceDefinition {
  return {
    service_code: c.code,
    attributes: c.extraFields.map(
      (f, i): Open311Attribute => ({
        variable: true,
        code: f.code,
        datatype: f.type,
        required: f.required,
        datatype_description: DATATYPE_DESCRIPTIONS[f.type],
        order: i + 1,
        description: f.description ? `${f.name}（${f.description}）` : f.name,
        ...(f.options ? { values: f.options.map((o) => ({ key: o.key, name: o.name })) } : {}),
      }),
    ),
  };
}

const ENDED: readonly CaseStatus[] = ['closed', 'rejected', 'cancelled'];

/** Open311 knows two statuses: a case is closed once it is closed, rejected or cancelled. */
export function open311Status(status: CaseStatus): 'open' | 'closed' {
  return ENDED.includes(status) ? 'closed' : 'open';
}

/** What a resident reads for each status of the loop. */
const STATUS_NOTES: Record<CaseStatus, string> = {
  reported: '已收到，待立案',
  registered: '已立案，待派遣',
  dispatched: '已派遣至处置单位',
  accepted: '处置单位已签收',
  in_progress: '正在处置',
  handled: '已处置，待核查',
  verified: '已核查，待结案',
  closed: '已结案',
  rejected: '不予立案',
  cancelled: '已撤销',
};

/** Timeline entries whose note is written for the reporter: a refusal's reason, the result, the closure. */
const PUBLIC_NOTE_KINDS = new Set(['rejected', 'completed', 'self_handled', 'closed', 'cancelled']);

/** A status change of the public timeline (who acted is not public). */
export interface PublicStatusEvent {
  kind: string;
  toStatus: CaseStatus;
  at: Date;
  note: string | null;
}

/**
 * The status in words, with the note meant for the reporter: a closed case tells the result of the
 * handling when the closure itself has no note.
 */
export function statusNotes(status: CaseStatus, events: readonly PublicStatusEvent[]): string {
  const latest = [...events].reverse();
  const own = latest.find((e) => e.toStatus === status);
  const note =
    (own && PUBLIC_NOTE_KINDS.has(own.kind) ? own.note : null) ??
    (status === 'closed' ? (latest.find((e) => e.kind === 'completed' || e.kind === 'self_handled')?.note ?? null) : null);
  return note ? `${STATUS_NOTES[status]}：${note}` : STATUS_NOTES[status];
}

/** A case as Open311 shows it: no reporter, no internal actors. */
export interface Open311Case {
  code: string;
  status: CaseStatus;
  categoryCode: string;
  categoryName: string;
  /** Null when the description is not for the public (reports from other channels). */
  description: string | null;
  address: string | null;
  lat: number;
  lng: number;
  reportedAt: Date;
  handleDueAt: Date | null;
  agency: string | null;
  mediaUrl: string | null;
}

export function toServiceRequest(c: Open311Case, events: readonly PublicStatusEvent[]): Open311ServiceRequest {
  const last = events.length ? events[events.length - 1].at : c.reportedAt;
  return {
    service_request_id: c.code,
    status: open311Status(c.status),
    status_notes: statusNotes(c.status, events),
    service_name: c.categoryName,
    service_code: c.categoryCode,
    description: c.description,
    agency_responsible: c.agency,
    service_notice: null,
    requested_datetime: utc(c.reportedAt),
    updated_datetime: utc(last),
    expected_datetime: c.handleDueAt && open311Status(c.status) === 'open' ? utc(c.handleDueAt) : null,
    address: c.address,
    address_id: null,
    zipcode: null,
    lat: c.lat,
    long: c.lng,
    media_url: c.mediaUrl,
  };
}

/** UTC to the second, ending in Z (what every Open311 validator accepts). */
export function utc(at: Date): string {
  return at.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export const DEFAULT_WINDOW_DAYS = 90;
export const MAX_REQUESTS = 1000;
const MAX_IDS = 200;
const DAY_MS = 24 * 3600 * 1000;
/** A W3C date, or a date-time with its zone. */
const W3C_TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2}))?$/;

export interface RequestFilters {
  /** Service request ids: when given, every other filter is ignored (the spec). */
  ids: string[] | null;
  serviceCodes: string[] | null;
  from: Date;
  to: Date;
  statuses: ('open' | 'closed')[] | null;
  limit: number;
}

/** The spec treats an empty parameter as an absent one; a repeated one as a comma list. */
function listParam(value: unknown): string[] | null {
  const raw = (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string');
  const items = raw.flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
  return items.length ? [...new Set(items)] : null;
}

function timeParam(query: Record<string, unknown>, name: string): Date | null {
  const [value, ...more] = listParam(query[name]) ?? [];
  if (value === undefined) return null;
  const at = W3C_TIME.test(value) ? new Date(value) : null;
  if (more.length || !at || Number.isNaN(at.getTime())) throw invalid(`${name} must be a W3C date-time with its zone, e.g. 2026-11-23T00:00:00Z`, { [name]: 'not a date-time' });
  return at;
}

/** GET requests' filters: the default window is the last 90 days and the first 1,000 requests. */
export function parseRequestFilters(query: Record<string, unknown>, now: Date): RequestFilters {
  const ids = listParam(query['service_request_id']);
  if (ids && ids.length > MAX_IDS) throw invalid(`at most ${MAX_IDS} service_request_id values at once`, { service_request_id: 'too many' });
  const statuses = listParam(query['status']);
  const wrongStatus = statuses?.find((s) => s !== 'open' && s !== 'closed');
  if (wrongStatus !== undefined) throw invalid(`status must be open, closed or both, not "${wrongStatus}"`, { status: 'open or closed' });
  const start = timeParam(query, 'start_date');
  const end = timeParam(query, 'end_date');
  const to = end ?? (start ? new Date(start.getTime() + DEFAULT_WINDOW_DAYS * DAY_MS) : now);
  const from = start ?? new Date(to.getTime() - DEFAULT_WINDOW_DAYS * DAY_MS);
  if (from > to) throw invalid('start_date is after end_date', { start_date: 'after end_date' });
  if (to.getTime() - from.getTime() > DEFAULT_WINDOW_DAYS * DAY_MS) throw invalid(`start_date and end_date may span at most ${DEFAULT_WINDOW_DAYS} days`, { end_date: 'more than 90 days after start_date' });
  return { ids, serviceCodes: listParam(query['service_code']), from, to, statuses: statuses as RequestFilters['statuses'], limit: MAX_REQUESTS };
}

const optionalText = (max: number) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), z.string().trim().max(max).optional());
const optionalNumber = z.preprocess((v) => (typeof v === 'string' && v.trim() !== '' ? Number(v) : v === '' ? undefined : v), z.number().finite().optional());

const serviceRequestFormSchema = z.object({
  service_code: z.string({ error: 'service_code is required' }).trim().min(1, 'service_code is required').max(64),
  lat: optionalNumber.pipe(z.number().min(-90).max(90).optional()),
  long: optionalNumber.pipe(z.number().min(-180).max(180).optional()),
  address_string: optionalText(256),
  address_id: optionalText(128),
  email: optionalText(254).pipe(z.email().optional()),
  phone: optionalText(20).pipe(z.string().regex(/^\+?[0-9][0-9 -]{5,19}$/, 'a phone number').optional()),
  first_name: optionalText(32),
  last_name: optionalText(32),
  device_id: optionalText(128),
  account_id: optionalText(128),
  // Our cases take 2,000 characters (the spec allows up to 4,000: a server may be stricter).
  description: optionalText(2000),
  media_url: optionalText(1024).pipe(z.url({ protocol: /^https?$/, error: 'an http(s) URL' }).optional()),
});

/** A POST requests form, validated. */
export interface ServiceRequestForm {
  serviceCode: string;
  location: { lat: number; lng: number } | null;
  address: string | null;
  description: string;
  reporterName: string | null;
  phone: string | null;
  email: string | null;
  deviceId: string | null;
  accountId: string | null;
  mediaUrl: string | null;
  attributes: ExtraFieldValues;
}

/**
 * The form of POST requests (application/x-www-form-urlencoded): `attribute[CODE]=v`, or
 * `attribute[CODE][]=v1&attribute[CODE][]=v2` for a multiple value list, whether the body parser
 * nested them (`{attribute: {CODE: v}}`) or kept the bracketed names.
 */
export function parseServiceRequestForm(body: Record<string, unknown>): ServiceRequestForm {
  const f = new ZodValidationPipe(serviceRequestFormSchema).transform(body);
  if ((f.lat === undefined) !== (f.long === undefined)) throw invalid('lat and long go together', { [f.lat === undefined ? 'lat' : 'long']: 'required with the other coordinate' });
  const location = f.lat !== undefined && f.long !== undefined ? { lat: f.lat, lng: f.long } : null;
  if (!location && !f.address_string) {
    const message = f.address_id ? 'address_id is not supported here: send lat and long, or address_string' : 'a location is required: lat and long, or address_string';
    throw invalid(message, { lat: 'required', long: 'required' });
  }
  // Chinese names put the family name first.
  const name = [f.last_name, f.first_name].filter(Boolean).join('');
  return {
    serviceCode: f.service_code,
    location,
    address: f.address_string ?? null,
    description: (f.description ?? '').replace(/<[^>]*>/g, '').trim(),
    reporterName: name || null,
    phone: f.phone ?? null,
    email: f.email ?? null,
    deviceId: f.device_id ?? null,
    accountId: f.account_id ?? null,
    mediaUrl: f.media_url ?? null,
    attributes: attributesOf(body),
  };
}

const ATTRIBUTE_CODE = /^(?!__proto__$)[\w.-]{1,64}$/;

function attributesOf(body: Record<string, unknown>): ExtraFieldValues {
  const entries: [string, unknown][] = [];
  const nested = body['attribute'];
  if (nested !== undefined) {
    if (nested === null || typeof nested !== 'object' || Array.isArray(nested)) throw invalid('attributes go as attribute[CODE]=value', { attribute: 'attribute[CODE]=value' });
    entries.push(...Object.entries(nested));
  }
  for (const [key, value] of Object.entries(body)) {
    const match = /^attribute\[([^\]]+)\](\[\])?$/.exec(key);
    if (match) entries.push([match[1], value]);
  }
  const values: ExtraFieldValues = {};
  for (const [code, value] of entries) {
    if (!ATTRIBUTE_CODE.test(code)) throw invalid(`attribute[${code.slice(0, 64)}] is not an attribute code`, { attribute: 'letters, digits, _ . -' });
    const list = Array.isArray(value) ? value : [value];
    if (!list.every((v) => typeof v === 'string')) throw invalid(`attribute[${code}] must be text`, { [`attribute[${code}]`]: 'text' });
    const strings = list as string[];
    const previous = values[code];
    const merged = previous === undefined ? strings : [...(Array.isArray(previous) ? previous : [previous]), ...strings];
    values[code] = merged.length === 1 ? merged[0] : merged;
  }
  return values;
}

/** An area whose name a free-text address may mention. */
export interface NamedPlace {
  name: string;
  lat: number;
  lng: number;
}

/**
 * Locates an address without a geocoder: the most specific place of the territory (the longest name)
 * that the address mentions, e.g. "恒口镇 某某村 3组" → that village's centre.
 */
export function placeInAddress(address: string, places: readonly NamedPlace[]): NamedPlace | null {
  const text = address.replace(/\s+/g, '');
  let best: NamedPlace | null = null;
  for (const place of places) if (place.name.length >= 2 && text.includes(place.name) && (!best || place.name.length > best.name.length)) best = place;
  return best;
}
