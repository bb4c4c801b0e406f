import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { AppError, notFound } from '../../common/app-error';

/** The key the demo territory comes with, so that anyone can try Open311 (never in a real installation). */
export const DEMO_API_KEY = 'demo-open311-key';
export const DEMO_API_KEY_NAME = 'demo';

const NAME = /^[\w.@-]{1,64}$/;

export interface ApiKeyInfo {
  id: string;
  name: string;
  createdAt: Date;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
}

/** Keys are 192 random bits: a fast hash is enough, and lets a request find its key by the hash. */
export const hashApiKey = (key: string) => createHash('sha256').update(key, 'utf8').digest('hex');

interface ApiKeyRow {
  id: string;
  name: string;
  created_at: Date;
  revoked_at: Date | null;
  last_used_at: Date | null;
}

/** Rows a RETURNING statement answered (TypeORM answers [rows, count] for UPDATE, rows otherwise). */
const returned = <T>(result: unknown): T[] => (Array.isArray(result) && Array.isArray(result[0]) ? result[0] : result) as T[];

const toInfo = (r: ApiKeyRow): ApiKeyInfo => ({ id: r.id, name: r.name, createdAt: r.created_at, revokedAt: r.revoked_at, lastUsedAt: r.last_used_at });

/** API keys of Open311 client apps: named per client, stored hashed, revocable. */
@Injectable()
export class ApiKeyService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Issues a key for a client; the key is answered once and never stored. */
  async create(name: string, manager: EntityManager = this.dataSource.manager, key = `o311_${randomBytes(24).toString('base64url')}`): Promise<{ info: ApiKeyInfo; key: string }> {
    if (!NAME.test(name)) throw new AppError('invalid', 'a key name is 1–64 letters, digits, or . _ @ -', { name: 'invalid' });
    const rows = returned<ApiKeyRow>(
      await manager.query(`INSERT INTO api_keys (name, key_hash) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING id, name, created_at, revoked_at, last_used_at`, [name, hashApiKey(key)]),
    );
    if (!rows.length) throw new AppError('conflict', `a key named ${name} exists already; revoke it first`, { name: 'taken' });
    return { info: toInfo(rows[0]), key };
  }

  /** The demo's well-known key, once. */
  async createDemoKey(manager: EntityManager): Promise<void> {
    const exists = (await manager.query(`SELECT 1 FROM api_keys WHERE key_hash = $1`, [hashApiKey(DEMO_API_KEY)])) as unknown[];
    if (!exists.length) await this.create(DEMO_API_KEY_NAME, manager, DEMO_API_KEY);
  }

  async list(): Promise<ApiKeyInfo[]> {
    const rows = (await this.dataSource.query(`SELECT id, name, created_at, revoked_at, last_used_at FROM api_keys ORDER BY name, created_at`)) as ApiKeyRow[];
    return rows.map(toInfo);
  }

  async revoke(name: string): Promise<ApiKeyInfo> {
    const rows = returned<ApiKeyRow>(
      await this.dataSource.query(`UPDATE api_keys SET revoked_at = now() WHERE name = $1 AND revoked_at IS NULL RETURNING id, name, created_at, revoked_at, last_used_at`, [name]),
    );
    if (!rows.length) throw notFound(`live API key ${name}`);
    return toInfo(rows[0]);
  }

  /** The live key a request presents, marked as used now; null for an unknown or revoked key. */
  async verify(key: string): Promise<{ id: string; name: string } | null> {
    const rows = returned<{ id: string; name: string }>(
      await this.dataSource.query(`UPDATE api_keys SET last_used_at = now() WHERE key_hash = $1 AND revoked_at IS NULL RETURNING id, name`, [hashApiKey(key)]),
    );
    return rows[0] ?? null;
  }
}
