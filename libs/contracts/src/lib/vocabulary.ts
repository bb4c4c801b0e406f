/**
 * The words of DESIGN §2 and §3, shared by API, web app, domain and demo data.
 * Each list is the single source of its values; types are derived from it.
 */
export const AREA_LEVELS = ['district', 'zone', 'village', 'grid'] as const;
export type AreaLevel = (typeof AREA_LEVELS)[number];

export const ROLES = [
  'grid_worker',
  'grid_leader',
  'village_cadre',
  'zone_leader',
  'dept_staff',
  'dept_head',
  'operator',
  'assessor',
  'admin',
] as const;
export type Role = (typeof ROLES)[number];

/** Roles whose scope is their whole area subtree regardless of level (they see everything in it). */
export const DISTRICT_WIDE_ROLES: readonly Role[] = ['operator', 'assessor', 'admin'];
/** Roles whose scope is a department (the cases their department is on). */
export const DEPARTMENT_ROLES: readonly Role[] = ['dept_staff', 'dept_head'];
/** Roles allowed to list users (leaders and admins). */
export const USER_LISTING_ROLES: readonly Role[] = [
  'grid_leader',
  'village_cadre',
  'zone_leader',
  'dept_head',
  'operator',
  'assessor',
  'admin',
];

export const CASE_STATUSES = [
  'reported',
  'registered',
  'dispatched',
  'accepted',
  'in_progress',
  'handled',
  'verified',
  'closed',
  'rejected',
  'cancelled',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const PRIORITIES = ['normal', 'urgent', 'emergency'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const CASE_SOURCES = [
  'grid_report',
  'resident',
  'front_desk',
  'hotline',
  'open311',
  'patrol',
  'sensor',
] as const;
export type CaseSource = (typeof CASE_SOURCES)[number];

export const SLA_STATES = ['on_time', 'warning', 'overdue'] as const;
export type SlaState = (typeof SLA_STATES)[number];

/** Whether a category's time limits run in working hours or calendar hours. */
export const CLOCK_KINDS = ['working', 'calendar'] as const;
export type ClockKind = (typeof CLOCK_KINDS)[number];

/**
 * What a user (or the system) can do to a case (DESIGN §3), one `POST /api/cases/:id/<action>` each
 * (`report` and `self_handle` create the case). The state machine in `@grid/domain` decides each one.
 */
export const CASE_ACTIONS = [
  'report',
  'self_handle',
  'register',
  'reject',
  'dispatch',
  'acknowledge',
  'accept',
  'return',
  'start',
  'progress',
  'escalate',
  'whistle',
  'report_in',
  'dept_complete',
  'rate_department',
  'request_extension',
  'approve_extension',
  'deny_extension',
  'request_suspension',
  'approve_suspension',
  'deny_suspension',
  'resume',
  'complete',
  'verify',
  'rework',
  'close',
  'rate',
  'cancel',
  'merge',
  /** The handler asks the resident for more information (补充材料); the resident is told (issue 18). */
  'request_info',
  /** The resident (or the front desk for them) reopens a closed case within 7 days: back to its unit. */
  'reopen',
] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

/** Kinds of case timeline entries (`case_events.kind`, the live channel's `kind`). */
export const CASE_EVENT_KINDS = [
  'reported',
  'self_handled',
  'registered',
  'rejected',
  'dispatched',
  'delivered',
  'accepted',
  'returned',
  'started',
  'progress',
  'escalated',
  'whistled',
  'dept_reported_in',
  'dept_completed',
  'dept_rated',
  'extension_requested',
  'extension_approved',
  'extension_denied',
  'suspension_requested',
  'suspended',
  'suspension_denied',
  'resumed',
  'completed',
  'verified',
  'rework',
  'closed',
  'rated',
  'cancelled',
  'merged',
  /** On a merged duplicate: its main case closed (its reporter is told). */
  'main_case_closed',
  'sla_warning',
  'sla_overdue',
  /** A territory version moved the case's location into another grid (ADR 0008). */
  'rerouted',
  /** The handler asked the resident for more information (the note is the question). */
  'info_requested',
  /** A closed case reopened at the resident's request (the note is their words); a `dispatched` back to its unit follows. */
  'reopened',
] as const;
export type CaseEventKind = (typeof CASE_EVENT_KINDS)[number];

/** Kinds of whistle (吹哨): 日常哨 routine, 攻坚哨 tough (hard cases), 应急哨 emergency. */
export const WHISTLE_KINDS = ['routine', 'tough', 'emergency'] as const;
export type WhistleKind = (typeof WHISTLE_KINDS)[number];

/** Where a summoned department stands on a case: summoned → reported_in (报到) → completed. */
export const CO_HANDLER_STATUSES = ['summoned', 'reported_in', 'completed'] as const;
export type CoHandlerStatus = (typeof CO_HANDLER_STATUSES)[number];

/** The SLA clocks of a case: one per step and one for the whole case. */
export const SLA_CLOCKS = ['register', 'dispatch', 'accept', 'handle', 'verify', 'case'] as const;
export type SlaClockName = (typeof SLA_CLOCKS)[number];

/**
 * Routing order of a category: an event (事件) goes first to the territory it happens in, then to the
 * owner (先属地、后属主); a component, i.e. an asset or facility (部件), first to its owner (先属主、后属地).
 */
export const CATEGORY_KINDS = ['event', 'component'] as const;
export type CategoryKind = (typeof CATEGORY_KINDS)[number];

/** Roles that write to cases (report, act, attach photos): every role but the assessor, who only reads. */
export const CASE_WRITER_ROLES: readonly Role[] = ROLES.filter((role) => role !== 'assessor');

/** The vocabularies the indexes of `GET /api/cases/map` refer to, in the order the answer uses them. */
export const CASE_MAP_CODES = { status: CASE_STATUSES, priority: PRIORITIES, sla: SLA_STATES } as const;
