import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

export type AuditAction = 'login' | 'login_failed' | 'account_locked' | 'logout' | 'refresh_reused' | 'user_created' | 'areas_imported' | 'demo_loaded' | 'calendar_changed' | 'backup_written' | 'backup_restored' | 'api_key_created' | 'api_key_revoked' | 'appeal_filed' | 'appeal_decided' | 'assessment_config_created' | 'password_changed' | 'password_reset' | 'person_disabled' | 'person_enabled' | 'post_added' | 'post_ended' | 'people_import_checked' | 'people_imported' | 'village_pairing_changed' | 'integration_client_created' | 'integration_client_revoked' | 'hotline_mapping_changed' | 'hotline_order_placed' | 'hotline_return_requested' | 'hotline_orders_imported' | 'account_unlocked' | 'lockout_surge' | 'category_changed' | 'category_created' | 'categories_imported' | 'rota_changed' | 'territory_import_checked' | 'territory_edit_checked' | 'territory_applied' | 'photo_publicity_changed' | SensorAuditAction | AssessmentAuditAction;
/** The device registry and sensor rules (ADR 0019). */
type SensorAuditAction = 'device_registered' | 'device_updated' | 'device_retired' | 'device_import_checked' | 'devices_imported' | 'sensor_rule_saved';
/** Reward and penalty points, public notice (issue 23). */
type AssessmentAuditAction = 'adjustment_entered' | 'adjustment_decided' | 'adjustment_appealed' | 'adjustment_appeal_decided' | 'assessment_published';

export interface AuditEntry {
  action: AuditAction;
  actorId?: string | null;
  username?: string | null;
  ip?: string | null;
  detail?: Record<string, unknown>;
}

/** Who did what to accounts and the territory, and who logged in (or tried): append-only, in the database. */
@Injectable()
export class AuditLog {
  private readonly logger = new Logger(AuditLog.name);

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Writes in the caller's transaction when given one; an audit failure never hides the caller's answer. */
  async record(entry: AuditEntry, manager: EntityManager = this.dataSource.manager): Promise<void> {
    try {
      await manager.query(`INSERT INTO audit_log (actor_id, username, action, ip, detail) VALUES ($1, $2, $3, $4, $5)`, [
        entry.actorId ?? null,
        entry.username?.slice(0, 64) ?? null,
        entry.action,
        entry.ip?.slice(0, 64) ?? null,
        JSON.stringify(entry.detail ?? {}),
      ]);
    } catch (error) {
      this.logger.error(`audit ${entry.action} not written: ${(error as Error).message}`);
    }
  }
}
