import type { AssessmentConfig, AssessmentLevel, Indicator, LeaderLevel } from '@grid/contracts';
import { LEADER_LEVELS } from '@grid/contracts';

/** Leaders' posts ranked as levels of their own (DESIGN §7a): 网格长, 村（社区）干部, 片区负责人. */
export const isLeaderLevel = (level: AssessmentLevel): level is LeaderLevel => (LEADER_LEVELS as readonly string[]).includes(level);

const rate = (figure: Indicator['figure'], weight: number, invert = false): Indicator => ({ figure, weight, invert });
const band = (figure: Indicator['figure'], weight: number, bands: Indicator['bands']): Indicator => ({ figure, weight, invert: false, bands });

/**
 * Version 1's indicator sets of the leaders' posts: a leader is judged by the figures of the area they lead and
 * by their own field work (到村入户: visits, days on patrol). Schemes written before these sets have them.
 */
export const DEFAULT_LEADER_INDICATORS: Record<LeaderLevel, Indicator[]> = {
  grid_leader: [
    rate('onTimeRate', 0.3),
    rate('closureRate', 0.2),
    rate('reworkRate', 0.15, true),
    band('missedReports', 0.15, [{ atLeast: 10, score: 0 }, { atLeast: 5, score: 40 }, { atLeast: 1, score: 75 }, { atLeast: 0, score: 100 }]),
    band('patrolDays', 0.2, [{ atLeast: 20, score: 100 }, { atLeast: 10, score: 80 }, { atLeast: 1, score: 60 }, { atLeast: 0, score: 0 }]),
  ],
  village_cadre: [
    rate('onTimeRate', 0.3),
    rate('closureRate', 0.2),
    rate('reworkRate', 0.1, true),
    { figure: 'satisfaction', weight: 0.1, invert: false },
    band('patrolVisits', 0.2, [{ atLeast: 40, score: 100 }, { atLeast: 20, score: 80 }, { atLeast: 5, score: 60 }, { atLeast: 0, score: 0 }]),
    band('overSuspended', 0.1, [{ atLeast: 3, score: 0 }, { atLeast: 1, score: 60 }, { atLeast: 0, score: 100 }]),
  ],
  zone_leader: [
    rate('onTimeRate', 0.3),
    rate('closureRate', 0.25),
    rate('reworkRate', 0.15, true),
    { figure: 'satisfaction', weight: 0.15, invert: false },
    band('overSuspended', 0.15, [{ atLeast: 5, score: 0 }, { atLeast: 1, score: 60 }, { atLeast: 0, score: 100 }]),
  ],
};

/** The indicator set a level's composite is made of. */
export function indicatorsOf(config: AssessmentConfig, level: AssessmentLevel): readonly Indicator[] {
  if (level === 'worker') return config.indicators.post;
  if (level === 'department') return config.indicators.department;
  if (isLeaderLevel(level)) return config.indicators[level] ?? DEFAULT_LEADER_INDICATORS[level];
  return config.indicators.area;
}
