import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ROOM, type BriefingArchive } from '@grid/contracts';
import { localDateOf, SHANGHAI_UTC_OFFSET_MINUTES } from '@grid/domain';
import { DataSource } from 'typeorm';
import { notFound } from '../../common/app-error';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import type { AuthUser } from '../auth/auth-user';
import { scopeOf } from '../auth/scope';
import { RealtimeGateway } from '../realtime/realtime.gateway';
import { briefingHtml } from './briefing-html';
import { BriefingService, type BriefingKind } from './briefing.service';

const CHECK_EVERY_MS = 60_000;
const NOBODY = '00000000-0000-0000-0000-000000000000';

/** The reader a scheduled briefing is written for: the command centre (the district) or a zone's leader. */
function readerOf(zone: { id: string; path: string[] } | null): AuthUser {
  const base = { id: NOBODY, username: 'briefing', displayName: '简报', departmentId: null };
  return zone
    ? { ...base, role: 'zone_leader', areaId: zone.id, areaPath: [...zone.path, zone.id], areaLevel: 'zone' }
    : { ...base, role: 'operator', areaId: null, areaPath: [], areaLevel: null };
}

/**
 * Briefings at a set time (issue 20): from `BRIEFING_AT` (Beijing time) each day, yesterday's daily briefing of the
 * district and of every zone, and on Mondays the week's, are generated once, kept in the archive and pushed to the
 * command centre's room (the district's) or the zone's room (its leaders and everyone below) as `briefing.ready`. A
 * unique index makes each one once, whichever instance gets there first; a server down at the set time catches up
 * when it starts (the next check), for the day it is.
 */
@Injectable()
export class BriefingArchiveService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(BriefingArchiveService.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly briefings: BriefingService,
    private readonly gateway: RealtimeGateway,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.briefingAt) return;
    this.timer = setInterval(() => void this.runDue(new Date()).catch((error: Error) => this.logger.warn(`briefings not generated: ${error.message}`)), CHECK_EVERY_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Generates what is due at `now` and not yet in the archive; answers how many this call made. */
  runDue(now: Date, at = this.config.briefingAt ?? '07:30'): Promise<number> {
    return (this.running ??= this.generateDue(now, at).finally(() => (this.running = null)));
  }

  private async generateDue(now: Date, at: string): Promise<number> {
    const local = new Date(now.getTime() + SHANGHAI_UTC_OFFSET_MINUTES * 60_000).toISOString();
    if (local.slice(11, 16) < at) return 0;
    const today = local.slice(0, 10);
    const yesterday = localDateOf(new Date(now.getTime() - 86_400_000).toISOString());
    // Mondays also the week just ended (Monday to Sunday).
    const monday = new Date(`${today}T00:00:00Z`).getUTCDay() === 1;
    const kinds: BriefingKind[] = monday ? ['daily', 'weekly'] : ['daily'];
    const zones = (await this.dataSource.query(`SELECT id, path FROM areas WHERE level = 'zone' AND retired_at IS NULL ORDER BY code`)) as { id: string; path: string[] }[];
    let made = 0;
    for (const kind of kinds)
      for (const zone of [null, ...zones]) {
        const exists = (await this.dataSource.query(
          `SELECT 1 FROM briefings WHERE kind = $1 AND date = $2 AND area_id IS NOT DISTINCT FROM $3 AND lang = 'zh-CN'`,
          [kind, yesterday, zone?.id ?? null],
        )) as unknown[];
        if (exists.length) continue;
        const data = await this.briefings.briefing(readerOf(zone), kind, yesterday);
        const [row] = (await this.dataSource.query(
          `INSERT INTO briefings (kind, date, area_id, scope_name, lang, html) VALUES ($1, $2, $3, $4, 'zh-CN', $5)
           ON CONFLICT DO NOTHING RETURNING id`,
          [kind, yesterday, zone?.id ?? null, data.scopeName, briefingHtml(data, 'zh-CN')],
        )) as { id: string }[];
        if (!row) continue; // another instance made it first, and told
        made++;
        this.gateway.server?.to(zone ? ROOM.area(zone.id) : ROOM.command).emit('briefing.ready', { id: row.id, kind, date: yesterday, areaId: zone?.id ?? null, scopeName: data.scopeName });
      }
    if (made) this.logger.log(`${made} briefings of ${yesterday} generated`);
    return made;
  }

  /** The archive the caller may read: the district's for the command centre, each zone's for those in it. */
  async list(user: AuthUser): Promise<BriefingArchive> {
    const rows = (await this.dataSource.query(
      `SELECT b.id, b.kind, to_char(b.date, 'YYYY-MM-DD') AS date, b.area_id, b.scope_name, b.lang, b.generated_at FROM briefings b
        WHERE ${this.visible(user, 1)} ORDER BY b.date DESC, b.kind, b.scope_name LIMIT 200`,
      this.visibleParams(user),
    )) as { id: string; kind: BriefingKind; date: string; area_id: string | null; scope_name: string; lang: 'zh-CN' | 'en'; generated_at: Date }[];
    return { items: rows.map((r) => ({ id: r.id, kind: r.kind, date: r.date, areaId: r.area_id, scopeName: r.scope_name, lang: r.lang, generatedAt: r.generated_at.toISOString() })) };
  }

  async html(user: AuthUser, id: string): Promise<string> {
    const [row] = (await this.dataSource.query(`SELECT b.html FROM briefings b WHERE b.id = $1 AND ${this.visible(user, 2)}`, [id, ...this.visibleParams(user)])) as { html: string }[];
    if (!row) throw notFound('briefing');
    return row.html;
  }

  /** District-wide roles read every briefing; others the briefings of the zones their area lies in. */
  private visible(user: AuthUser, n: number): string {
    const scope = scopeOf(user);
    if (scope.kind === 'all') return 'TRUE';
    if (scope.kind === 'department') return 'FALSE';
    return `b.area_id IN (SELECT a.id FROM areas a WHERE a.level = 'zone' AND (a.id = ANY($${n}::uuid[]) OR EXISTS (SELECT 1 FROM areas s WHERE s.id = ANY($${n}::uuid[]) AND a.id = ANY(s.path))))`;
  }

  private visibleParams(user: AuthUser): unknown[] {
    const scope = scopeOf(user);
    return scope.kind === 'area' ? [scope.areaIds] : [];
  }
}
