import type { Priority } from '@grid/contracts';

/** Limits of the steps a category does not set (it sets accept and handle), per priority, in hours. */
export interface StepLimits {
  /** reported → registered (立案). */
  register: number;
  /** registered → dispatched (派遣), counted again after each return or escalation. */
  dispatch: number;
  /** handled → verified (核查), counted again after each rework. */
  verify: number;
}

export interface SlaRules {
  steps: Record<Priority, StepLimits>;
  /** The used fraction where a clock turns yellow (黄灯). */
  warningFraction: number;
}

export const DEFAULT_SLA_RULES: SlaRules = {
  steps: {
    normal: { register: 2, dispatch: 2, verify: 8 },
    urgent: { register: 1, dispatch: 1, verify: 4 },
    emergency: { register: 0.5, dispatch: 0.5, verify: 2 },
  },
  warningFraction: 0.8,
};
