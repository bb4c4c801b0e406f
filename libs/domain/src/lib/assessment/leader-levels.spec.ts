import type { AssessmentConfig } from '@grid/contracts';
import { LEADER_LEVELS } from '@grid/contracts';
import { emptyCounts, figuresOf } from './assessment-counts';
import { DEFAULT_ASSESSMENT_CONFIG } from './assessment-config';
import { rowOf } from './assessment-rows';
import { DEFAULT_LEADER_INDICATORS, indicatorsOf, isLeaderLevel } from './leader-levels';
import { patrolFiguresOf } from './patrol-summary';

describe('leaders’ posts ranked with their own indicators (issue 23)', () => {
  it('has a set for every post, each adding up to 1; a scheme written before them falls back to it', () => {
    for (const level of LEADER_LEVELS) {
      expect(DEFAULT_LEADER_INDICATORS[level].reduce((sum, i) => sum + i.weight, 0)).toBeCloseTo(1, 9);
      expect(indicatorsOf(DEFAULT_ASSESSMENT_CONFIG, level)).toBe(DEFAULT_ASSESSMENT_CONFIG.indicators[level]);
    }
    const old = { ...DEFAULT_ASSESSMENT_CONFIG, indicators: { area: [], department: [], post: [] } } as unknown as AssessmentConfig;
    expect(indicatorsOf(old, 'zone_leader')).toBe(DEFAULT_LEADER_INDICATORS.zone_leader);
    expect(isLeaderLevel('village_cadre')).toBe(true);
    expect(isLeaderLevel('village')).toBe(false);
  });

  it('counts a leader’s own field work, and ranks them by the composite of their post’s set', () => {
    const day = (workerId: string, date: string, visits: number) => ({ workerId, gridId: 'g1', areaPath: ['d1', 'z1', 'v1', 'g1'], day: date, distanceM: 2000, visits });
    const own = patrolFiguresOf([day('cadre', '2026-11-23', 30), day('cadre', '2026-11-24', 15), day('worker', '2026-11-23', 5)], 'village_cadre');
    expect(own.get('cadre')).toMatchObject({ patrolDays: 2, patrolVisits: 45, patrolKm: 4 });
    // The village's rates, 45 visits (the 100 band): 0.3·80 + 0.2·90 + 0.1·(1 − 0.1)·100 + 0.1·(4 − 1)·25 + 0.2·100 + 0.1·100 = 88.5.
    const figures = { ...figuresOf(emptyCounts(), own.get('cadre')), onTimeRate: 0.8, closureRate: 0.9, reworkRate: 0.1, satisfaction: 4, overSuspended: 0 };
    const row = rowOf('village_cadre', { unitId: 'cadre', unitName: '村干部', unitCode: 'village001', parentAreaId: 'v1', person: { role: 'village_cadre', areaId: 'v1' } }, figures, emptyCounts(), DEFAULT_ASSESSMENT_CONFIG);
    expect(row).toMatchObject({ composite: 88.5, grade: 'B', points: null, coefficient: null, score: 88.5 });
  });
});
