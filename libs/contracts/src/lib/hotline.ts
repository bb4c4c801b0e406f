/**
 * The 12345 hotline bridge (DESIGN §7a): integration clients, inbound work orders, the outbound status
 * events and the outbox, the category mapping, batch import and the hotline's figures (三率).
 */
import { z } from 'zod';
import { latLngSchema, type LatLng } from './api';
import type { Priority, SlaState } from './vocabulary';

export const INTEGRATION_CLIENT_KINDS = ['hotline', 'sensor'] as const;
export type IntegrationClientKind = (typeof INTEGRATION_CLIENT_KINDS)[number];

/** POST /api/admin/integration-clients */
export const createIntegrationClientSchema = z.object({
  name: z.string().trim().min(1).max(64),
  kind: z.enum(INTEGRATION_CLIENT_KINDS),
  callbackUrl: z
    .url({ protocol: /^https?$/ })
    .max(1024)
    .nullish(),
});
export type CreateIntegrationClientRequest = z.input<typeof createIntegrationClientSchema>;

/** The answer to a new client: the secret is shown this once. */
export interface CreatedIntegrationClient {
  id: string;
  name: string;
  kind: IntegrationClientKind;
  callbackUrl: string | null;
  secret: string;
}

export interface IntegrationClientDto {
  id: string;
  name: string;
  kind: IntegrationClientKind;
  callbackUrl: string | null;
  createdAt: string;
  revokedAt: string | null;
}

/** Urgency as a hotline names it: our priorities, or the usual Chinese words (一般, 紧急, 特急). */
export const HOTLINE_URGENCIES: Readonly<Record<string, Priority>> = {
  normal: 'normal',
  urgent: 'urgent',
  emergency: 'emergency',
  一般: 'normal',
  普通: 'normal',
  紧急: 'urgent',
  加急: 'urgent',
  特急: 'emergency',
  特别紧急: 'emergency',
};

const text = (max: number) => z.string().trim().max(max);

/** POST /api/hotline/orders: one work order (工单) as the hotline pushes it. */
export const hotlineOrderSchema = z
  .object({
    orderNo: z
      .string()
      .trim()
      .min(1)
      .max(64)
      .regex(/^[\w.:/-]+$/, 'letters, digits and . _ : / - only'),
    content: text(4000).min(1),
    location: latLngSchema.nullish(),
    address: text(256).nullish(),
    category: text(128).min(1),
    urgency: z
      .string()
      .trim()
      .refine((u) => u in HOTLINE_URGENCIES, `one of ${Object.keys(HOTLINE_URGENCIES).join(', ')}`)
      .nullish(),
    deadline: z.iso.datetime({ offset: true }).nullish(),
    notes: text(2000).nullish(),
    caller: z
      .object({
        name: text(64).min(1),
        phone: z.string().trim().regex(/^\+?[0-9][0-9 -]{5,19}$/, 'a phone number'),
      })
      .nullish(),
  })
  .refine((o) => o.location || o.address, { message: 'a location or an address is required', path: ['address'] });
export type HotlineOrder = z.input<typeof hotlineOrderSchema>;
export type HotlineOrderParsed = z.output<typeof hotlineOrderSchema>;

/** 201 (new), 200 (the same orderNo again) or 202 (the address matched nothing: the front desk places it; no case yet). */
export interface HotlineOrderAccepted {
  caseId: string | null;
  caseCode: string | null;
  workOrderId: string;
  state: WorkOrderState;
}

export const WORK_ORDER_STATES = ['placed', 'awaiting_placement', 'returned'] as const;
export type WorkOrderState = (typeof WORK_ORDER_STATES)[number];

/** A work order's own clock: the hotline's deadline, beside the case's SLA clocks. */
export interface HotlineClock {
  dueAt: string;
  state: SlaState;
  /** When the case was resolved (办结) for the hotline; the clock stops there. */
  stoppedAt: string | null;
}

export interface WorkOrderDto {
  id: string;
  clientId: string;
  clientName: string;
  orderNo: string;
  state: WorkOrderState;
  caseId: string | null;
  caseCode: string | null;
  content: string;
  address: string | null;
  location: LatLng | null;
  hotlineCategory: string;
  categoryCode: string;
  /** The hotline's category had no mapping: the default category was used and the desk should check it. */
  categoryUnmapped: boolean;
  priority: Priority;
  notes: string | null;
  /** Masked unless the caller's role needs the resident's contact (DESIGN §9). */
  caller: { name: string | null; phone: string | null } | null;
  receivedAt: string;
  clock: HotlineClock | null;
  returnRequest: { reason: string; requestedAt: string; requestedBy: string } | null;
}

export const workOrderListQuerySchema = z.object({
  state: z.enum(WORK_ORDER_STATES).optional(),
  /** Only work orders the desk should look at: unplaced, or placed under the default category. */
  attention: z.enum(['true', 'false']).optional(),
  caseId: z.uuid().optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

/** POST /api/hotline/work-orders/:id/place: the front desk places an order the address did not locate. */
export const placeWorkOrderSchema = z.object({
  location: latLngSchema,
  categoryCode: z.string().trim().min(1).max(64).optional(),
  address: text(256).nullish(),
});

/** POST /api/hotline/work-orders/:id/return-request: 退单 asked by the handler, approved by the zone leader. */
export const requestWorkOrderReturnSchema = z.object({ reason: text(2000).min(1) });
export const decideWorkOrderReturnSchema = z.object({ note: text(2000).optional() });

/** Hotline category text → our category code; `*` is the default for any unmapped text. */
export const HOTLINE_DEFAULT_CATEGORY = '*';
export const putCategoryMappingSchema = z.object({ categoryCode: z.string().trim().min(1).max(64) });
export interface CategoryMappingDto {
  hotlineCategory: string;
  categoryCode: string;
  updatedAt: string;
}

/** The status events the hotline receives (DESIGN §7a). */
export const HOTLINE_STATUS_KINDS = ['accepted', 'returned', 'extension_requested', 'resolved', 'callback'] as const;
export type HotlineStatusKind = (typeof HOTLINE_STATUS_KINDS)[number];

export interface HotlineStatusEvent {
  eventId: string;
  orderNo: string;
  kind: HotlineStatusKind;
  at: string;
  text?: string;
  photos?: string[];
  /** callback: the resident's satisfaction 1–5; extension_requested: the hours asked. */
  score?: number;
  hours?: number;
}

export const OUTBOX_STATES = ['pending', 'sent'] as const;
export type OutboxState = (typeof OUTBOX_STATES)[number];

export interface OutboxMessageDto {
  id: string;
  channel: string;
  destination: { clientId: string; clientName: string };
  orderKey: string;
  eventId: string;
  kind: string;
  state: OutboxState;
  attempts: number;
  nextAttemptAt: string | null;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
}

export const outboxListQuerySchema = z.object({
  state: z.enum(OUTBOX_STATES).optional(),
  clientId: z.uuid().optional(),
  orderKey: z.string().max(64).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export interface OutboxSummary {
  pending: number;
  failing: number;
  sent: number;
  oldestPendingAt: string | null;
}

/** POST /api/admin/hotline/imports: what each row of an .xlsx export became. */
export interface HotlineImportResult {
  rows: number;
  created: number;
  duplicates: number;
  awaitingPlacement: number;
  problems: { row: number; column?: string; message: string }[];
}

/** GET /api/hotline/figures (三率) */
export const hotlineFiguresQuerySchema = z.object({
  level: z.enum(['zone', 'village', 'grid']).default('zone'),
  from: z.iso.date(),
  to: z.iso.date(),
});

export interface HotlineFiguresRow {
  areaId: string;
  areaName: string;
  orders: number;
  /** Accepted (签收) within the case's accept time. */
  respondedOnTime: number;
  /** Resolved (办结) by the hotline's deadline (or, without one, the case's handle time). */
  resolvedOnTime: number;
  /** Orders that should be resolved by now: resolved + open past their deadline. */
  dueForResolution: number;
  callbacks: number;
  satisfied: number;
  responseRate: number | null;
  resolutionRate: number | null;
  satisfactionRate: number | null;
}

export interface HotlineFigures {
  level: 'zone' | 'village' | 'grid';
  from: string;
  to: string;
  total: HotlineFiguresRow;
  rows: HotlineFiguresRow[];
}
