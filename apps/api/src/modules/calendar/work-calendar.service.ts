import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { WorkCalendarDto, WorkingHoursDto, YearScheduleDto } from '@grid/contracts';
import { CHINA_WORK_CALENDAR, createWorkCalendar, localDateOf, scheduleStateOf, withWorkingHours, withYearSchedule, type WorkCalendar } from '@grid/domain';
import { DataSource } from 'typeorm';
import { invalid } from '../../common/app-error';
import { AuditLog } from '../audit/audit-log.service';
import { SettingsService } from '../system/settings.service';

/** Who changes the calendar: a signed-in administrator, or the command line (no account). */
export interface CalendarEditor {
  id: string | null;
  username: string;
}

/**
 * The working calendar every SLA clock runs on: China's shipped schedules until an administrator puts in
 * another (the State Council publishes next year's late in the year), then the stored one. Held in memory
 * and reloaded on every instance when it changes (settings NOTIFY `reference_changed`, heard once per
 * instance by CaseContextLoader). Clocks are computed from the events
 * with the calendar of the moment, so a corrected calendar recomputes every case; open cases are marked
 * for the SLA sweeper so their stored due times and states follow at once.
 */
@Injectable()
export class WorkCalendarService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(WorkCalendarService.name);
  private calendar: WorkCalendar = CHINA_WORK_CALENDAR;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly settings: SettingsService,
    private readonly audit: AuditLog,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.reload();
  }

  current(): WorkCalendar {
    return this.calendar;
  }

  view(now = new Date()): WorkCalendarDto {
    const c = this.calendar;
    const year = Number(localDateOf(now.toISOString(), c.utcOffsetMinutes).slice(0, 4));
    return {
      utcOffsetMinutes: c.utcOffsetMinutes,
      weekdays: [...c.weekdays],
      windows: c.windows.map((w) => ({ ...w })),
      years: c.years.map((y) => ({ year: y.year, provisional: y.provisional, holidays: { ...y.holidays }, makeUpWorkdays: { ...y.makeUpWorkdays } })),
      coverage: [year, year + 1].map((y) => ({ year: y, state: scheduleStateOf(c, y) })),
    };
  }

  putYear(by: CalendarEditor, schedule: YearScheduleDto): Promise<WorkCalendarDto> {
    return this.change(by, (c) => withYearSchedule(c, schedule), { year: schedule.year, provisional: schedule.provisional });
  }

  putHours(by: CalendarEditor, hours: WorkingHoursDto): Promise<WorkCalendarDto> {
    return this.change(by, (c) => withWorkingHours(c, hours), { weekdays: hours.weekdays, windows: hours.windows });
  }

  private async change(by: CalendarEditor, edit: (calendar: WorkCalendar) => WorkCalendar, detail: Record<string, unknown>): Promise<WorkCalendarDto> {
    this.calendar = await this.dataSource.transaction(async (manager) => {
      // Serialises concurrent edits: each starts from the stored calendar, not from a stale copy.
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('work_calendar'))`);
      const stored = (await this.settings.get('workCalendar', manager)) ?? CHINA_WORK_CALENDAR;
      let next: WorkCalendar;
      try {
        next = edit(stored);
      } catch (error) {
        throw invalid((error as Error).message, { calendar: (error as Error).message });
      }
      await this.settings.set('workCalendar', next, manager);
      // Due times of open cases move with the calendar: the sweeper recomputes them now.
      await manager.query(`UPDATE cases SET next_sla_check_at = now() WHERE status NOT IN ('closed', 'rejected', 'cancelled')`);
      await this.audit.record({ action: 'calendar_changed', actorId: by.id, username: by.username, detail }, manager);
      return next;
    });
    return this.view();
  }

  /** Set when the application closes: a reload the NOTIFY started then meets a closed pool, which is no fault. */
  private closing = false;

  onModuleDestroy(): void {
    this.closing = true;
  }

  /** Reads the stored calendar again: at start, and whenever reference data changes (CaseContextLoader hears the NOTIFY). */
  async reload(): Promise<void> {
    if (this.closing) return;
    try {
      const stored = await this.settings.get('workCalendar');
      this.calendar = stored ? createWorkCalendar(stored) : CHINA_WORK_CALENDAR;
    } catch (error) {
      if (this.closing) return;
      this.logger.error(`the stored working calendar is unusable, keeping the previous one: ${(error as Error).message}`);
    }
  }
}
