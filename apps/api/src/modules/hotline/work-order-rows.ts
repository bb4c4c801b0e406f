import type { Priority, WorkOrderDto, WorkOrderState } from '@grid/contracts';
import { hotlineClockOf } from '@grid/domain';
import { maskName, maskPhone } from '../cases/personal-data';

/** A work order as read with its client's name and its case's code. */
export interface WorkOrderRow {
  id: string;
  client_id: string;
  client_name: string;
  order_no: string;
  state: WorkOrderState;
  case_id: string | null;
  case_code: string | null;
  content: string;
  address: string | null;
  lat: number | null;
  lng: number | null;
  hotline_category: string;
  category_code: string;
  category_unmapped: boolean;
  priority: Priority;
  deadline: Date | null;
  notes: string | null;
  caller_name: string | null;
  caller_phone: string | null;
  received_at: Date;
  resolved_at: Date | null;
  return_reason: string | null;
  return_requested_at: Date | null;
  return_requested_by: string | null;
}

export const WORK_ORDER_SELECT = `
  SELECT w.*, ic.name AS client_name, c.code AS case_code
  FROM work_orders w JOIN integration_clients ic ON ic.id = w.client_id LEFT JOIN cases c ON c.id = w.case_id`;

/** The resident's contact in full for the front desk and the command centre only (DESIGN §9); masked for others. */
export function toWorkOrderDto(r: WorkOrderRow, seesCaller: boolean, now: Date): WorkOrderDto {
  const caller = r.caller_name || r.caller_phone ? { name: seesCaller ? r.caller_name : maskName(r.caller_name), phone: seesCaller ? r.caller_phone : maskPhone(r.caller_phone) } : null;
  return {
    id: r.id,
    clientId: r.client_id,
    clientName: r.client_name,
    orderNo: r.order_no,
    state: r.state,
    caseId: r.case_id,
    caseCode: r.case_code,
    content: r.content,
    address: r.address,
    location: r.lat === null || r.lng === null ? null : { lat: r.lat, lng: r.lng },
    hotlineCategory: r.hotline_category,
    categoryCode: r.category_code,
    categoryUnmapped: r.category_unmapped,
    priority: r.priority,
    notes: r.notes,
    caller,
    receivedAt: r.received_at.toISOString(),
    clock: r.deadline ? hotlineClockOf(r.received_at.toISOString(), r.deadline.toISOString(), now.toISOString(), r.resolved_at?.toISOString() ?? null) : null,
    returnRequest: r.return_requested_at && r.return_reason ? { reason: r.return_reason, requestedAt: r.return_requested_at.toISOString(), requestedBy: r.return_requested_by ?? '' } : null,
  };
}
