import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { HOTLINE_URGENCIES, type HotlineImportResult, type HotlineOrderAccepted, type HotlineOrderParsed, type LatLng, type placeWorkOrderSchema, type WorkOrderDto, type workOrderListQuerySchema } from '@grid/contracts';
import { matchAddress, type AddressPlace } from '@grid/domain';
import { DataSource, EntityManager } from 'typeorm';
import type { z } from 'zod';
import { AppError, invalid, notFound } from '../../common/app-error';
import { AreaIndexService } from '../areas/area-index.service';
import { AuditLog } from '../audit/audit-log.service';
import type { AuthUser } from '../auth/auth-user';
import { CaseCommandService } from '../cases/case-commands.service';
import type { CaseEntity } from '../cases/case.entity';
import { CaseQueryService } from '../cases/case-query.service';
import { HotlineCategoryMappings } from './category-mappings.service';
import { IntegrationClientService, type IntegrationClient } from '../integrations/integration-clients.service';
import { readWorkOrderSheet } from './work-order-import';
import { toWorkOrderDto, WORK_ORDER_SELECT, type WorkOrderRow } from './work-order-rows';

/** Another request of the same order won the race: this one's case is rolled back and the first one answered. */
class SameOrderWritten extends Error {}

const PLACES_CACHE_MS = 60_000;
/** The front desk and the command centre see the caller in full. */
const DESK_ROLES = ['operator', 'admin'];

export interface ReceivedOrder {
  status: 200 | 201 | 202;
  body: HotlineOrderAccepted;
}

/**
 * Work orders (工单) of the 12345 hotline: each becomes a case with source `hotline`, in one transaction with its
 * events, located by its coordinates or by its address against the territory's place names; an order neither
 * locates waits for the front desk to place it by hand. The same order number of a client is one work order and
 * one case, however many times and on however many instances it arrives (a unique key; the loser rolls back).
 */
@Injectable()
export class WorkOrderService {
  private places: { list: Promise<AddressPlace[]>; until: number } | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly commands: CaseCommandService,
    private readonly cases: CaseQueryService,
    private readonly areaIndex: AreaIndexService,
    private readonly mappings: HotlineCategoryMappings,
    private readonly audit: AuditLog,
    private readonly clients: IntegrationClientService,
  ) {}

  /**
   * Batch import from a hotline's .xlsx export (for hotlines without an interface): every valid row is received as a
   * pushed order would be (the same dedup by order number), one at a time; the others are reported by row.
   */
  async importSheet(user: AuthUser, clientId: string, data: Buffer): Promise<HotlineImportResult> {
    const client = await this.clients.live(clientId);
    if (!client || client.kind !== 'hotline') throw invalid('clientId names no live hotline client', { clientId: 'unknown hotline client' });
    const sheet = await readWorkOrderSheet(data);
    const result: HotlineImportResult = { rows: sheet.count, created: 0, duplicates: 0, awaitingPlacement: 0, problems: sheet.problems };
    for (const { row, order } of sheet.rows) {
      try {
        const received = await this.receive(client, order);
        if (received.status === 200) result.duplicates += 1;
        else if (received.status === 202) result.awaitingPlacement += 1;
        else result.created += 1;
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        result.problems.push({ row, message: error.message });
      }
    }
    result.problems.sort((a, b) => a.row - b.row);
    await this.audit.record({ action: 'hotline_orders_imported', actorId: user.id, username: user.username, detail: { clientId, ...result, problems: result.problems.length } });
    return result;
  }

  async receive(client: IntegrationClient, order: HotlineOrderParsed): Promise<ReceivedOrder> {
    const existing = await this.existing(client.id, order.orderNo);
    if (existing) return { status: 200, body: existing };
    const { categoryCode, unmapped } = await this.mappings.resolve(order.category);
    const location = await this.locate(order.location ?? null, order.address ?? null);
    const fields = { clientId: client.id, order, categoryCode, unmapped, location };
    try {
      if (!location) {
        const id = await this.insert(this.dataSource.manager, fields, null);
        return { status: 202, body: { caseId: null, caseCode: null, workOrderId: id, state: 'awaiting_placement' } };
      }
      let workOrderId = '';
      const row = await this.commands.reportAsResident(this.reportOf(order, categoryCode, location, order.address ?? null), async (manager, created) => {
        workOrderId = await this.insert(manager, fields, created);
      });
      return { status: 201, body: { caseId: row.id, caseCode: row.code, workOrderId, state: 'placed' } };
    } catch (error) {
      if (!(error instanceof SameOrderWritten)) throw error;
      const first = await this.existing(client.id, order.orderNo);
      if (!first) throw error;
      return { status: 200, body: first };
    }
  }

  /** The front desk places an order its address did not locate: the case is opened now, at the point chosen. */
  async place(user: AuthUser, id: string, body: z.output<typeof placeWorkOrderSchema>): Promise<WorkOrderDto> {
    const order = await this.row(id);
    if (order.state !== 'awaiting_placement') throw new AppError('conflict', 'the work order is already placed', undefined, 'already_placed');
    if (!this.areaIndex.locateGridId(body.location)) throw invalid('the location is outside every grid of the territory', { location: 'outside the territory' });
    const categoryCode = body.categoryCode ?? order.category_code;
    const address = body.address ?? order.address;
    const parsed = { content: order.content, notes: order.notes, urgency: order.priority, caller: order.caller_name && order.caller_phone ? { name: order.caller_name, phone: order.caller_phone } : null };
    await this.commands.reportAsResident(this.reportOf(parsed, categoryCode, body.location, address), async (manager, created) => {
      const placed = (await manager.query(
        `UPDATE work_orders SET state = 'placed', case_id = $2, placed_at = now(), placed_by = $3, lat = $4, lng = $5, category_code = $6, address = $7,
           category_unmapped = category_unmapped AND $8
         WHERE id = $1 AND state = 'awaiting_placement' RETURNING id`,
        [id, created.id, user.id, body.location.lat, body.location.lng, categoryCode, address, body.categoryCode === undefined],
      )) as [unknown[], number];
      if (!placed[0].length) throw new AppError('conflict', 'the work order was placed meanwhile', undefined, 'already_placed');
      await this.audit.record({ action: 'hotline_order_placed', actorId: user.id, username: user.username, detail: { workOrderId: id, orderNo: order.order_no, caseId: created.id } }, manager);
    });
    return toWorkOrderDto(await this.row(id), true, new Date());
  }

  /** The desk has checked the category of an order opened under the default: it leaves the queue. */
  async reviewed(user: AuthUser, id: string): Promise<WorkOrderDto> {
    await this.row(id);
    await this.dataSource.query(`UPDATE work_orders SET category_unmapped = false WHERE id = $1`, [id]);
    return toWorkOrderDto(await this.row(id), DESK_ROLES.includes(user.role), new Date());
  }

  async list(user: AuthUser, query: z.output<typeof workOrderListQuerySchema>): Promise<{ items: WorkOrderDto[]; total: number }> {
    const where: string[] = [];
    const params: unknown[] = [];
    const param = (v: unknown) => `$${params.push(v)}`;
    if (query.state) where.push(`w.state = ${param(query.state)}`);
    if (query.attention === 'true') where.push(`(w.state = 'awaiting_placement' OR w.category_unmapped)`);
    if (query.caseId) where.push(`w.case_id = ${param(query.caseId)}`);
    const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [{ total }] = (await this.dataSource.query(`SELECT count(*)::int AS total FROM work_orders w ${filter}`, params)) as { total: number }[];
    const rows = (await this.dataSource.query(`${WORK_ORDER_SELECT} ${filter} ORDER BY w.received_at DESC, w.id LIMIT ${query.pageSize} OFFSET ${(query.page - 1) * query.pageSize}`, params)) as WorkOrderRow[];
    const now = new Date();
    return { total, items: rows.map((r) => toWorkOrderDto(r, DESK_ROLES.includes(user.role), now)) };
  }

  /** The work order behind a case the caller may see (404 otherwise, or when the case is not a hotline's). */
  async ofCase(user: AuthUser, caseId: string): Promise<WorkOrderDto> {
    await this.cases.get(user, caseId);
    const [row] = (await this.dataSource.query(`${WORK_ORDER_SELECT} WHERE w.case_id = $1`, [caseId])) as WorkOrderRow[];
    if (!row) throw notFound('work order of the case');
    return toWorkOrderDto(row, DESK_ROLES.includes(user.role), new Date());
  }

  /** 退单 asked by whoever handles the case: it waits for the zone leader (or the command centre) to approve it. */
  async requestReturn(user: AuthUser, caseId: string, reason: string): Promise<WorkOrderDto> {
    const detail = await this.cases.get(user, caseId);
    if (['closed', 'rejected', 'cancelled'].includes(detail.status)) throw new AppError('conflict', 'the case has ended', undefined, 'wrong_status');
    const updated = (await this.dataSource.query(
      `UPDATE work_orders SET return_reason = $2, return_requested_at = now(), return_requested_by = $3 WHERE case_id = $1 AND state = 'placed' AND return_requested_at IS NULL RETURNING id`,
      [caseId, reason, user.id],
    )) as [unknown[], number];
    if (!updated[0].length) throw new AppError('conflict', 'no work order of this case can be returned now (none, or a return is already pending)', undefined, 'request_pending');
    await this.audit.record({ action: 'hotline_return_requested', actorId: user.id, username: user.username, detail: { caseId, reason } });
    return this.ofCase(user, caseId);
  }

  /** The return approved: the case is cancelled with the reason, and the hotline told (退单) in the same transaction. */
  async approveReturn(user: AuthUser, caseId: string, note: string | undefined): Promise<WorkOrderDto> {
    const order = await this.ofCase(user, caseId);
    if (!order.returnRequest) throw new AppError('conflict', 'no return was asked for', undefined, 'no_request');
    const text = note ? `${order.returnRequest.reason}（${note}）` : order.returnRequest.reason;
    await this.commands.act(user, caseId, 'cancel', { note: text, photoIds: [] }, { key: undefined, method: 'POST', path: `/api/hotline/cases/${caseId}/return/approve` }, { channelReturnRequested: true });
    return this.ofCase(user, caseId);
  }

  async denyReturn(user: AuthUser, caseId: string): Promise<WorkOrderDto> {
    const order = await this.ofCase(user, caseId);
    if (!order.returnRequest) throw new AppError('conflict', 'no return was asked for', undefined, 'no_request');
    if (!['zone_leader', 'operator', 'admin'].includes(user.role)) throw new AppError('forbidden', 'the zone leader or the command centre decides a return');
    await this.dataSource.query(`UPDATE work_orders SET return_reason = NULL, return_requested_at = NULL, return_requested_by = NULL WHERE case_id = $1 AND state = 'placed'`, [caseId]);
    return this.ofCase(user, caseId);
  }

  private reportOf(
    order: Pick<HotlineOrderParsed, 'content' | 'notes' | 'urgency' | 'caller'>,
    categoryCode: string,
    location: LatLng,
    address: string | null,
  ): Parameters<CaseCommandService['reportAsResident']>[0] {
    return {
      categoryCode,
      description: order.notes ? `${order.content}\n转办意见：${order.notes}` : order.content,
      location,
      address,
      priority: (order.urgency && HOTLINE_URGENCIES[order.urgency]) || 'normal',
      source: 'hotline',
      reporter: order.caller ? { name: order.caller.name, phone: order.caller.phone } : undefined,
    };
  }

  /** Writes the work order; a second writer of the same order number finds the first (waiting for its commit) and rolls back. */
  private async insert(
    manager: EntityManager,
    f: { clientId: string; order: HotlineOrderParsed; categoryCode: string; unmapped: boolean; location: LatLng | null },
    created: CaseEntity | null,
  ): Promise<string> {
    const o = f.order;
    const rows = (await manager.query(
      `INSERT INTO work_orders (client_id, order_no, state, case_id, content, address, lat, lng, hotline_category, category_code, category_unmapped, priority, deadline, notes, caller_name, caller_phone, placed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, CASE WHEN $4::uuid IS NULL THEN NULL ELSE now() END)
       ON CONFLICT (client_id, order_no) DO NOTHING RETURNING id`,
      [
        f.clientId,
        o.orderNo,
        created ? 'placed' : 'awaiting_placement',
        created?.id ?? null,
        o.content,
        o.address ?? null,
        f.location?.lat ?? null,
        f.location?.lng ?? null,
        o.category,
        f.categoryCode,
        f.unmapped,
        (o.urgency && HOTLINE_URGENCIES[o.urgency]) || 'normal',
        o.deadline ?? null,
        o.notes ?? null,
        o.caller?.name ?? null,
        o.caller?.phone ?? null,
      ],
    )) as { id: string }[];
    if (!rows.length) throw new SameOrderWritten();
    return rows[0].id;
  }

  private async existing(clientId: string, orderNo: string): Promise<HotlineOrderAccepted | null> {
    const [row] = (await this.dataSource.query(
      `SELECT w.id, w.state, w.case_id, c.code FROM work_orders w LEFT JOIN cases c ON c.id = w.case_id WHERE w.client_id = $1 AND w.order_no = $2`,
      [clientId, orderNo],
    )) as { id: string; state: HotlineOrderAccepted['state']; case_id: string | null; code: string | null }[];
    return row ? { caseId: row.case_id, caseCode: row.code, workOrderId: row.id, state: row.state } : null;
  }

  private async row(id: string): Promise<WorkOrderRow> {
    const [row] = /^[0-9a-f-]{36}$/i.test(id) ? ((await this.dataSource.query(`${WORK_ORDER_SELECT} WHERE w.id = $1`, [id])) as WorkOrderRow[]) : [];
    if (!row) throw notFound('work order');
    return row;
  }

  /** Coordinates inside the territory; else the place the address names (a grid or village centre); else null. */
  private async locate(location: LatLng | null, address: string | null): Promise<LatLng | null> {
    if (location && this.areaIndex.locateGridId(location)) return location;
    if (!address) return null;
    const match = matchAddress(address, await this.placeList());
    if (!match.ok) return null;
    const point = { lat: match.place.lat, lng: match.place.lng };
    return this.areaIndex.locateGridId(point) ? point : null;
  }

  private placeList(): Promise<AddressPlace[]> {
    if (!this.places || this.places.until < Date.now()) {
      const list = this.dataSource.query(`SELECT id, name, centroid_lat AS lat, centroid_lng AS lng FROM areas WHERE level IN ('village', 'grid')`) as Promise<AddressPlace[]>;
      this.places = { list, until: Date.now() + PLACES_CACHE_MS };
      list.catch(() => (this.places = null));
    }
    return this.places.list;
  }
}
