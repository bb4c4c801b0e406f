import type { AssessmentConfig, Indicator } from '@grid/contracts';
import { DEFAULT_SUSPENSION_RULE } from './assessment-counts';
import { DEFAULT_LEADER_INDICATORS } from './leader-levels';

const rate = (figure: Indicator['figure'], weight: number, invert = false): Indicator => ({ figure, weight, invert });

/**
 * Version 1 of the assessment configuration. Composites follow the national evaluation standard's shape
 * (a department: case count band + closure ×30 % + on-time handling ×30 % + (1 − rework) ×30 %).
 */
export const DEFAULT_ASSESSMENT_CONFIG: AssessmentConfig = {
  indicators: {
    area: [rate('registrationRate', 0.1), rate('onTimeRate', 0.3), rate('closureRate', 0.25), rate('reworkRate', 0.2, true), { figure: 'satisfaction', weight: 0.15, invert: false }],
    department: [
      { figure: 'handled', weight: 0.1, invert: false, bands: [{ atLeast: 20, score: 100 }, { atLeast: 5, score: 80 }, { atLeast: 1, score: 60 }, { atLeast: 0, score: 0 }] },
      rate('closureRate', 0.3),
      rate('onTimeRate', 0.3),
      rate('reworkRate', 0.3, true),
    ],
    post: [
      { figure: 'reported', weight: 0.1, invert: false, bands: [{ atLeast: 10, score: 100 }, { atLeast: 5, score: 80 }, { atLeast: 1, score: 60 }, { atLeast: 0, score: 0 }] },
      rate('onTimeRate', 0.3),
      rate('closureRate', 0.2),
      rate('reworkRate', 0.2, true),
      { figure: 'satisfaction', weight: 0.1, invert: false },
      { figure: 'missedReports', weight: 0.1, invert: false, bands: [{ atLeast: 5, score: 0 }, { atLeast: 3, score: 40 }, { atLeast: 1, score: 75 }, { atLeast: 0, score: 100 }] },
    ],
    ...DEFAULT_LEADER_INDICATORS,
  },
  points: { validReport: 1, selfHandled: 1, handledOnTime: 2, overdue: -3, rework: -2, missedReport: -2, goodRating: 1, poorRating: -1 },
  coefficients: { byRole: { grid_worker: 1, grid_leader: 1.1, village_cadre: 1.1, zone_leader: 1.2 }, byArea: {}, byUser: {} },
  grades: { A: 90, B: 75, C: 60, D: 40 },
  bottomShare: 0.1,
  suspension: DEFAULT_SUSPENSION_RULE,
};
