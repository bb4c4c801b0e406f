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
