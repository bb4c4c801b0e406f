import type { CaseAction } from '@grid/contracts';
import type { Instant } from '../shared/instant.util';
import type { Outcome, Refusal } from '../shared/refusal.types';
import type { DispatchRule, DutyChoice } from '../rota/rota.types';
import type { Actor } from './actor.types';
import type { CaseCategory } from './case-category.types';
import type { CaseCommandOf } from './case-command.types';
import type { CaseEventDraft } from './case-event.types';
import type { CaseState } from './case-state.types';

/** Bounds the DESIGN leaves to configuration. */
export interface CaseRules {
  /** How many extensions (延期) a case may get. */
  maxExtensions: number;
}

export const DEFAULT_CASE_RULES: CaseRules = { maxExtensions: 2 };

/** What the API loads for a decision besides the case itself. */
export interface DecisionContext {
  /** The case's category (for a report: the chosen one). */
  category: CaseCategory;
  /** report / self_handle: the located grid's on-duty worker. */
  onDutyWorkerId?: string | null;
  /** report / self_handle: why that worker was chosen (the rota's rule), written into the automatic dispatch. */
  dispatchRule?: DispatchRule | null;
  /**
   * report, dispatch, whistle: each department's staff member on duty now and why (its rota), by department id;
   * a department missing here keeps no rota or has nobody on duty, and gets the case as a whole.
   */
  departmentOnDuty?: Readonly<Record<string, DutyChoice>>;
  /** report / self_handle: department ids by code, to route to the responsible department. */
  departmentIdByCode?: Readonly<Record<string, string>>;
  /** merge: the main case, when loaded, so that a duplicate is not merged into an ended case. */
  mainCase?: Pick<CaseState, 'status'> | null;
  rules?: Partial<CaseRules>;
  /**
   * cancel: the channel the case came from (the 12345 hotline) takes it back (退单) and a return was asked for;
   * the zone leader of the case's zone approves it by cancelling here.
   */
  channelReturnRequested?: boolean;
}

export type Decision = { ok: true; events: CaseEventDraft[]; next: CaseState } | { ok: false; refusal: Refusal };

export interface ActionInput<A extends CaseAction> {
  state: CaseState;
  command: CaseCommandOf<A>;
  actor: Actor;
  now: Instant;
  context: DecisionContext;
}

/** An action on an existing case: its events, or why not. Status and role are checked before it runs. */
export type ActionHandler<A extends CaseAction> = (input: ActionInput<A>) => Outcome<CaseEventDraft[]>;
