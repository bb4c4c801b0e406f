// Case state machine (DESIGN §3)
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
// Routing
export * from './lib/routing/route.types';
export * from './lib/routing/route-case';
