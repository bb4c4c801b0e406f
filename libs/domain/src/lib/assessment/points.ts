import type { AppealKind, AssessmentConfig, LedgerEntry, PointRule, PointRules } from '@grid/contracts';
import { POINT_RULES } from '@grid/contracts';
import type { Instant } from '../shared/instant.util';
import type { AssessmentCounts } from './assessment-counts';
import { judge } from './assessment-counts';
import { isFieldReport, type AssessmentCaseFacts } from './case-facts';

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
 * Every gain and loss of a person from the cases of a period, each explained by its case: the same rules
 * `pointsByRule` sums, one entry per case and rule. `caseCode` is filled in by the caller.
 */
export function ledgerOf(personId: string, facts: readonly (AssessmentCaseFacts & { caseCode: string })[], rules: PointRules, asOf: Instant): LedgerEntry[] {
  const entries: LedgerEntry[] = [];
  for (const f of facts) {
    const j = judge(f, asOf);
    const add = (rule: PointRule, points: number, at: Instant | null, appealable: AppealKind | null = null) => {
      if (points !== 0) entries.push({ caseId: f.caseId, caseCode: f.caseCode, categoryCode: f.categoryCode, rule, points, at: at ?? f.reportedAt, appealable });
    };
    if (isFieldReport(f, personId)) {
      if (f.validReport) add('valid_report', rules.validReport * f.categoryPoints, f.reportedAt);
      if (f.selfHandled) add('self_handled', rules.selfHandled, f.handledAt);
    }
    if (f.handlerId === personId) {
      if (j.handledOnTime) add('handled_on_time', rules.handledOnTime, f.handledAt);
      if (j.overdue) add('overdue', rules.overdue, f.overdueAt, 'overdue');
      if (f.reworked) add('rework', rules.rework, f.reworkedAt, 'rework');
      if (f.rating !== null && f.rating >= 5) add('good_rating', rules.goodRating, f.closedAt);
      if (f.rating !== null && f.rating <= 2) add('poor_rating', rules.poorRating, f.closedAt);
    }
    if (f.gridWorkerId === personId && f.missedReport) add('missed_report', rules.missedReport, f.reportedAt, 'missed_report');
  }
  return entries.sort((a, b) => a.at.localeCompare(b.at) || a.caseCode.localeCompare(b.caseCode) || a.rule.localeCompare(b.rule));
}
