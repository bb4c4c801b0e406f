import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { assessmentConfigSchema, type AssessmentConfig, type AssessmentConfigVersion, type CreateConfigVersionRequest } from '@grid/contracts';
import { DEFAULT_ASSESSMENT_CONFIG } from '@grid/domain';
import { DataSource } from 'typeorm';
import { AppError, invalid } from '../../common/app-error';
import type { AuthUser } from '../auth/auth-user';

interface VersionRow {
  version: number;
  config: unknown;
  note: string;
  created_by: string | null;
  created_at: Date;
}

/**
 * Weights, bands, point rules and coefficients, versioned: a new version never changes an old one, and a
 * period can be assessed under any version. Version 1 is the domain's default, written on first use.
 */
@Injectable()
export class AssessmentConfigService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private async ensureFirst(): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO assessment_config_versions (version, config, note) VALUES (1, $1, 'default (DESIGN §4)') ON CONFLICT (version) DO NOTHING`,
      [JSON.stringify(DEFAULT_ASSESSMENT_CONFIG)],
    );
  }

  /** The version asked for, or the latest. */
  async get(version?: number): Promise<{ version: number; config: AssessmentConfig }> {
    await this.ensureFirst();
    const [row] = (await this.dataSource.query(
      version === undefined ? `SELECT * FROM assessment_config_versions ORDER BY version DESC LIMIT 1` : `SELECT * FROM assessment_config_versions WHERE version = $1`,
      version === undefined ? [] : [version],
    )) as VersionRow[];
    if (!row) throw invalid(`no configuration version ${version}`, { version: 'no such version' });
    return { version: row.version, config: assessmentConfigSchema.parse(row.config) };
  }

  async list(): Promise<AssessmentConfigVersion[]> {
    await this.ensureFirst();
    const rows = (await this.dataSource.query(`SELECT * FROM assessment_config_versions ORDER BY version DESC`)) as VersionRow[];
    return rows.map((r, i) => this.dto(r, i === 0));
  }

  async create(user: AuthUser, body: CreateConfigVersionRequest & { config: AssessmentConfig }): Promise<AssessmentConfigVersion> {
    const weights = Object.entries(body.config.indicators).find(([, list]) => Math.abs(list.reduce((s, i) => s + i.weight, 0) - 1) > 1e-6);
    if (weights) throw invalid('indicator weights must add up to 1', { [`config.indicators.${weights[0]}`]: 'weights must add up to 1' });
    const g = body.config.grades;
    if (!(g.A > g.B && g.B > g.C && g.C > g.D)) throw invalid('grades must fall from A to D', { 'config.grades': 'A > B > C > D' });
    await this.ensureFirst();
    const row = await this.dataSource.transaction(async (manager) => {
      // One writer at a time: versions are numbered without gaps.
      await manager.query(`LOCK TABLE assessment_config_versions IN EXCLUSIVE MODE`);
      const [inserted] = (await manager.query(
        `INSERT INTO assessment_config_versions (version, config, note, created_by)
         SELECT coalesce(max(version), 0) + 1, $1, $2, $3 FROM assessment_config_versions RETURNING *`,
        [JSON.stringify(body.config), body.note, user.id],
      )) as VersionRow[];
      return inserted;
    });
    if (!row) throw new AppError('conflict', 'no version written');
    return this.dto(row, true);
  }

  private dto(r: VersionRow, current: boolean): AssessmentConfigVersion {
    return { version: r.version, config: assessmentConfigSchema.parse(r.config), note: r.note, createdBy: r.created_by, createdAt: r.created_at.toISOString(), current };
  }
}
