import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Priority, putSensorRuleSchema, RecoveryAction, SensorRuleDto } from '@grid/contracts';
import type { SensorRule } from '@grid/domain';
import { DataSource } from 'typeorm';
import type { z } from 'zod';
import { invalid } from '../../common/app-error';
import { AuditLog } from '../audit/audit-log.service';
import type { AuthUser } from '../auth/auth-user';
import { CaseContextLoader } from '../cases/case-context.service';

interface RuleRow {
  kind: string;
  name: string;
  name_en: string;
  category_code: string;
  department_code: string | null;
  priority: Priority;
  on_recovery: RecoveryAction;
}

/** How long an instance trusts its copy of the rules: an edit on another instance applies within it. */
const CACHE_MS = 5_000;

const toDto = (r: RuleRow): SensorRuleDto => ({ kind: r.kind, name: r.name, nameEn: r.name_en, categoryCode: r.category_code, departmentCode: r.department_code, priority: r.priority, onRecovery: r.on_recovery });

/** The per-kind rules that route a device's alarms (category, department, priority, what a recovery does): data, edited by admins. */
@Injectable()
export class SensorRules {
  private cache: { rules: Promise<Map<string, SensorRuleDto>>; until: number } | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly context: CaseContextLoader,
    private readonly audit: AuditLog,
  ) {}

  async list(): Promise<SensorRuleDto[]> {
    return [...(await this.all()).values()];
  }

  /** The rule of a kind, or undefined. */
  async of(kind: string): Promise<SensorRule | undefined> {
    return (await this.all()).get(kind);
  }

  async put(user: AuthUser, kind: string, body: z.output<typeof putSensorRuleSchema>): Promise<SensorRuleDto> {
    if (!/^[a-z][a-z0-9_]{1,31}$/.test(kind)) throw invalid('a kind is 2–32 lower-case letters, digits or _', { kind: 'malformed' });
    const category = await this.context.category(this.dataSource.manager, body.categoryCode).catch(() => null);
    if (!category) throw invalid(`unknown category ${body.categoryCode}`, { categoryCode: 'unknown category' });
    const departmentCode = body.departmentCode ?? null;
    if (departmentCode && !(departmentCode in (await this.context.departmentIdByCode(this.dataSource.manager)))) throw invalid(`unknown department ${departmentCode}`, { departmentCode: 'unknown department' });
    const [row] = (await this.dataSource.query(
      `INSERT INTO sensor_rules (kind, name, name_en, category_code, department_code, priority, on_recovery, updated_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (kind) DO UPDATE SET name = EXCLUDED.name, name_en = EXCLUDED.name_en, category_code = EXCLUDED.category_code, department_code = EXCLUDED.department_code,
         priority = EXCLUDED.priority, on_recovery = EXCLUDED.on_recovery, updated_by = EXCLUDED.updated_by, updated_at = now()
       RETURNING *`,
      [kind, body.name, body.nameEn, body.categoryCode, departmentCode, body.priority, body.onRecovery, user.id],
    )) as RuleRow[];
    this.cache = null;
    await this.audit.record({ action: 'sensor_rule_saved', actorId: user.id, username: user.username, detail: { ...toDto(row) } });
    return toDto(row);
  }

  /** Kinds by code and by their names (Chinese, English lower case), for imports. */
  async kindsByName(): Promise<Map<string, string>> {
    const rules = await this.list();
    return new Map(rules.flatMap((r) => [r.kind, r.name, r.nameEn.toLowerCase()].map((key) => [key, r.kind] as const)));
  }

  private all(): Promise<Map<string, SensorRuleDto>> {
    if (!this.cache || this.cache.until < Date.now()) {
      const rules = (this.dataSource.query(`SELECT * FROM sensor_rules ORDER BY kind`) as Promise<RuleRow[]>).then((rows) => new Map(rows.map((r) => [r.kind, toDto(r)])));
      this.cache = { rules, until: Date.now() + CACHE_MS };
      rules.catch(() => (this.cache = null));
    }
    return this.cache.rules;
  }
}
