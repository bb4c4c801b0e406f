import { Injectable } from '@nestjs/common';
import { SLA_CLOCKS, type CoHandlerDto, type SlaClockDto } from '@grid/contracts';
import { slaOf, TERMINAL_STATUSES, type CaseCategory, type CaseEventDraft, type CaseSla, type CaseState, type WorkCalendar } from '@grid/domain';
import { WorkCalendarService } from '../calendar/work-calendar.service';
import type { SlaSnapshot } from './case-projection';

export interface SlaView extends SlaSnapshot {
  sla: CaseSla;
  clocks: SlaClockDto[];
  coHandlers: CoHandlerDto[];
}

/**
 * The SLA of a case from its events and the working calendar (by default China's 2026 schedule and a
 * provisional 2027, working hours 08:30–12:00 and 14:00–17:30; an administrator maintains it through
 * /api/calendar): computed, never stored as truth, so a corrected calendar recomputes every case.
 */
@Injectable()
export class CaseSlaService {
  constructor(private readonly calendars: WorkCalendarService) {}

  get calendar(): WorkCalendar {
    return this.calendars.current();
  }

  evaluate(events: readonly CaseEventDraft[], category: Pick<CaseCategory, 'clock' | 'timeLimits'>, now: Date, state: CaseState): SlaView {
    const sla = slaOf(events, category, this.calendar, now.toISOString());
    const clocks = SLA_CLOCKS.flatMap((clock) => {
      const c = sla.clocks[clock];
      return c ? [{ clock, dueAt: c.dueAt, usedFraction: round(c.usedFraction), state: c.state, phase: c.phase, stoppedAt: c.stoppedAt, limitHours: c.limitHours, kind: c.kind }] : [];
    });
    const departments = new Map(sla.departments.map((d) => [d.departmentId, d]));
    const coHandlers = state.coHandlers.map((c) => ({
      departmentId: c.departmentId,
      lead: c.lead,
      status: c.status,
      whistleKind: c.whistleKind,
      reportInDueAt: departments.get(c.departmentId)?.reportIn?.dueAt ?? null,
      handleDueAt: departments.get(c.departmentId)?.handle?.dueAt ?? null,
      rating: c.rating,
      assigneeId: c.assigneeId,
    }));
    const date = (instant: string | null | undefined) => (instant ? new Date(instant) : null);
    return {
      sla,
      clocks,
      coHandlers,
      acceptDueAt: date(sla.clocks.accept?.dueAt),
      handleDueAt: date(sla.clocks.handle?.dueAt ?? sla.clocks.case?.dueAt),
      state: sla.state,
      nextCheckAt: nextCheckOf(sla, state),
    };
  }
}

/**
 * The earliest moment a running clock crosses a threshold whose event is not written yet (in the past
 * when the sweeper is behind: it catches up); null when the case is over or everything is written.
 */
export function nextCheckOf(sla: CaseSla, state: Pick<CaseState, 'status' | 'slaNotified'>): Date | null {
  if (TERMINAL_STATUSES.includes(state.status)) return null;
  const moments = Object.values(sla.clocks).flatMap((c) => {
    if (!c || c.phase !== 'running') return [];
    return [...(state.slaNotified.warning ? [] : [c.warnAt]), ...(state.slaNotified.overdue ? [] : [c.dueAt])].filter((m): m is string => m !== null);
  });
  return moments.length ? new Date(moments.sort()[0]) : null;
}

const round = (n: number) => Math.round(n * 1000) / 1000;
