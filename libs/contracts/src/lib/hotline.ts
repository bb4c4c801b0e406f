/**
 * The 12345 hotline bridge (DESIGN §7a): integration clients, inbound work orders, the outbound status
 * events and the outbox, the category mapping, batch import and the hotline's figures (三率).
 */
import { z } from 'zod';
import { isoInstantSchema, latLngSchema } from './api';
import { PRIORITIES, SLA_STATES, type Priority } from './vocabulary';

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

export const integrationClientDtoSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    kind: z.enum(INTEGRATION_CLIENT_KINDS),
    callbackUrl: z.string().nullable(),
    createdAt: isoInstantSchema,
    revokedAt: isoInstantSchema.nullable(),
  })
  .meta({ id: 'IntegrationClient' });
export type IntegrationClientDto = z.infer<typeof integrationClientDtoSchema>;

/** The answer to a new client: the secret is shown this once. */
export const createdIntegrationClientSchema = integrationClientDtoSchema
  .pick({ id: true, name: true, kind: true, callbackUrl: true })
  .extend({ secret: z.string() })
  .meta({ id: 'CreatedIntegrationClient' });
export type CreatedIntegrationClient = z.infer<typeof createdIntegrationClientSchema>;
export const integrationClientListSchema = z.array(integrationClientDtoSchema);

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

export const WORK_ORDER_STATES = ['placed', 'awaiting_placement', 'returned'] as const;
export type WorkOrderState = (typeof WORK_ORDER_STATES)[number];

/** 201 (new), 200 (the same orderNo again) or 202 (the address matched nothing: the front desk places it; no case yet). */
export const hotlineOrderAcceptedSchema = z
  .object({
    caseId: z.uuid().nullable(),
    caseCode: z.string().nullable(),
    workOrderId: z.uuid(),
    state: z.enum(WORK_ORDER_STATES),
  })
  .meta({ id: 'HotlineOrderAccepted' });
export type HotlineOrderAccepted = z.infer<typeof hotlineOrderAcceptedSchema>;

/** A work order's own clock: the hotline's deadline, beside the case's SLA clocks. */
const hotlineClockSchema = z.object({
  dueAt: isoInstantSchema,
  state: z.enum(SLA_STATES),
  /** When the case was resolved (办结) for the hotline; the clock stops there. */
  stoppedAt: isoInstantSchema.nullable(),
});
export type HotlineClock = z.infer<typeof hotlineClockSchema>;

export const workOrderDtoSchema = z
  .object({
    id: z.uuid(),
    clientId: z.uuid(),
    clientName: z.string(),
    orderNo: z.string(),
    state: z.enum(WORK_ORDER_STATES),
    caseId: z.uuid().nullable(),
    caseCode: z.string().nullable(),
    content: z.string(),
    address: z.string().nullable(),
    location: z.object({ lat: z.number(), lng: z.number() }).nullable(),
    hotlineCategory: z.string(),
    categoryCode: z.string(),
    /** The hotline's category had no mapping: the default category was used and the desk should check it. */
    categoryUnmapped: z.boolean(),
    priority: z.enum(PRIORITIES),
    notes: z.string().nullable(),
    /** Masked unless the caller's role needs the resident's contact (DESIGN §9). */
    caller: z.object({ name: z.string().nullable(), phone: z.string().nullable() }).nullable(),
    receivedAt: isoInstantSchema,
    clock: hotlineClockSchema.nullable(),
    returnRequest: z.object({ reason: z.string(), requestedAt: isoInstantSchema, requestedBy: z.string() }).nullable(),
  })
  .meta({ id: 'WorkOrder' });
export type WorkOrderDto = z.infer<typeof workOrderDtoSchema>;

export const workOrderListSchema = z.object({ items: z.array(workOrderDtoSchema), total: z.number().int() }).meta({ id: 'WorkOrderList' });

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
export const categoryMappingDtoSchema = z
  .object({ hotlineCategory: z.string(), categoryCode: z.string(), updatedAt: isoInstantSchema })
  .meta({ id: 'HotlineCategoryMapping' });
export type CategoryMappingDto = z.infer<typeof categoryMappingDtoSchema>;
export const categoryMappingListSchema = z.array(categoryMappingDtoSchema);

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

/** `dropped`: never to be sent (a resident stopped messages, or the receiver refused it for good). */
export const OUTBOX_STATES = ['pending', 'sent', 'dropped'] as const;
export type OutboxState = (typeof OUTBOX_STATES)[number];

export const outboxMessageDtoSchema = z
  .object({
    id: z.string(),
    channel: z.string(),
    destination: z.object({ clientId: z.uuid(), clientName: z.string() }),
    orderKey: z.string(),
    eventId: z.string(),
    kind: z.string(),
    state: z.enum(OUTBOX_STATES),
    attempts: z.number().int(),
    nextAttemptAt: isoInstantSchema.nullable(),
    lastError: z.string().nullable(),
    createdAt: isoInstantSchema,
    sentAt: isoInstantSchema.nullable(),
  })
  .meta({ id: 'OutboxMessage' });
export type OutboxMessageDto = z.infer<typeof outboxMessageDtoSchema>;

export const outboxListSchema = z.object({ items: z.array(outboxMessageDtoSchema), total: z.number().int() }).meta({ id: 'OutboxList' });

export const outboxListQuerySchema = z.object({
  state: z.enum(OUTBOX_STATES).optional(),
  clientId: z.uuid().optional(),
  orderKey: z.string().max(64).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export const outboxSummarySchema = z
  .object({ pending: z.number().int(), failing: z.number().int(), sent: z.number().int(), oldestPendingAt: isoInstantSchema.nullable() })
  .meta({ id: 'OutboxSummary' });
export type OutboxSummary = z.infer<typeof outboxSummarySchema>;

/** POST /api/admin/hotline/imports: the form fields beside the multipart `file` (the .xlsx export). */
export const hotlineImportFormSchema = z.object({
  /** The hotline integration client the export comes from (its category mapping and order numbers). */
  clientId: z.uuid(),
});

/** POST /api/admin/hotline/imports: what each row of an .xlsx export became. */
export const hotlineImportResultSchema = z
  .object({
    rows: z.number().int(),
    created: z.number().int(),
    duplicates: z.number().int(),
    awaitingPlacement: z.number().int(),
    problems: z.array(z.object({ row: z.number().int(), column: z.string().optional(), message: z.string() })),
  })
  .meta({ id: 'HotlineImportResult' });
export type HotlineImportResult = z.infer<typeof hotlineImportResultSchema>;

/** GET /api/hotline/figures (三率) */
export const hotlineFiguresQuerySchema = z.object({
  level: z.enum(['zone', 'village', 'grid']).default('zone'),
  from: z.iso.date(),
  to: z.iso.date(),
});

const hotlineFiguresRowSchema = z
  .object({
    areaId: z.string(),
    areaName: z.string(),
    orders: z.number().int(),
    /** Accepted (签收) within the case's accept time. */
    respondedOnTime: z.number().int(),
    /** Resolved (办结) by the hotline's deadline (or, without one, the case's handle time). */
    resolvedOnTime: z.number().int(),
    /** Orders that should be resolved by now: resolved + open past their deadline. */
    dueForResolution: z.number().int(),
    callbacks: z.number().int(),
    satisfied: z.number().int(),
    responseRate: z.number().nullable(),
    resolutionRate: z.number().nullable(),
    satisfactionRate: z.number().nullable(),
  })
  .meta({ id: 'HotlineFiguresRow' });
export type HotlineFiguresRow = z.infer<typeof hotlineFiguresRowSchema>;

export const hotlineFiguresSchema = z
  .object({
    level: z.enum(['zone', 'village', 'grid']),
    from: z.string(),
    to: z.string(),
    total: hotlineFiguresRowSchema,
    rows: z.array(hotlineFiguresRowSchema),
  })
  .meta({ id: 'HotlineFigures' });
export type HotlineFigures = z.infer<typeof hotlineFiguresSchema>;
