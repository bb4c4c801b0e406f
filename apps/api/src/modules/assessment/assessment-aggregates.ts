import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { CaseLevel, SuspensionRule } from '@grid/contracts';
import { wholeMonthsOf } from '@grid/domain';
import { DataSource } from 'typeorm';
import { periodOf, scopeConditions, scopeWhere, startOfLocalDate, type AssessmentScope } from './assessment-scope';
import { aggregateSql, aggregatesOf, departmentPartSql, SqlParams, TERMINAL, type AggregateRow, type AggregationPlan, type UnitAggregate } from './assessment-sql';

/** A period of local dates, both inclusive. */
export interface LocalPeriod {
  from: string;
  to: string;
}

/**
 * Sums per unit of a level for a period, judged at `asOf`: the rollup rows of the whole months inside the
 * period, plus what is aggregated live: the open cases of those months (a partial index), every case of the
 * partial months at the period's edges, and the cases a department is on (another partial index).
 */
@Injectable()
export class AssessmentAggregates {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Sums per unit; `withTotal`: also the whole scope's, as the unit `null`, from the same query (the level's
   * live facts must then be the scope's: not for departments, whose live facts are only the cases they are on).
   */
  async aggregate(
    level: CaseLevel | null,
    scope: AssessmentScope,
    period: LocalPeriod,
    judgement: { asOf: Date; suspension: SuspensionRule },
    withTotal = false,
  ): Promise<Map<string | null, UnitAggregate>> {
    const { asOf, suspension } = judgement;
    const params = new SqlParams();
    const at = params.add(asOf, '::timestamptz');
    const plan = await this.planOf(level, scope, period, params);
    const facts = this.query(aggregateSql(level, plan, { asOf: at, suspension }, withTotal), params.values);
    const departmentParts = (withTotal ? [level, null] : [level]).map((l) => {
      const departmentParams = new SqlParams();
      const departmentAt = departmentParams.add(asOf);
      const sql = departmentPartSql(l, scopeWhere(scope, periodOf(period.from, period.to), departmentParams, 'd'), departmentAt);
      return sql ? this.query(sql, departmentParams.values) : Promise.resolve([]);
    });
    const [rows, ...departmentRows] = await Promise.all([facts, ...departmentParts]);
    return aggregatesOf(rows, departmentRows.flat());
  }

  /**
   * Without JIT compilation: these queries are many plain aggregates over tens of thousands of rows, whose cost
   * estimate crosses `jit_above_cost`; compiling them took 0.5–0.7 s, longer than running them. With room to
   * group 10,000 units of 70 sums in memory (the default 4 MB spilled them to disk).
   */
  private query(sql: string, params: unknown[]): Promise<AggregateRow[]> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`SET LOCAL jit = off; SET LOCAL work_mem = '64MB'`);
      return manager.query(sql, params);
    });
  }

  /** What to read live and which rollup rows to sum. */
  private async planOf(level: CaseLevel | null, scope: AssessmentScope, period: LocalPeriod, params: SqlParams): Promise<AggregationPlan> {
    const instants = periodOf(period.from, period.to);
    const span = (alias: string, from: Date, to: Date) => `${alias}.reported_at >= ${params.add(from, '::timestamptz')} AND ${alias}.reported_at < ${params.add(to, '::timestamptz')}`;
    const inScope = (alias: 'f' | 'r') => scopeConditions(scope, params, alias).map((c) => ` AND ${c}`).join('');
    // A department's figures (and department staff's scope) come from the few cases with a department, all live.
    if (level === 'department' || scope.departmentId) return { live: [`${span('f', instants.from, instants.to)} AND f.department_ids <> '{}'${inScope('f')}`], rollups: null };
    const months = wholeMonthsOf(period.from, period.to);
    if (!months || (await this.rollupsPending(months))) return { live: [`${span('f', instants.from, instants.to)}${inScope('f')}`], rollups: null };
    const [wholeFrom, wholeTo] = [startOfLocalDate(months.from), startOfLocalDate(months.to)];
    const live = [`f.status NOT IN ${TERMINAL} AND ${span('f', wholeFrom, wholeTo)}${inScope('f')}`];
    if (instants.from < wholeFrom) live.push(`${span('f', instants.from, wholeFrom)}${inScope('f')}`);
    if (wholeTo < instants.to) live.push(`${span('f', wholeTo, instants.to)}${inScope('f')}`);
    const rollups = `r.month >= ${params.add(months.from, '::date')} AND r.month < ${params.add(months.to, '::date')}${inScope('r')}`;
    return { live, rollups };
  }

  /** Whether cells of these months still wait for their rollup (a backfill under way): then they are read live. */
  private async rollupsPending(months: { from: string; to: string }): Promise<boolean> {
    const [row] = (await this.dataSource.query(`SELECT EXISTS (SELECT 1 FROM assessment_rollup_stale WHERE month >= $1::date AND month < $2::date) AS pending`, [months.from, months.to])) as { pending: boolean }[];
    return row.pending;
  }
}
