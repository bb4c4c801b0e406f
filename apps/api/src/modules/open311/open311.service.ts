import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { CaseStatus, CategoryExtraField, ExtraFieldValues } from '@grid/contracts';
import { checkExtraFields, describeWithExtraFields } from '@grid/domain';
import { DataSource, EntityManager } from 'typeorm';
import { AppError, invalid, notFound } from '../../common/app-error';
import { AreaIndexService } from '../areas/area-index.service';
import { CaseCommandService } from '../cases/case-commands.service';
import type { CaseEntity } from '../cases/case.entity';
import { ApiKeyService } from './api-keys.service';
import {
  parseRequestFilters,
  parseServiceRequestForm,
  placeInAddress,
  toService,
  toServiceDefinition,
  toServiceRequest,
  utc,
  type NamedPlace,
  type PublicStatusEvent,
  type ServiceCategory,
  type ServiceRequestForm,
} from './open311-mapping';
import type { Open311CreatedRequest, Open311Discovery, Open311ServiceEntry, Open311ServiceDefinition, Open311ServiceRequest, Open311Token } from './open311.types';

/** When this server's Open311 interface last changed (discovery's changeset). */
const CHANGESET = '2026-11-23T00:00:00Z';
const TRACKING_TOKEN = /^[A-Za-z0-9_-]{8,32}$/;

interface CategoryRow {
  code: string;
  name: string;
  name_en: string;
  extra_fields: CategoryExtraField[];
  parent_name: string | null;
  parent_name_en: string | null;
}

interface RequestRow {
  id: string;
  code: string;
  status: CaseStatus;
  category_code: string;
  category_name: string;
  description: string;
  address: string | null;
  lat: number;
  lng: number;
  reported_at: Date;
  handle_due_at: Date | null;
  agency: string | null;
  media_url: string | null;
  via_open311: boolean;
}

/**
 * Open311 GeoReport v2 over our cases. Services are the leaf categories that are not sensitive;
 * a request is a case (sensitive categories never appear); a new request is a report through the same
 * intake as every other channel (routing, SLA, push).
 */
@Injectable()
export class Open311Service {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly keys: ApiKeyService,
    private readonly commands: CaseCommandService,
    private readonly areaIndex: AreaIndexService,
  ) {}

  discovery(baseUrl: string): Open311Discovery {
    return {
      changeset: CHANGESET,
      contact: '综治中心（指挥中心）/ the district command centre',
      key_service: 'API keys are issued by the administrator (npm run cli -- create-api-key --name CLIENT); the demo key is demo-open311-key',
      endpoints: [{ specification: 'http://wiki.open311.org/GeoReport_v2', url: baseUrl, changeset: CHANGESET, type: 'production', formats: ['text/xml', 'application/json'] }],
    };
  }

  async services(): Promise<Open311ServiceEntry[]> {
    return (await this.serviceCategories()).map(toService);
  }

  async serviceDefinition(code: string): Promise<Open311ServiceDefinition> {
    const [category] = await this.serviceCategories(code);
    if (!category) throw notFound(`service_code ${code}`);
    return toServiceDefinition(category);
  }

  async requests(query: Record<string, unknown>): Promise<Open311ServiceRequest[]> {
    const f = parseRequestFilters(query, new Date());
    const where: string[] = [];
    const params: unknown[] = [];
    const param = (value: unknown) => `$${params.push(value)}`;
    if (f.ids) where.push(`c.code = ANY(${param(f.ids)})`);
    else {
      where.push(`c.reported_at >= ${param(f.from)}`, `c.reported_at <= ${param(f.to)}`);
      if (f.serviceCodes) where.push(`c.category_code = ANY(${param(f.serviceCodes)})`);
      if (f.statuses?.length === 1) where.push(`c.status ${f.statuses[0] === 'closed' ? '' : 'NOT '}IN ('closed', 'rejected', 'cancelled')`);
    }
    return this.findRequests(where, params, f.limit);
  }

  async request(id: string): Promise<Open311ServiceRequest[]> {
    const found = await this.findRequests(['c.code = $1'], [id], 1);
    if (!found.length) throw notFound(`service_request_id ${id}`);
    return found;
  }

  /** Our tracking tokens (the number a resident follows a case by) resolve to their request. */
  async token(token: string): Promise<Open311Token[]> {
    const rows = TRACKING_TOKEN.test(token)
      ? ((await this.dataSource.query(
          `SELECT c.code FROM cases c JOIN categories cat ON cat.code = c.category_code AND NOT cat.sensitive WHERE c.tracking_token = $1`,
          [token],
        )) as { code: string }[])
      : [];
    if (!rows.length) throw notFound(`token ${token}`);
    return [{ service_request_id: rows[0].code, token }];
  }

  async create(body: Record<string, unknown>, apiKey: string | undefined): Promise<Open311CreatedRequest[]> {
    const client = apiKey ? await this.keys.verify(apiKey) : null;
    if (!client) throw new AppError('forbidden', apiKey ? 'invalid api_key' : 'api_key is required', { api_key: apiKey ? 'invalid' : 'required' });
    const form = parseServiceRequestForm(body);
    const [category] = await this.serviceCategories(form.serviceCode);
    if (!category) throw invalid(`unknown service_code ${form.serviceCode}`, { service_code: 'unknown service' });
    const checked = checkExtraFields(category.extraFields, form.attributes);
    if (!checked.ok) throw invalid(checked.refusal.message, { [checked.refusal.field ?? 'attribute']: checked.refusal.message });
    const location = form.location ?? (await this.locateAddress(form.address ?? ''));
    if (!this.areaIndex.locateGridId(location)) throw invalid('the location is outside the territory', { lat: 'outside the territory', long: 'outside the territory' });
    const description = describeWithExtraFields(form.description, category.extraFields, checked.value);
    const reporter = form.reporterName || form.phone ? { name: form.reporterName ?? '', phone: form.phone ?? '' } : undefined;
    const row = await this.commands.reportAsResident(
      { categoryCode: category.code, description, location, address: form.address, priority: 'normal', source: 'open311', reporter },
      (manager, created) => this.record(manager, created, client.id, form, checked.value),
    );
    return [
      {
        service_request_id: row.code,
        service_notice: `已受理，编号 ${row.code}${row.handleDueAt ? `，预计 ${utc(row.handleDueAt)} 前处置` : ''}；凭跟踪码 ${row.trackingToken} 可查询进度（/track/${row.trackingToken}）`,
        account_id: form.accountId,
      },
    ];
  }

  /** What the request brought beyond the case: the client, its attributes, media, contact (never answered). */
  private async record(manager: EntityManager, row: CaseEntity, apiKeyId: string, form: ServiceRequestForm, attributes: ExtraFieldValues): Promise<void> {
    await manager.query(
      `INSERT INTO open311_requests (case_id, api_key_id, attributes, media_url, email, device_id, account_id) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [row.id, apiKeyId, JSON.stringify(attributes), form.mediaUrl, form.email, form.deviceId, form.accountId],
    );
  }

  private async locateAddress(address: string): Promise<{ lat: number; lng: number }> {
    const places = (await this.dataSource.query(`SELECT name, centroid_lat AS lat, centroid_lng AS lng FROM areas WHERE level IN ('village', 'grid')`)) as NamedPlace[];
    const place = address ? placeInAddress(address, places) : null;
    if (!place) throw invalid('address_string names no village or community of the territory: send lat and long', { address_string: 'not found in the territory' });
    return { lat: place.lat, lng: place.lng };
  }

  /** Leaf categories offered as services (sensitive ones never are); one when `code` is given. */
  private async serviceCategories(code?: string): Promise<ServiceCategory[]> {
    const rows = (await this.dataSource.query(
      `SELECT c.code, c.name, c.name_en, c.extra_fields, p.name AS parent_name, p.name_en AS parent_name_en
       FROM categories c LEFT JOIN categories p ON p.code = c.parent_code
       WHERE c.active AND NOT c.sensitive AND c.parent_code IS NOT NULL AND ($1::varchar IS NULL OR c.code = $1)
       ORDER BY c.sort_order, c.code`,
      [code ?? null],
    )) as CategoryRow[];
    return rows.map((r) => ({ code: r.code, name: r.name, nameEn: r.name_en, extraFields: r.extra_fields, parentName: r.parent_name, parentNameEn: r.parent_name_en }));
  }

  private async findRequests(where: string[], params: unknown[], limit: number): Promise<Open311ServiceRequest[]> {
    const rows = (await this.dataSource.query(
      `SELECT c.id, c.code, c.status, c.category_code, cat.name AS category_name, c.description, c.address, c.lat, c.lng, c.reported_at, c.handle_due_at,
              coalesce(d.name, a.name) AS agency, o.media_url, o.case_id IS NOT NULL AS via_open311
       FROM cases c
       JOIN categories cat ON cat.code = c.category_code AND NOT cat.sensitive
       LEFT JOIN open311_requests o ON o.case_id = c.id
       LEFT JOIN departments d ON d.id = c.handling_department_id
       LEFT JOIN areas a ON a.id = c.handling_area_id
       WHERE ${where.join(' AND ')}
       ORDER BY c.reported_at DESC, c.code
       LIMIT ${limit}`,
      params,
    )) as RequestRow[];
    const events = await this.publicTimelines(rows.map((r) => r.id));
    return rows.map((r) =>
      toServiceRequest(
        {
          code: r.code,
          status: r.status,
          categoryCode: r.category_code,
          categoryName: r.category_name,
          // What other channels recorded was written for the administration, not for publication.
          description: r.via_open311 ? r.description : null,
          address: r.address,
          lat: r.lat,
          lng: r.lng,
          reportedAt: r.reported_at,
          handleDueAt: r.handle_due_at,
          agency: r.agency,
          mediaUrl: r.media_url,
        },
        events.get(r.id) ?? [],
      ),
    );
  }

  /** Each case's status changes, in order: the public timeline. */
  private async publicTimelines(caseIds: string[]): Promise<Map<string, PublicStatusEvent[]>> {
    const timelines = new Map<string, PublicStatusEvent[]>();
    if (!caseIds.length) return timelines;
    const rows = (await this.dataSource.query(
      `SELECT case_id, kind, to_status, at, note FROM case_events WHERE case_id = ANY($1) AND from_status IS DISTINCT FROM to_status ORDER BY seq`,
      [caseIds],
    )) as { case_id: string; kind: string; to_status: CaseStatus; at: Date; note: string | null }[];
    for (const r of rows) {
      const list = timelines.get(r.case_id) ?? [];
      list.push({ kind: r.kind, toStatus: r.to_status, at: r.at, note: r.note });
      timelines.set(r.case_id, list);
    }
    return timelines;
  }
}
