/**
 * Residents told and heard (issue 18, ADR 0018): the tracking page's answer, a resident's rating and reopening,
 * notifications to residents and their send log, and "already reported nearby" with following a case.
 */
import { z } from 'zod';
import { isoInstantSchema } from './api';
import { CASE_EVENT_KINDS, CASE_STATUSES } from './vocabulary';

/** The closed loop as a resident sees it; `ended`: rejected or cancelled. */
export const PUBLIC_STEPS = ['received', 'registered', 'handling', 'handled', 'closed', 'ended'] as const;
export type PublicStep = (typeof PUBLIC_STEPS)[number];

/** What a resident is told about (DESIGN §2 `Notification`). */
export const RESIDENT_NOTICE_KINDS = ['accepted', 'info_requested', 'resolved', 'overdue'] as const;
export type ResidentNoticeKind = (typeof RESIDENT_NOTICE_KINDS)[number];

/** How a notification travels: an SMS (to a phone) or a WeChat service-account template message (to an openid). */
export const NOTIFICATION_CHANNELS = ['sms', 'wechat'] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];

/** A result photo a staff member marked public, served without an account through the tracking token. */
export const publicPhotoSchema = z.object({ id: z.uuid(), url: z.string(), thumbnailUrl: z.string().nullable() });
export type PublicPhoto = z.infer<typeof publicPhotoSchema>;

/** GET /api/public/cases/:token — no personal data; sensitive categories unnamed, without result or photos. */
export const publicCaseViewSchema = z
  .object({
    code: z.string(),
    status: z.enum(CASE_STATUSES),
    /** The current step in plain words (the page translates it). */
    step: z.enum(PUBLIC_STEPS),
    categoryName: z.string(),
    categoryNameEn: z.string(),
    reportedAt: isoInstantSchema,
    /** When the handling is promised by (the handling time limit); null before the case is registered. */
    promisedAt: isoInstantSchema.nullable(),
    /** The promise was not kept: past `promisedAt` and not yet handled. */
    promiseMissed: z.boolean(),
    closedAt: isoInstantSchema.nullable(),
    /** Once closed: the handler's result (反馈) and the result photos a staff member marked public. */
    result: z.string().nullable(),
    photos: z.array(publicPhotoSchema),
    /** A question the handler asked the resident (补充材料), while the case is open. */
    question: z.string().nullable(),
    rating: z.object({ score: z.number().int(), comment: z.string().nullable() }).nullable(),
    /** False: the case's own tracking token (its reporter); true: the token of a resident who follows it instead of reporting it again. */
    following: z.boolean(),
    canRate: z.boolean(),
    /** Until when the reporter may ask to reopen (7 days after closing); null when they may not. */
    reopenUntil: isoInstantSchema.nullable(),
    /** Whether messages go to this token holder's contact (masked), and whether they can be stopped here. */
    notifications: z.object({ subscribed: z.boolean(), contact: z.string().nullable() }),
    timeline: z.array(z.object({ kind: z.enum(CASE_EVENT_KINDS), at: isoInstantSchema, toStatus: z.enum(CASE_STATUSES) })),
  })
  .meta({ id: 'PublicCaseView' });
export type PublicCaseView = z.infer<typeof publicCaseViewSchema>;

/** POST /api/public/cases/:token/rating */
export const publicRatingSchema = z.object({
  score: z.number().int().min(1).max(5),
  comment: z.string().trim().max(500).optional(),
});
export type PublicRatingRequest = z.input<typeof publicRatingSchema>;

/** POST /api/public/cases/:token/reopen */
export const publicReopenSchema = z.object({ reason: z.string().trim().min(1, 'say what is still wrong').max(1000) });
export type PublicReopenRequest = z.input<typeof publicReopenSchema>;

/** PUT /api/cases/:id/attachments/:attachmentId/public */
export const attachmentPublicSchema = z.object({ public: z.boolean() });
export type AttachmentPublicRequest = z.input<typeof attachmentPublicSchema>;

/** GET /api/cases/:id/notifications — the send log of a case (contacts masked). */
export const notificationLogEntrySchema = z
  .object({
    id: z.string(),
    kind: z.enum(RESIDENT_NOTICE_KINDS),
    channel: z.enum(NOTIFICATION_CHANNELS),
    /** 138****5678, or a WeChat openid's last 4 characters. */
    to: z.string(),
    role: z.enum(['reporter', 'follower']),
    state: z.enum(['pending', 'sent', 'dropped']),
    attempts: z.number().int(),
    lastError: z.string().nullable(),
    text: z.string(),
    createdAt: isoInstantSchema,
    sentAt: isoInstantSchema.nullable(),
  })
  .meta({ id: 'NotificationLogEntry' });
export type NotificationLogEntry = z.infer<typeof notificationLogEntrySchema>;
export const notificationLogSchema = z.object({ items: z.array(notificationLogEntrySchema) }).meta({ id: 'NotificationLog' });
export type NotificationLog = z.infer<typeof notificationLogSchema>;

/** GET /api/public/nearby-cases — open cases of the category near a point, before a resident reports. */
export const nearbyCasesQuerySchema = z.object({
  categoryCode: z.string().trim().min(1).max(64),
  lat: z.coerce.number().min(-90).max(90),
  lng: z.coerce.number().min(-180).max(180),
});
export type NearbyCasesQuery = z.input<typeof nearbyCasesQuerySchema>;

export const nearbyCaseSchema = z.object({
  code: z.string(),
  status: z.enum(CASE_STATUSES),
  step: z.enum(PUBLIC_STEPS),
  categoryName: z.string(),
  categoryNameEn: z.string(),
  /** Rounded to 10 m; the location itself is not given. */
  distanceM: z.number(),
  reportedAt: isoInstantSchema,
  promisedAt: isoInstantSchema.nullable(),
});
export type NearbyCase = z.infer<typeof nearbyCaseSchema>;
export const nearbyCasesSchema = z.object({ items: z.array(nearbyCaseSchema) }).meta({ id: 'NearbyCases' });
export type NearbyCases = z.infer<typeof nearbyCasesSchema>;

/** POST /api/public/follows — "already reported: follow this one instead"; the contact gets the case's notifications. */
export const followCaseSchema = z.object({
  caseCode: z.string().trim().min(1).max(32),
  phone: z.string().trim().regex(/^\+?[0-9][0-9 -]{5,19}$/, 'a phone number').optional(),
  wechatOpenId: z.string().trim().regex(/^[\w-]{6,64}$/, 'a WeChat openid').optional(),
}).refine((f) => f.phone || f.wechatOpenId, { message: 'a phone number or a WeChat openid', path: ['phone'] });
export type FollowCaseRequest = z.input<typeof followCaseSchema>;

export const followCaseResponseSchema = z
  .object({ caseCode: z.string(), token: z.string(), trackPath: z.string(), contact: z.string() })
  .meta({ id: 'FollowCaseResponse' });
export type FollowCaseResponse = z.infer<typeof followCaseResponseSchema>;

export const stopNotificationsResponseSchema = z.object({ stopped: z.boolean() }).meta({ id: 'StopNotifications' });
export type StopNotificationsResponse = z.infer<typeof stopNotificationsResponseSchema>;
