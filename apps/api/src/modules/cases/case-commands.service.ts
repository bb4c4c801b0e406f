import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { CaseActionPath, CaseDetail, CaseSource, caseActionBodySchemas, createCaseSchema } from '@grid/contracts';
import { applyEvent, caseFacts, checkExtraFields, decide, describeWithExtraFields, formatCaseCode, mainCaseClosedNotice, type Actor, type AreaPath, type AssessmentCaseFacts, type CaseCommand, type CaseEventDraft, type CaseState, type DecisionContext } from '@grid/domain';
import { randomBytes, randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import type { z } from 'zod';
import { invalid, notFound } from '../../common/app-error';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { inTransaction } from '../../database/pg-pool';
import { AreaIndexService } from '../areas/area-index.service';
import { writableAtIntake } from '../assessment/assessment-facts.store';
import type { AuthUser } from '../auth/auth-user';
import { assertIdempotencyKey, IdempotencyStore, requestHash, type StoredResponse } from '../idempotency/idempotency.store';
import { CasePublisher } from '../realtime/case-publisher';
import { RotaIndexService } from '../rota/rota-index.service';
import { CaseEntity } from './case.entity';
import { CaseEventHooks } from './case-event-hooks';
import { actorOf, CaseContextLoader, type LoadedCategory } from './case-context.service';
import { CaseDuplicateFinder } from './case-duplicates';
import { CaseNumberAllocator } from './case-numbers';
import { departmentIdsOf, projectionColumns } from './case-projection';
import { CaseQueryService } from './case-query.service';
import { CaseSlaService, type SlaView } from './case-sla.service';
import { CaseStore, type StoredEvent, type WrittenCase } from './case-store';
import { ReportWriter } from './report-writer';
import { refusalError as refusal } from './refusal-error';

type CreateCase = z.output<typeof createCaseSchema>;

type ActionBody = z.output<(typeof caseActionBodySchemas)[CaseActionPath]>;

/** A report from a channel without a signed-in user: no photos to bind, the channel is its source. */
export type ResidentReport = Omit<CreateCase, 'photoIds' | 'selfHandled' | 'source'> & { source: CaseSource };

/** The resident behind a report from a public channel; residents are not users, their events carry no actor id. */
const RESIDENT: Actor = { id: 'resident', role: 'resident', areaId: null, areaPath: [], departmentId: null };

interface Intake {
  body: CreateCase & { source: CaseSource };
  category: LoadedCategory;
  events: CaseEventDraft[];
  next: CaseState;
  gridId: string;
  areaPath: AreaPath;
  now: Date;
  code: { localDate: string; sequence: number };
}

/** Roles reporting from the field; the others default to the front desk channel. */
const FIELD_SOURCE_ROLES = new Set(['grid_worker', 'grid_leader', 'village_cadre']);

export interface Idempotency {
  key: string | undefined;
  method: string;
  path: string;
}

/**
 * Every write to a case: one transaction that loads, asks the state machine, appends its events and
 * updates the projection; the live channel is told only after the commit.
 */
@Injectable()
export class CaseCommandService {
  private readonly logger = new Logger(CaseCommandService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly store: CaseStore,
    private readonly context: CaseContextLoader,
    private readonly sla: CaseSlaService,
    private readonly duplicates: CaseDuplicateFinder,
    private readonly areaIndex: AreaIndexService,
    private readonly idempotency: IdempotencyStore,
    private readonly query: CaseQueryService,
    private readonly publisher: CasePublisher,
    private readonly numbers: CaseNumberAllocator,
    private readonly writer: ReportWriter,
    private readonly hooks: CaseEventHooks,
    private readonly rota: RotaIndexService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async report(user: AuthUser, body: CreateCase, request: Idempotency): Promise<StoredResponse<CaseDetail>> {
    if (request.key !== undefined) assertIdempotencyKey(request.key);
    const source: CaseSource = body.source ?? (FIELD_SOURCE_ROLES.has(user.role) ? 'grid_report' : 'front_desk');
    const intake = await this.prepareIntake(actorOf(user), { ...(await this.withExtraFields(body)), source });
    const { row, sla } = this.rowOf(intake, user.id);
    const claim = { key: request.key, hash: requestHash(request.method, request.path, body) };
    const photoIds = [...body.photoIds, ...(body.selfHandled?.photoIds ?? [])];
    // Photos bind in the same transaction as the case; a report without photos needs no transaction.
    const report = { row, drafts: intake.events, claim, facts: this.factsOf(intake, row, sla) };
    const written = photoIds.length
      ? await this.dataSource.transaction(async (manager) => {
          const [result] = await this.store.insertReported(inTransaction(manager), [report]);
          if (result.created) await this.bindPhotos(manager, user, row.id, photoIds, body.selfHandled ? 'result' : 'report');
          return result;
        })
      : await this.writer.write(report);
    if (!written.created) return this.replayReport(user, { ...claim, key: request.key as string, userId: user.id });
    row.lastSeq = String(written.events[written.events.length - 1].seq);
    const detail = await this.query.detail(this.dataSource.manager, user, row, written.events, { withAttachments: photoIds.length > 0, sla });
    this.committed(row, written.events);
    return { status: 201, body: detail, replayed: false };
  }

  /**
   * A report from a channel without a signed-in user (Open311): a resident reports, and the case is
   * located, routed, registered, dispatched, timed and pushed exactly as every other report. `record`
   * writes the channel's own row in the same transaction. `routeAs` adjusts the category the case is routed under
   * (a device's owning department: ADR 0019).
   */
  async reportAsResident(body: ResidentReport, record: (manager: EntityManager, row: CaseEntity) => Promise<void>, routeAs?: (category: LoadedCategory) => LoadedCategory): Promise<CaseEntity> {
    const intake = await this.prepareIntake(RESIDENT, { ...body, photoIds: [] }, routeAs);
    const { row, sla } = this.rowOf(intake, null);
    const written = await this.dataSource.transaction(async (manager) => {
      const [result] = await this.store.insertReported(inTransaction(manager), [{ row, drafts: intake.events, claim: { key: undefined, hash: '' }, facts: this.factsOf(intake, row, sla) }]);
      await record(manager, row);
      return result;
    });
    row.lastSeq = String(written.events[written.events.length - 1].seq);
    this.committed(row, written.events);
    return row;
  }

  /**
   * Checks the answers to the category's extra fields (400 naming `extraFields.<code>`), and joins them to the
   * description as readable lines (`名称：选项`), as Open311 reports do.
   */
  private async withExtraFields(body: CreateCase): Promise<CreateCase> {
    const category = await this.context.category(this.dataSource.manager, body.categoryCode);
    const checked = checkExtraFields(category.extraFields, body.extraFields ?? {}, (code) => `extraFields.${code}`);
    if (!checked.ok) throw invalid(checked.refusal.message, { [checked.refusal.field ?? 'extraFields']: checked.refusal.message });
    return { ...body, description: describeWithExtraFields(body.description, category.extraFields, checked.value) };
  }

  /** A retried report: the case the first request created, as it is now. */
  private async replayReport(user: AuthUser, claim: { userId: string; key: string; hash: string }): Promise<StoredResponse<CaseDetail>> {
    const previous = await this.idempotency.previous<CaseDetail>(this.dataSource.manager, claim);
    if (!previous.caseId) return { status: previous.status, body: previous.response, replayed: true };
    const detail = await this.query.get(user, previous.caseId);
    this.republish(detail, detail.timeline[0]?.at); // the report's own events, however far the case has moved since
    return { status: previous.status, body: detail, replayed: true };
  }

  /**
   * Everything a report reads, and the state machine's decision: read at once (reference data from
   * memory) before the one statement that writes the case, its events and the idempotency claim.
   */
  private async prepareIntake(actor: Actor, body: CreateCase & { source: CaseSource }, routeAs: (category: LoadedCategory) => LoadedCategory = (c) => c): Promise<Intake> {
    const located = this.areaIndex.locatePath(body.location);
    if (!located) throw invalid('the location is outside every grid of the territory', { location: 'outside the territory' });
    if (located.length !== 4) throw invalid('the grid at this location is not placed under a village, zone and district', { location: 'incomplete territory' });
    const areaPath = located as unknown as AreaPath;
    const gridId = located[3];
    const now = new Date();
    const pool = this.dataSource.manager;
    const category = routeAs(await this.context.category(pool, body.categoryCode));
    const [departmentIdByCode, onDuty, duplicateCandidateIds, code] = await Promise.all([
      this.context.departmentIdByCode(pool),
      this.rota.pick(areaPath, now),
      this.duplicates.candidateIds({ categoryCode: body.categoryCode, location: body.location, at: now }),
      this.numbers.next(this.config.caseCodePrefix, now),
    ]);
    const fields = { source: body.source, priority: body.priority, description: body.description, location: body.location, address: body.address ?? null, areaPath, duplicateCandidateIds };
    const command: CaseCommand = body.selfHandled
      ? { action: 'self_handle', ...fields, note: body.selfHandled.result, photoIds: body.selfHandled.photoIds }
      : { action: 'report', ...fields, photoIds: body.photoIds };
    // The responsible department's staff member on duty, for a case that goes to the department first.
    const ownerId = category.departmentCode === null ? undefined : departmentIdByCode[category.departmentCode];
    const departmentOnDuty = ownerId ? await this.rota.departmentOnDuty(now, [ownerId]) : {};
    const decision = decide(null, command, actor, now.toISOString(), { category, onDutyWorkerId: onDuty.userId, dispatchRule: onDuty.rule, departmentIdByCode, departmentOnDuty });
    if (!decision.ok) throw refusal(decision.refusal);
    return { body, category, events: decision.events, next: decision.next, gridId, areaPath, now, code };
  }

  /** The new case's assessment facts, when the report writes them itself (an open case; see `writableAtIntake`). */
  private factsOf(intake: Intake, row: CaseEntity, sla: SlaView): AssessmentCaseFacts | null {
    const facts = caseFacts(row.id, intake.events, intake.category, this.sla.calendar, intake.now.toISOString(), [], undefined, sla.sla);
    return writableAtIntake(facts) ? facts : null;
  }

  /** The new case's row: its projection is known before anything is written. */
  private rowOf(intake: Intake, reporterId: string | null): { row: CaseEntity; sla: SlaView } {
    const { body, category, now } = intake;
    const sla = this.sla.evaluate(intake.events, category, now, intake.next);
    const row = {
      id: randomUUID(),
      code: formatCaseCode(this.config.caseCodePrefix, intake.code.localDate, intake.code.sequence),
      trackingToken: randomBytes(12).toString('base64url'),
      source: body.source,
      categoryCode: category.code,
      categoryVersion: category.version,
      priority: body.priority,
      description: body.description,
      lat: body.location.lat,
      lng: body.location.lng,
      address: body.address ?? null,
      gridId: intake.gridId,
      areaPath: [...intake.areaPath],
      reporterId,
      reporterName: body.reporter?.name || null,
      reporterPhone: body.reporter?.phone || null,
      reportedAt: now,
      ...projectionColumns(intake.next, sla, 0),
    } as CaseEntity;
    return { row, sla };
  }

  /** `context` adds what a feature knows of the case beyond its row (a channel's return request). */
  async act(user: AuthUser, id: string, action: CaseActionPath, body: ActionBody, request: Idempotency, context: Pick<DecisionContext, 'channelReturnRequested'> = {}): Promise<StoredResponse<CaseDetail>> {
    let written: WrittenCase | null = null;
    let notices: WrittenCase[] = [];
    const response = await this.dataSource.transaction((manager) =>
      this.idempotency.run(manager, { userId: user.id, key: request.key, hash: requestHash(request.method, request.path, body) }, async () => {
        const now = new Date();
        const row = await this.store.lockVisible(manager, id, user);
        if (!row) throw notFound('case');
        const category = await this.context.category(manager, row.categoryCode, row.categoryVersion);
        if (action === 'merge' && 'mainCaseId' in body && body.mainCaseId === id) throw invalid('a case cannot be merged into itself', { mainCaseId: 'the same case' });
        const mainCase = action === 'merge' && 'mainCaseId' in body ? await this.store.lockVisible(manager, body.mainCaseId, user) : null;
        if (action === 'merge' && !mainCase) throw invalid('the main case does not exist or is outside your scope', { mainCaseId: 'unknown case' });
        const command = { action, ...body } as CaseCommand;
        // A dispatch or whistle to departments goes to each one's staff member on duty (ADR 0010 addendum).
        const departmentOnDuty = action === 'dispatch' || action === 'whistle' ? await this.rota.departmentOnDuty(now) : {};
        const decision = decide(row.state, command, actorOf(user), now.toISOString(), { ...context, category, mainCase: mainCase?.state ?? null, departmentOnDuty });
        if (!decision.ok) throw refusal(decision.refusal);
        const applied = await this.apply(manager, row, category, decision, now, () => this.bindPhotos(manager, user, id, body.photoIds ?? [], purposeOf(action)));
        written = applied.written;
        if (applied.written.events.some((e) => e.kind === 'closed')) notices = await this.noticeMergedDuplicates(manager, applied.written.row, now);
        return { status: 200, body: await this.query.detail(manager, user, applied.written.row, applied.timeline, { sla: applied.sla }) };
      }),
    );
    this.publishAfterCommit(response, written);
    if (!response.replayed) for (const notice of notices) this.committed(notice.row, notice.events);
    return response;
  }

  /**
   * A step the system takes on a case by itself (a device's recovery, ADR 0019): `decide` is a pure function of the
   * case's state (libs/domain); its events are appended, the channels' hooks run and the projection moves in one
   * transaction, with `record` writing the feature's own row there too; the live channel hears after the commit.
   */
  async actAsSystem(id: string, decideEvents: (state: CaseState, now: string) => CaseEventDraft[], record?: (manager: EntityManager) => Promise<void>): Promise<WrittenCase | null> {
    const written = await this.dataSource.transaction(async (manager): Promise<WrittenCase | null> => {
      const now = new Date();
      const row = await manager.createQueryBuilder(CaseEntity, 'c').where('c.id = :id', { id }).setLock('for_no_key_update').getOne();
      if (!row) throw notFound('case');
      await record?.(manager);
      const drafts = decideEvents(row.state, now.toISOString());
      if (!drafts.length) return null;
      const category = await this.context.category(manager, row.categoryCode, row.categoryVersion);
      const state = drafts.reduce(applyEvent, row.state);
      const events = await this.store.append(manager, { id, areaPath: row.areaPath, departmentIds: departmentIdsOf(state) }, drafts);
      await this.hooks.written(manager, row, events);
      const timeline = await this.store.events(manager, id);
      const columns = projectionColumns(state, this.sla.evaluate(timeline, category, now, state), events[events.length - 1].seq);
      await this.store.update(manager, id, columns);
      return { row: Object.assign(row, columns), events };
    });
    if (written) this.committed(written.row, written.events);
    return written;
  }

  /**
   * A resident acts on their own case through its tracking token (rate, reopen): the state machine decides for a
   * `resident` actor, and the events are written like any action's, hooks (the hotline, notifications) included.
   */
  async actAsResident(caseId: string, command: CaseCommand): Promise<CaseEntity> {
    let written: WrittenCase | null = null;
    await this.dataSource.transaction(async (manager) => {
      const now = new Date();
      const row = await manager.createQueryBuilder(CaseEntity, 'c').where('c.id = :id', { id: caseId }).setLock('for_no_key_update').getOne();
      if (!row) throw notFound('case');
      const category = await this.context.category(manager, row.categoryCode, row.categoryVersion);
      const decision = decide(row.state, command, RESIDENT, now.toISOString(), { category });
      if (!decision.ok) throw refusal(decision.refusal);
      written = (await this.apply(manager, row, category, decision, now)).written;
    });
    const done = written as WrittenCase | null;
    if (!done) throw new Error('unreachable: a resident action wrote nothing');
    this.committed(done.row, done.events);
    return done.row;
  }

  /**
   * Writes a decision inside the caller's transaction: its events, the hooks' writes (and `also`, e.g. binding
   * photos), then the case's projection from its whole timeline.
   */
  private async apply(
    manager: EntityManager,
    row: CaseEntity,
    category: LoadedCategory,
    decision: Extract<ReturnType<typeof decide>, { ok: true }>,
    now: Date,
    also: () => Promise<void> = async () => undefined,
  ): Promise<{ written: WrittenCase; timeline: StoredEvent[]; sla: SlaView }> {
    const events = await this.store.append(manager, { id: row.id, areaPath: row.areaPath, departmentIds: departmentIdsOf(decision.next) }, decision.events);
    await this.hooks.written(manager, row, events);
    await also();
    const timeline = [...(await this.store.events(manager, row.id))];
    const sla = this.sla.evaluate(timeline, category, now, decision.next);
    const columns = projectionColumns(decision.next, sla, events[events.length - 1].seq);
    await this.store.update(manager, row.id, columns);
    return { written: { row: Object.assign(row, columns), events }, timeline, sla };
  }

  /** The main case closed: each duplicate merged into it records it, in the same transaction, for its reporter. */
  private async noticeMergedDuplicates(manager: EntityManager, main: CaseEntity, now: Date): Promise<WrittenCase[]> {
    const duplicates = await manager.createQueryBuilder(CaseEntity, 'c').where('c.merged_into = :id', { id: main.id }).orderBy('c.id').setLock('for_no_key_update').getMany();
    const written: WrittenCase[] = [];
    for (const duplicate of duplicates) {
      const notice = mainCaseClosedNotice(duplicate.state, main, now.toISOString());
      if (!notice) continue;
      const events = await this.store.append(manager, duplicate, [notice]);
      written.push({ row: Object.assign(duplicate, { lastSeq: String(events[0].seq) }), events });
    }
    return written;
  }

  /** Photos uploaded beforehand by the same user join the case; someone else's or another case's are refused. */
  private async bindPhotos(manager: EntityManager, user: AuthUser, caseId: string, photoIds: string[], purpose: string): Promise<void> {
    if (!photoIds.length) return;
    const bound = (await manager.query(
      `UPDATE attachments SET case_id = $1, purpose = $4 WHERE id = ANY($2) AND uploaded_by = $3 AND (case_id IS NULL OR case_id = $1) RETURNING id`,
      [caseId, photoIds, user.id, purpose],
    )) as [unknown[], number];
    const count = Array.isArray(bound[0]) ? bound[0].length : (bound as unknown as unknown[]).length;
    if (count !== new Set(photoIds).size) throw invalid('photoIds: a photo does not exist or is not yours to attach', { photoIds: 'unknown photo' });
  }

  private publishAfterCommit(response: StoredResponse<CaseDetail>, written: WrittenCase | null): void {
    if (response.replayed) this.republish(response.body, response.body.timeline.at(-1)?.at);
    else if (written) this.committed(written.row, written.events);
  }

  /** After the commit: the live channel pushes the events, duplicate detection learns the case as it now is, the rota its assignee's load. */
  private committed(row: CaseEntity, events: readonly StoredEvent[]): void {
    this.publisher.publish(row, events);
    this.duplicates.observe(row);
    for (const e of events) if (e.kind === 'dispatched') this.rota.assigned(e.data.assigneeId);
  }

  /**
   * A retry answered from what the first attempt stored: that attempt committed, but its process may have
   * died before pushing (killed between commit and emit). Push the events it wrote, all stamped with the one
   * moment `at`, again; clients deduplicate by seq, so a repeat is harmless.
   */
  private republish(detail: CaseDetail, at: string | undefined): void {
    const seqs = new Set(detail.timeline.filter((e) => e.at === at).map((e) => e.seq));
    if (!seqs.size) return;
    const manager = this.dataSource.manager;
    Promise.all([manager.findOneBy(CaseEntity, { id: detail.id }), this.store.events(manager, detail.id)])
      .then(([row, events]) => row && this.publisher.publishAgain(row, events.filter((e) => seqs.has(e.seq))))
      .catch((error: Error) => this.logger.warn(`re-push of case ${detail.id} failed: ${error.message}`));
  }
}

function purposeOf(action: CaseActionPath): 'progress' | 'result' | 'verification' {
  if (action === 'complete' || action === 'dept_complete') return 'result';
  if (action === 'verify' || action === 'rework') return 'verification';
  return 'progress';
}

