// Case state machine (DESIGN §3)
export * from './lib/shared/group-batcher';
export * from './lib/shared/instant.util';
export * from './lib/shared/refusal.types';
export * from './lib/case/actor.types';
export * from './lib/case/handling-unit.types';
export * from './lib/case/case-category.types';
export * from './lib/case/case-event.types';
export * from './lib/case/case-state.types';
export * from './lib/case/case-command.types';
export * from './lib/case/case-transitions';
export * from './lib/case/case-permissions';
export * from './lib/case/decision.types';
export * from './lib/case/decide';
export * from './lib/case/apply-event';
export * from './lib/case/project';
export { isInScope, departmentsOn } from './lib/case/guards/scope.guard';
export { escalation } from './lib/case/actions/escalate.action';
export { reroute, reroutedStatus } from './lib/case/actions/reroute.action';
export { mainCaseClosedNotice } from './lib/case/actions/closing.action';
export { REOPEN_WINDOW_DAYS, withinReopenWindow } from './lib/case/actions/resident.action';
// Routing
export * from './lib/routing/route.types';
export * from './lib/routing/route-case';
// Working-time calendar
export * from './lib/calendar/work-calendar.types';
export * from './lib/calendar/work-calendar';
export * from './lib/calendar/china-2026.schedule';
export * from './lib/calendar/china-2027.schedule';
export { localDateOf, localMidnightMs, nextDate, SHANGHAI_TIME_ZONE, SHANGHAI_UTC_OFFSET_MINUTES } from './lib/calendar/local-time.util';
export { addWorkingHours, workingHoursBetween } from './lib/calendar/working-hours';
export * from './lib/calendar/calendar-hours';
// SLA
export * from './lib/sla/sla-rules';
export type { SlaClock } from './lib/sla/sla-clock';
export { slaStateOf } from './lib/sla/sla-clock';
export * from './lib/sla/sla-of';
export * from './lib/sla/sweep-decision';
// Duplicates and case codes
export * from './lib/duplicates/find-duplicate-candidates';
export * from './lib/duplicates/open-case-index';
export * from './lib/case-code/case-code';
export * from './lib/case-code/number-reserve';
// The responsibility list's versions (issue 17)
export * from './lib/responsibility-list/category-versions';
// Categories' extra fields
export * from './lib/extra-fields/check-extra-fields';
// Patrols
export * from './lib/patrol/track-point.types';
export * from './lib/patrol/clean-track';
export * from './lib/patrol/patrol-days';
// Assessment (DESIGN §4)
export * from './lib/assessment/case-facts';
export * from './lib/assessment/assessment-counts';
export * from './lib/assessment/assessment-config';
export * from './lib/assessment/composite';
export * from './lib/assessment/points';
export * from './lib/assessment/assessment-rows';
export * from './lib/assessment/patrol-summary';
export * from './lib/assessment/rollup-months';
export * from './lib/assessment/leader-levels';
// People and posts
export * from './lib/people/post-placement';
export * from './lib/people/people-import';
export * from './lib/shared/csv';
// 12345 hotline bridge
export * from './lib/hotline/hotline-status';
export * from './lib/hotline/outbox-backoff';
export * from './lib/hotline/hotline-clock';
export * from './lib/hotline/match-address';
export * from './lib/hotline/hotline-category';
export * from './lib/hotline/signature-window';
// Sensors (物联感知)
export * from './lib/sensors/sensor-rules';
export * from './lib/sensors/sensor-recovery';
export * from './lib/sensors/device-import';
export * from './lib/shared/import-header';
// Sign-in attempts (lockout per account and source)
export * from './lib/login/login-attempts';
// Duty rota and the choice of assignee (issue 17)
export * from './lib/rota/rota.types';
export * from './lib/rota/on-duty';
export * from './lib/rota/choose-assignee';
export * from './lib/rota/rota-index';
export * from './lib/rota/rota-rows';
// Residents told and heard (issue 18)
export * from './lib/resident/resident-notices';
export * from './lib/resident/mask-contact';
// Analysis (研判): hotspots and recurrences (issue 20)
export * from './lib/analysis';
