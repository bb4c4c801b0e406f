import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type {
  AssessmentConfig,
  AssessmentDrillResponse,
  CaseLevel,
  LeaderLevel,
  SuspensionRule,
  AssessmentLedger,
  AssessmentLevel,
  AssessmentResponse,
  AssessmentRow,
  DrillableFigure,
  PointRule,
} from '@grid/contracts';
import { POINT_RULES } from '@grid/contracts';
import {
  addPoints,
  coefficientOf,
  emptyCounts,
  figuresOf,
  ledgerOf,
  NO_PATROLS,
  patrolFiguresOf,
  rankRows,
  RANKED_PERSON_ROLES,
  rowOf,
  scoreOf,
  sumPoints,
  isLeaderLevel,
  type AssessedUnit,
  type DutyDaySummary,
  type PatrolDaySummary,
  type PatrolFigures,
} from '@grid/domain';
import { DataSource } from 'typeorm';
import { forbidden, notFound } from '../../common/app-error';
import type { AuthUser } from '../auth/auth-user';
import { AssessmentAdjustmentsService } from './assessment-adjustments.service';
import { AssessmentConfigService } from './assessment-config.service';
import { factsOfRow, type FactRow } from './assessment-facts.store';
import { AssessmentProjector } from './assessment-projector.service';
import { AssessmentAggregates } from './assessment-aggregates';
import { assessmentScopeOf, periodOf, scopeWhere, type AssessmentScope } from './assessment-scope';
import { areaColumnOf, figurePredicates, RESIDENT_SOURCES_SQL, SqlParams, sumAggregates, summariesOf, type Parts, type UnitAggregate } from './assessment-sql';
import { PatrolSummarySource } from './patrol-summary.source';
import { isSpecialisedHelper } from '../people/specialised-helpers';

const AS_OF = ':asOf';
/** Every person a case may count for (the people index, migration 1763913000000). */
const PEOPLE_OF_FACT = 'ARRAY[f.reporter_id, f.handler_id, f.grid_worker_id, f.overdue_holder_id, f.handle_late_holder_id]';

type AreaCaseLevel = 'grid' | 'village' | 'zone';
type PatrolsOfPeriod = Promise<[PatrolDaySummary[], DutyDaySummary[]]>;
/** What every level's ranking is made with. */
interface Ranking {
  period: { from: string; to: string };
  judgement: { asOf: Date; suspension: SuspensionRule };
  config: AssessmentConfig;
}

interface PeriodQuery {
  level: AssessmentLevel;
  from: string;
  to: string;
  version?: number;
  areaId?: string;
  /** One page of the ranking; without a page size, all of it. */
  page?: number;
  pageSize?: number;
}

/** Figures per unit, drill-down and ledgers: the facts of a period aggregated in SQL, judged with the domain's rules. */
@Injectable()
export class AssessmentService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly projector: AssessmentProjector,
    private readonly configs: AssessmentConfigService,
    private readonly patrols: PatrolSummarySource,
    private readonly aggregates: AssessmentAggregates,
    private readonly adjustments: AssessmentAdjustmentsService,
  ) {}

  async assess(user: AuthUser, query: PeriodQuery): Promise<AssessmentResponse> {
    const scope = await this.scopeFor(user, query.level, query.areaId);
    const run = await this.projector.projectDirty();
    const { version, config } = await this.configs.get(query.version);
    const asOf = new Date();
    const ranking = { period: { from: query.from, to: query.to }, judgement: { asOf, suspension: config.suspension }, config };
    const instants = periodOf(query.from, query.to);
    const patrolsOfPeriod = Promise.all([this.patrols.days(instants, scope), this.patrols.dutyDays(instants, scope)]);
    const [{ rows, total }, [patrolDays, dutyDays], pendingCases] = await Promise.all([
      isLeaderLevel(query.level) ? this.leaderRows(query.level, scope, ranking, patrolsOfPeriod) : this.unitRows(query.level, scope, ranking, patrolsOfPeriod),
      patrolsOfPeriod,
      run.more ? this.projector.pendingCases() : 0,
    ]);
    const ranked = rankRows(rows, config.bottomShare);
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? null;
    return {
      level: query.level,
      from: query.from,
      to: query.to,
      asOf: asOf.toISOString(),
      configVersion: version,
      pendingCases,
      total: figuresOf(total?.counts ?? emptyCounts(), sumPatrols(patrolFiguresOf(patrolDays, 'zone', dutyDays).values()), summariesOf(total)),
      rowCount: ranked.length,
      page,
      pageSize,
      rows: pageSize === null ? ranked : ranked.slice((page - 1) * pageSize, page * pageSize),
    };
  }

  /** The rows of a level whose units the cases count for (persons, areas, departments), and the totals line. */
  private async unitRows(level: CaseLevel, scope: AssessmentScope, ranking: Ranking, patrolsOfPeriod: PatrolsOfPeriod): Promise<{ rows: AssessmentRow[]; total: UnitAggregate | undefined }> {
    const { period, judgement, config } = ranking;
    // The totals line: an area level's units share out the scope's cases, so it is their sum; persons' parts
    // overlap, so it comes from the same query; departments aggregate only their cases, so it has its own.
    const unitsAddUp = level === 'grid' || level === 'village' || level === 'zone';
    const [units, scopeTotal, [patrolDays, dutyDays], adjustments] = await Promise.all([
      this.aggregates.aggregate(level, scope, period, judgement, level === 'worker'),
      level === 'department' ? this.aggregates.aggregate(null, scope, period, judgement) : null,
      patrolsOfPeriod,
      level === 'worker' ? this.adjustments.sums(period.from, period.to) : new Map<string, number>(),
    ]);
    const patrols = patrolFiguresOf(patrolDays, level, dutyDays);
    const listed = await this.units(level, scope, [...units.keys()].filter((id): id is string => id !== null));
    const rows = listed.map((unit) => {
      const aggregate = units.get(unit.unitId);
      const counts = aggregate?.counts ?? emptyCounts();
      const figures = figuresOf(counts, patrols.get(unit.unitId) ?? NO_PATROLS, summariesOf(aggregate));
      return rowOf(level, unit, figures, counts, config, adjustments.get(unit.unitId) ?? 0);
    });
    return { rows, total: unitsAddUp ? sumAggregates(units.values()) : (scopeTotal ?? units).get(null) };
  }

  /**
   * A leaders' post (网格长, 村干部, 片区负责人): every leader of the post in scope, with the figures of the area they
   * lead (the area levels' own aggregations, one per level of area led, zones always: their sum is the totals
   * line) and their own field work; the composite of the post's indicator set ranks them.
   */
  private async leaderRows(level: LeaderLevel, scope: AssessmentScope, ranking: Ranking, patrolsOfPeriod: PatrolsOfPeriod): Promise<{ rows: AssessmentRow[]; total: UnitAggregate }> {
    const { period, judgement, config } = ranking;
    const leaders = await this.leaders(level, scope);
    const areaLevels = [...new Set<AreaCaseLevel>(['zone', ...leaders.flatMap((l) => (l.areaLevel ? [l.areaLevel] : []))])];
    const [byLevel, [patrolDays, dutyDays]] = await Promise.all([Promise.all(areaLevels.map((l) => this.aggregates.aggregate(l, scope, period, judgement))), patrolsOfPeriod]);
    const aggregates = new Map(areaLevels.map((l, i) => [l, byLevel[i]]));
    const own = patrolFiguresOf(patrolDays, level, dutyDays);
    const rows = leaders.map(({ unit, areaLevel }) => {
      const aggregate = areaLevel ? aggregates.get(areaLevel)?.get(unit.parentAreaId) : undefined;
      const counts = aggregate?.counts ?? emptyCounts();
      return rowOf(level, unit, figuresOf(counts, own.get(unit.unitId) ?? NO_PATROLS, summariesOf(aggregate)), counts, config);
    });
    return { rows, total: sumAggregates((aggregates.get('zone') ?? new Map<string | null, UnitAggregate>()).values()) };
  }

  /** The active holders of a leader's post whose area is in scope, with the level of the area they lead. */
  private async leaders(level: LeaderLevel, scope: AssessmentScope): Promise<{ unit: AssessedUnit; areaLevel: AreaCaseLevel | null }[]> {
    const rows = (await this.dataSource.query(
      `SELECT u.id, u.display_name, u.username, u.role, u.area_id, a.level AS area_level FROM users u JOIN areas a ON a.id = u.area_id
       WHERE u.role = $1 AND u.active AND ($2::uuid IS NULL OR a.id = $2 OR a.path @> ARRAY[$2::uuid])`,
      [level, scope.area?.id ?? null],
    )) as { id: string; display_name: string; username: string; role: string; area_id: string; area_level: string }[];
    return rows.map((r) => ({
      unit: { unitId: r.id, unitName: r.display_name, unitCode: r.username, parentAreaId: r.area_id, person: { role: r.role, areaId: r.area_id } },
      areaLevel: r.area_level === 'grid' || r.area_level === 'village' || r.area_level === 'zone' ? r.area_level : null,
    }));
  }

  /** The cases behind one count of one unit, newest first. */
  async drill(user: AuthUser, query: PeriodQuery & { unitId: string; figure: DrillableFigure; page: number; pageSize: number }): Promise<AssessmentDrillResponse> {
    if (isLeaderLevel(query.level)) {
      // A leader's figures are their area's: the same cases.
      const leader = await this.visiblePerson(user, query.unitId);
      const [area] = (await this.dataSource.query(`SELECT level FROM areas WHERE id = $1`, [leader.area_id])) as { level: string }[];
      if (!leader.area_id || !area || !(area.level === 'grid' || area.level === 'village' || area.level === 'zone')) throw notFound('area');
      const drilled = await this.drill(user, { ...query, level: area.level, unitId: leader.area_id });
      return { ...drilled, level: query.level, unitId: query.unitId };
    }
    const scope = await this.scopeFor(user, query.level, query.areaId);
    const only = scope.onlyUnit[query.level];
    if (only && only !== query.unitId) throw forbidden(`you may see only your own ${query.level}'s figures`);
    // The unit itself must be in the caller's scope (403 or 404, as everywhere), not merely filtered to nothing.
    if (query.level === 'worker') await this.visiblePerson(user, query.unitId);
    else if (query.level !== 'department') await this.scopeFor(user, query.level, query.unitId);
    await this.projector.projectDirty();
    const { config } = await this.configs.get(query.version);
    const params = new SqlParams();
    const where = scopeWhere(scope, periodOf(query.from, query.to), params, 'f');
    const unit = params.add(query.unitId, '::uuid');
    const parts = partsOf(query.level, unit);
    const predicate =
      query.figure === 'summoned'
        ? query.level === 'worker'
          ? 'FALSE'
          : `${parts.h} AND EXISTS (SELECT 1 FROM assessment_department_facts d WHERE d.case_id = f.case_id${query.level === 'department' ? ` AND d.department_id = ${unit}` : ''})`
        : figurePredicates(parts, { asOf: AS_OF, suspension: config.suspension })[query.figure];
    // The moment of judgement is a parameter only where the figure depends on it (pg refuses unused untyped ones).
    const judged = predicate.includes(AS_OF) ? predicate.replaceAll(AS_OF, params.add(new Date(), '::timestamptz')) : predicate;
    const rows = (await this.dataSource.query(
      `SELECT f.*, c.code, count(*) OVER () AS total FROM assessment_facts f JOIN cases c ON c.id = f.case_id
       WHERE ${where} AND (${judged}) ORDER BY f.reported_at DESC, f.case_id
       LIMIT ${params.add(query.pageSize)} OFFSET ${params.add((query.page - 1) * query.pageSize)}`,
      params.values,
    )) as (FactRow & { code: string; total: string })[];
    return {
      level: query.level,
      unitId: query.unitId,
      figure: query.figure,
      total: rows.length ? Number(rows[0].total) : 0,
      page: query.page,
      pageSize: query.pageSize,
      items: rows.map((r) => ({
        id: r.case_id,
        code: r.code,
        categoryCode: r.category_code,
        priority: r.priority,
        status: r.status,
        reportedAt: r.reported_at.toISOString(),
        closedAt: r.closed_at?.toISOString() ?? null,
        overdueAt: r.overdue_at?.toISOString() ?? null,
        handlerId: r.handler_id,
        waived: r.waived,
      })),
    };
  }

  /** A person's points of a period, each gain and loss with its case. */
  async ledger(user: AuthUser, query: { userId: string; from: string; to: string; version?: number }): Promise<AssessmentLedger> {
    const person = await this.visiblePerson(user, query.userId);
    await this.projector.projectDirty();
    const { version, config } = await this.configs.get(query.version);
    const period = periodOf(query.from, query.to);
    const rows = (await this.dataSource.query(
      `SELECT f.*, c.code FROM assessment_facts f JOIN cases c ON c.id = f.case_id
       WHERE ${PEOPLE_OF_FACT} @> ARRAY[$1]::uuid[] AND f.reported_at >= $2 AND f.reported_at < $3`,
      [person.id, period.from, period.to],
    )) as (FactRow & { code: string })[];
    const entries = ledgerOf(person.id, rows.map((r) => ({ ...factsOfRow(r), caseCode: r.code })), config.points, new Date().toISOString(), config.suspension);
    const byRule = Object.fromEntries(POINT_RULES.map((rule) => [rule, 0])) as Record<PointRule, number>;
    for (const e of entries) byRule[e.rule] += e.points;
    const adjustments = await this.adjustments.ofPerson(person.id, query.from, query.to);
    const adjustmentPoints = adjustments.filter((a) => a.counts).reduce((sum, a) => addPoints(sum, a.points), 0);
    const points = addPoints(sumPoints(byRule), adjustmentPoints);
    const coefficient = coefficientOf({ id: person.id, role: person.role, areaId: person.area_id }, config.coefficients);
    const score = scoreOf(coefficient, points);
    return { userId: person.id, displayName: person.display_name, from: query.from, to: query.to, configVersion: version, points, coefficient, score, byRule, entries, adjustments, adjustmentPoints };
  }

  /** A person whose figures the caller may see; 404 for anyone else (as if they did not exist). */
  private async visiblePerson(user: AuthUser, id: string): Promise<{ id: string; display_name: string; role: string; area_id: string | null; area_path: (string | null)[] }> {
    const [person] = (await this.dataSource.query(
      `SELECT u.id, u.display_name, u.role, u.area_id, coalesce(a.path, '{}') || u.area_id AS area_path FROM users u LEFT JOIN areas a ON a.id = u.area_id WHERE u.id = $1`,
      [id],
    )) as { id: string; display_name: string; role: string; area_id: string | null; area_path: (string | null)[] }[];
    if (!person || !this.maySeePerson(user, person)) throw notFound('person');
    return person;
  }

  private maySeePerson(user: AuthUser, person: { id: string; area_path: (string | null)[] }): boolean {
    if (person.id === user.id) return true;
    const scope = assessmentScopeOf(user);
    if (scope.departmentId || scope.onlyUnit.worker) return false;
    return scope.area === null || person.area_path.includes(scope.area.id);
  }

  /** The caller's scope at a level, narrowed to `areaId` when given (403 outside the caller's own). */
  async scopeFor(user: AuthUser, level: AssessmentLevel, areaId?: string): Promise<AssessmentScope> {
    const scope = assessmentScopeOf(user);
    if (!scope.levels.includes(level)) throw forbidden(`your role may not see the ${level} assessment`);
    if (!areaId) return scope;
    const [area] = (await this.dataSource.query(`SELECT id, level, path FROM areas WHERE id = $1`, [areaId])) as { id: string; level: 'district' | 'zone' | 'village' | 'grid'; path: string[] }[];
    if (!area) throw notFound('area');
    if (scope.area && area.id !== scope.area.id && !area.path.includes(scope.area.id)) throw forbidden('the area is outside your scope');
    return { ...scope, area: { id: area.id, level: area.level } };
  }

  /** Every unit of the level in scope (with or without cases); at the worker level every grid worker the cases count for. */
  private async units(level: CaseLevel, scope: AssessmentScope, withCases: string[]): Promise<AssessedUnit[]> {
    const only = scope.onlyUnit[level];
    const areaFilter = (column: string) => (scope.area ? `AND (${column} = $2::uuid OR ${column} IN (SELECT id FROM areas WHERE path @> ARRAY[$2]::uuid[]))` : '');
    let units: AssessedUnit[];
    if (level === 'worker') {
      // Grid workers only: with cases in scope, or serving in it (a specialised helper only with cases of their own).
      const rows = (await this.dataSource.query(
        `SELECT u.id, u.display_name, u.username, u.role, u.area_id FROM users u
         WHERE u.role = ANY($3::text[]) AND (u.id = ANY($1::uuid[])
           OR (u.active AND NOT ${isSpecialisedHelper('u.id')} AND ($2::uuid IS NULL OR u.area_id = $2 OR u.area_id IN (SELECT id FROM areas WHERE path @> ARRAY[$2::uuid]))))`,
        [withCases, scope.area?.id ?? null, RANKED_PERSON_ROLES],
      )) as { id: string; display_name: string; username: string; role: string; area_id: string | null }[];
      units = rows.map((r) => ({ unitId: r.id, unitName: r.display_name, unitCode: r.username, parentAreaId: r.area_id, person: { role: r.role, areaId: r.area_id } }));
    } else if (level === 'department') {
      const rows = (await this.dataSource.query(`SELECT id, name, code FROM departments ORDER BY code`)) as { id: string; name: string; code: string }[];
      units = rows.map((r) => ({ unitId: r.id, unitName: r.name, unitCode: r.code, parentAreaId: null }));
    } else {
      const rows = (await this.dataSource.query(
        `SELECT a.id, a.name, a.code, a.parent_id FROM areas a WHERE a.level = $1 ${areaFilter('a.id')}`,
        scope.area ? [level, scope.area.id] : [level],
      )) as { id: string; name: string; code: string; parent_id: string | null }[];
      units = rows.map((r) => ({ unitId: r.id, unitName: r.name, unitCode: r.code, parentAreaId: r.parent_id }));
    }
    return only ? units.filter((u) => u.unitId === only) : units;
  }
}

/** Which parts of a case count for one unit, as SQL over `f` (the aggregation's `r`, `h`, `m`, `o`, `k`). */
function partsOf(level: CaseLevel, unit: string): Parts {
  if (level === 'worker')
    return {
      r: `(f.reporter_id = ${unit} AND f.source NOT IN ${RESIDENT_SOURCES_SQL})`,
      h: `f.handler_id = ${unit}`,
      m: `f.grid_worker_id = ${unit}`,
      o: `coalesce(f.overdue_holder_id = ${unit}, false)`,
      k: `coalesce(f.handle_late_holder_id = ${unit}, false)`,
    };
  if (level === 'department') {
    const member = `f.department_ids @> ARRAY[${unit}]`;
    return { r: member, h: member, m: member, o: `coalesce(f.overdue_department_id = ${unit}, false)`, k: `coalesce(f.handle_late_department_id = ${unit}, false)` };
  }
  const member = `f.${areaColumnOf(level)} = ${unit}`;
  return { r: member, h: member, m: member, o: member, k: member };
}

function sumPatrols(units: Iterable<PatrolFigures>): PatrolFigures {
  const total = { ...NO_PATROLS };
  for (const u of units) {
    total.patrolDays += u.patrolDays;
    total.patrolVisits += u.patrolVisits;
    total.patrolKm = Math.round((total.patrolKm + u.patrolKm) * 100) / 100;
    total.onDutyDays += u.onDutyDays;
  }
  return total;
}
