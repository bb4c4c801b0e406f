import type { AppealKind, AssessmentConfig, LedgerEntry, PointRule, PointRules, SuspensionRule } from '@grid/contracts';
import { POINT_RULES } from '@grid/contracts';
import type { Instant } from '../shared/instant.util';
import { addCase, contributionsOf, DEFAULT_SUSPENSION_RULE, emptyCounts, type AssessmentCounts } from './assessment-counts';
import type { AssessmentCaseFacts } from './case-facts';

/** A person's points per rule from their counts (reporting, handling and missed parts). */
export function pointsByRule(c: Pick<AssessmentCounts, 'validReportPoints' | 'selfHandled' | 'handledOnTime' | 'overdue' | 'reworked' | 'missedReports' | 'goodRatings' | 'poorRatings'>, rules: PointRules): Record<PointRule, number> {
  return {
    valid_report: rules.validReport * c.validReportPoints,
    self_handled: rules.selfHandled * c.selfHandled,
    handled_on_time: rules.handledOnTime * c.handledOnTime,
    overdue: rules.overdue * c.overdue,
    rework: rules.rework * c.reworked,
    missed_report: rules.missedReport * c.missedReports,
    good_rating: rules.goodRating * c.goodRatings,
    poor_rating: rules.poorRating * c.poorRatings,
  };
}

export const sumPoints = (byRule: Record<PointRule, number>) => round2(POINT_RULES.reduce((sum, rule) => sum + byRule[rule], 0));
const round2 = (n: number) => Math.round(n * 100) / 100;
/** Points of cases plus reward and penalty points (奖惩), to the hundredth. */
export const addPoints = (a: number, b: number) => round2(a + b);

/** A person's coefficient (系数): their own, else their post's times their area's difficulty. */
export function coefficientOf(person: { id: string; role: string; areaId: string | null }, coefficients: AssessmentConfig['coefficients']): number {
  const own = coefficients.byUser[person.id];
  if (own !== undefined) return own;
  const area = person.areaId ? (coefficients.byArea[person.areaId] ?? 1) : 1;
  return round2((coefficients.byRole[person.role] ?? 1) * area);
}

/** score = coefficient × points. */
export const scoreOf = (coefficient: number, points: number) => round2(coefficient * points);

/**
 * Every gain and loss of a person from the cases of a period, each explained by its case: the counts of their
 * parts of each case (`contributionsOf`, `addCase`, as the ranking adds them up) turned into points by rule, one
 * entry per case and rule. `caseCode` is filled in by the caller.
 */
export function ledgerOf(
  personId: string,
  facts: readonly (AssessmentCaseFacts & { caseCode: string })[],
  rules: PointRules,
  asOf: Instant,
  suspension: SuspensionRule = DEFAULT_SUSPENSION_RULE,
): LedgerEntry[] {
  const entries: LedgerEntry[] = [];
  for (const f of facts) {
    const c = emptyCounts();
    for (const [unitId, parts] of contributionsOf(f, 'worker')) if (unitId === personId) addCase(c, f, parts, asOf, undefined, suspension);
    const byRule = pointsByRule(c, rules);
    const at: Record<PointRule, Instant | null> = {
      valid_report: f.reportedAt, self_handled: f.handledAt, handled_on_time: f.handledAt, overdue: f.overdueAt, rework: f.reworkedAt,
      missed_report: f.reportedAt, good_rating: f.closedAt, poor_rating: f.closedAt,
    };
    for (const rule of POINT_RULES) {
      if (byRule[rule] !== 0) entries.push({ caseId: f.caseId, caseCode: f.caseCode, categoryCode: f.categoryCode, rule, points: byRule[rule], at: at[rule] ?? f.reportedAt, appealable: APPEALABLE[rule] ?? null });
    }
  }
  return entries.sort((a, b) => a.at.localeCompare(b.at) || a.caseCode.localeCompare(b.caseCode) || a.rule.localeCompare(b.rule));
}

/** The rules whose attribution can be appealed. */
const APPEALABLE: Partial<Record<PointRule, AppealKind>> = { overdue: 'overdue', rework: 'rework', missed_report: 'missed_report' };
