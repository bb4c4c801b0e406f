/**
 * Reward and penalty points (奖惩), issue 23, ADR 0021. An assessor enters dated points for a person with a
 * reason, evidence and category; a second, different assessor approves them; the person sees them in their
 * ledger and may appeal. A published period (`assessment-publications.ts`) is frozen: no points may be entered
 * for it, and appeals are open only until its notice period ends.
 */
import { z } from 'zod';
import { isoInstantSchema, pageOfSchema } from './api';

/** What reward or penalty points are for. */
export const ADJUSTMENT_CATEGORIES = ['commendation', 'complaint_upheld', 'safety_incident', 'discipline', 'other'] as const;
export type AdjustmentCategory = (typeof ADJUSTMENT_CATEGORIES)[number];

/** pending → approved | rejected (by a second assessor). */
export const ADJUSTMENT_STATUSES = ['pending', 'approved', 'rejected'] as const;
export type AdjustmentStatus = (typeof ADJUSTMENT_STATUSES)[number];

/** An appeal against approved points: pending → upheld (the points no longer count) | rejected. */
export const ADJUSTMENT_APPEAL_STATUSES = ['pending', 'upheld', 'rejected'] as const;

const localDate = z.iso.date();

/** POST /api/assessment/adjustments — by an assessor or admin. */
export const createAdjustmentSchema = z
  .object({
    userId: z.uuid(),
    /** The day the points count on (the period they fall in). */
    date: localDate,
    /** Positive: a reward; negative: a penalty. */
    points: z
      .number()
      .min(-100)
      .max(100)
      .refine((p) => p !== 0, 'must not be zero')
      .refine((p) => Number.isInteger(Math.round(p * 100)) && Math.abs(Math.round(p * 100) - p * 100) < 1e-9, 'at most two decimals'),
    category: z.enum(ADJUSTMENT_CATEGORIES),
    reason: z.string().trim().min(1).max(2000),
    /** What supports it: a reference (a letter, a complaint's number) and/or files (`POST /api/attachments`, a case's photos). */
    evidence: z.string().trim().max(4000).default(''),
    attachmentIds: z.array(z.uuid()).max(9).default([]),
  })
  .superRefine((a, ctx) => {
    if (!a.evidence && a.attachmentIds.length === 0) ctx.addIssue({ code: 'custom', path: ['evidence'], message: 'evidence or an attachment is required' });
  });
export type CreateAdjustmentRequest = z.input<typeof createAdjustmentSchema>;

/** POST /api/assessment/adjustments/:id/decide — by another assessor than the one who entered them. */
export const decideAdjustmentSchema = z.object({
  decision: z.enum(['approved', 'rejected']),
  note: z.string().trim().min(1).max(2000),
});
export type DecideAdjustmentRequest = z.input<typeof decideAdjustmentSchema>;

/** POST /api/assessment/adjustments/:id/appeal — by the person the points are for. */
export const appealAdjustmentSchema = z.object({
  reason: z.string().trim().min(1).max(2000),
  evidence: z.string().trim().max(4000).default(''),
  attachmentIds: z.array(z.uuid()).max(9).default([]),
});
export type AppealAdjustmentRequest = z.input<typeof appealAdjustmentSchema>;

/** POST /api/assessment/adjustments/:id/appeal/decide — by an assessor. */
export const decideAdjustmentAppealSchema = z.object({
  decision: z.enum(['upheld', 'rejected']),
  note: z.string().trim().min(1).max(2000),
});

/** GET /api/assessment/adjustments?userId=&status=&page=&pageSize= */
export const adjustmentListQuerySchema = z.object({
  userId: z.uuid().optional(),
  status: z.enum(ADJUSTMENT_STATUSES).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export const adjustmentDtoSchema = z
  .object({
    id: z.uuid(),
    userId: z.uuid(),
    displayName: z.string(),
    date: z.string(),
    points: z.number(),
    category: z.enum(ADJUSTMENT_CATEGORIES),
    reason: z.string(),
    evidence: z.string(),
    attachmentIds: z.array(z.uuid()),
    status: z.enum(ADJUSTMENT_STATUSES),
    enteredBy: z.uuid(),
    enteredAt: isoInstantSchema,
    decidedBy: z.uuid().nullable(),
    decidedAt: isoInstantSchema.nullable(),
    decisionNote: z.string().nullable(),
    appeal: z
      .object({
        status: z.enum(ADJUSTMENT_APPEAL_STATUSES),
        reason: z.string(),
        evidence: z.string(),
        attachmentIds: z.array(z.uuid()),
        appealedAt: isoInstantSchema,
        decidedBy: z.uuid().nullable(),
        decidedAt: isoInstantSchema.nullable(),
        note: z.string().nullable(),
      })
      .nullable(),
    /** Approved and not waived by an upheld appeal: the points count in the person's score. */
    counts: z.boolean(),
  })
  .meta({ id: 'AssessmentAdjustment' });
export type AdjustmentDto = z.infer<typeof adjustmentDtoSchema>;

export const adjustmentListResponseSchema = pageOfSchema(adjustmentDtoSchema).meta({ id: 'AssessmentAdjustmentList' });
export type AdjustmentListResponse = z.infer<typeof adjustmentListResponseSchema>;
