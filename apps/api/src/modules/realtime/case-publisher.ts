import { Injectable, Logger } from '@nestjs/common';
import { ROOM, type CaseEventPush, type CasePushEvent, type CaseSummary } from '@grid/contracts';
import type { CaseEntity } from '../cases/case.entity';
import { toCaseSummary } from '../cases/case-projection';
import type { StoredEvent } from '../cases/case-store';
import { Metrics } from '../metrics/metrics.service';
import { RealtimeGateway } from './realtime.gateway';
import type { RealtimeSocket } from './realtime.types';

/** The live channel's name for a stored event: what a client does with it. */
export function pushEventOf(kind: StoredEvent['kind']): Exclude<CasePushEvent, 'case.assigned'> {
  if (kind === 'reported' || kind === 'self_handled') return 'case.created';
  if (kind === 'sla_warning') return 'sla.warning';
  if (kind === 'sla_overdue') return 'sla.overdue';
  return 'case.updated';
}

/** Rooms that follow a case: every area on its path, its departments, the command centre, its assignee. */
export function caseRooms(c: Pick<CaseSummary, 'areaPath' | 'departmentIds' | 'assigneeId'>): string[] {
  return [...c.areaPath.map(ROOM.area), ...c.departmentIds.map(ROOM.department), ROOM.command, ...(c.assigneeId ? [ROOM.user(c.assigneeId)] : [])];
}

function pushOf(event: StoredEvent, summary: CaseSummary): CaseEventPush {
  return { seq: event.seq, kind: event.kind, at: event.at, actorId: event.actorId, case: summary };
}

/** The person a dispatch pushes the case to (the incident arriving on the grid worker's phone). */
function assigneeOf(event: StoredEvent): string | null {
  return event.kind === 'dispatched' ? event.data.assigneeId : null;
}

/**
 * Emits committed case events. Called only after the transaction that wrote them commits; a client that
 * missed one (offline, or this process died before emitting) gets it by replay from `case_events`.
 */
@Injectable()
export class CasePublisher {
  private readonly logger = new Logger(CasePublisher.name);

  constructor(
    private readonly gateway: RealtimeGateway,
    private readonly metrics: Metrics,
  ) {}

  /** Emits committed events once, and counts them: the intake count of every channel and the emit delay. */
  publish(row: CaseEntity, events: readonly StoredEvent[]): void {
    for (const event of events) {
      if (event.kind === 'reported' || event.kind === 'self_handled') this.metrics.casesReported.inc({ source: row.source });
      this.metrics.pushEmitDelay.observe(Math.max(0, Date.now() - Date.parse(event.at)) / 1000);
    }
    this.send(row, events);
  }

  /**
   * Emits again events that were published before (a retried request whose first attempt may have died
   * between commit and push): the same pushes, not counted a second time in the metrics.
   */
  publishAgain(row: CaseEntity, events: readonly StoredEvent[]): void {
    this.send(row, events);
  }

  private send(row: CaseEntity, events: readonly StoredEvent[]): void {
    const summary = toCaseSummary(row);
    for (const event of events) {
      try {
        this.emit(event, summary);
        // The reporter of a merged duplicate hears that the main case closed, wherever they are.
        if (event.kind === 'main_case_closed' && row.reporterId) this.gateway.server?.to(ROOM.user(row.reporterId)).except(caseRooms(summary)).emit('case.updated', pushOf(event, summary));
      } catch (error) {
        this.logger.warn(`live push of event ${event.seq} failed: ${(error as Error).message}`);
      }
    }
  }

  emit(event: StoredEvent, summary: CaseSummary): void {
    const server = this.gateway.server;
    if (!server) return;
    const push = pushOf(event, summary);
    server.to(caseRooms(summary)).emit(pushEventOf(event.kind), push);
    const assignee = assigneeOf(event);
    if (assignee) server.to(ROOM.user(assignee)).emit('case.assigned', push);
  }

  /** Replay to one socket: the same events, in the same form, as the live pushes. */
  emitTo(socket: RealtimeSocket, event: StoredEvent, summary: CaseSummary, userId: string): void {
    const push = pushOf(event, summary);
    socket.emit(pushEventOf(event.kind), push);
    if (assigneeOf(event) === userId) socket.emit('case.assigned', push);
  }
}
