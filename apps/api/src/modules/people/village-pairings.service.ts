import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { VillagePairingDto } from '@grid/contracts';
import { DataSource } from 'typeorm';
import { invalid, notFound } from '../../common/app-error';
import { AuditLog } from '../audit/audit-log.service';
import type { AuthUser } from '../auth/auth-user';

/** Departments paired with villages (包村): when a village's case is whistled, its paired departments are offered first. */
@Injectable()
export class VillagePairings {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditLog,
  ) {}

  list(): Promise<VillagePairingDto[]> {
    return this.dataSource.query(`SELECT department_id AS "departmentId", village_id AS "villageId" FROM department_villages ORDER BY village_id, department_id`);
  }

  /** Replaces the departments paired with one village. */
  async setForVillage(actor: AuthUser, villageId: string, departmentIds: string[]): Promise<VillagePairingDto[]> {
    const unique = [...new Set(departmentIds)];
    return this.dataSource.transaction(async (manager) => {
      const [village] = (await manager.query(`SELECT level FROM areas WHERE id = $1`, [villageId])) as { level: string }[];
      if (!village) throw notFound('village');
      if (village.level !== 'village') throw invalid(`departments are paired with villages, not a ${village.level}`, { villageId: 'not a village' });
      const known = (await manager.query(`SELECT id FROM departments WHERE id = ANY($1::uuid[])`, [unique])) as { id: string }[];
      const unknown = unique.filter((id) => !known.some((k) => k.id === id));
      if (unknown.length) throw invalid(`unknown department ${unknown[0]}`, { departmentIds: 'unknown department' });
      const [{ before }] = (await manager.query(`SELECT coalesce(array_agg(department_id ORDER BY department_id), '{}') AS before FROM department_villages WHERE village_id = $1`, [villageId])) as { before: string[] }[];
      await manager.query(`DELETE FROM department_villages WHERE village_id = $1`, [villageId]);
      if (unique.length) await manager.query(`INSERT INTO department_villages (department_id, village_id) SELECT unnest($1::uuid[]), $2`, [unique, villageId]);
      await this.audit.record({ action: 'village_pairing_changed', actorId: actor.id, username: actor.username, detail: { villageId, before, after: unique } }, manager);
      return unique.map((departmentId) => ({ departmentId, villageId }));
    });
  }

  /** The departments paired with the village an area lies in (the area itself, or the village above it). */
  async forArea(areaId: string): Promise<string[]> {
    const rows = (await this.dataSource.query(
      `SELECT dv.department_id AS id FROM areas a JOIN areas v ON v.level = 'village' AND (v.id = a.id OR v.id = ANY(a.path))
       JOIN department_villages dv ON dv.village_id = v.id WHERE a.id = $1 ORDER BY dv.created_at, dv.department_id`,
      [areaId],
    )) as { id: string }[];
    return rows.map((r) => r.id);
  }
}
