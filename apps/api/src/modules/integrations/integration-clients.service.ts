import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { CreatedIntegrationClient, CreateIntegrationClientRequest, IntegrationClientDto, IntegrationClientKind } from '@grid/contracts';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AppError, notFound } from '../../common/app-error';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { SecretBox } from './secret-box';

/** A live client with its secret in the clear (in memory only). */
export interface IntegrationClient {
  id: string;
  name: string;
  kind: IntegrationClientKind;
  callbackUrl: string | null;
  secret: string;
}

interface ClientRow {
  id: string;
  name: string;
  kind: IntegrationClientKind;
  callback_url: string | null;
  secret_cipher: string;
  created_at: Date;
  revoked_at: Date | null;
}

/** How long an instance trusts its memory of a client: a revocation elsewhere takes effect within it. */
const CACHE_MS = 5_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Systems that talk to ours with signed requests (DESIGN §2 `IntegrationClient`): hotlines, sensor platforms. */
@Injectable()
export class IntegrationClientService {
  private readonly box: SecretBox;
  private readonly cache = new Map<string, { client: IntegrationClient | null; until: number }>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.box = new SecretBox(config.jwtSecret, 'integration-client-secret');
  }

  async create(body: CreateIntegrationClientRequest): Promise<CreatedIntegrationClient> {
    const secret = randomBytes(32).toString('base64url');
    try {
      const [row] = (await this.dataSource.query(
        `INSERT INTO integration_clients (name, kind, callback_url, secret_cipher) VALUES ($1, $2, $3, $4) RETURNING id`,
        [body.name, body.kind, body.callbackUrl ?? null, this.box.seal(secret)],
      )) as { id: string }[];
      return { id: row.id, name: body.name, kind: body.kind, callbackUrl: body.callbackUrl ?? null, secret };
    } catch (error) {
      if ((error as { code?: string }).code === '23505') throw new AppError('conflict', `a live client named ${body.name} exists`, { name: 'already in use' });
      throw error;
    }
  }

  async list(): Promise<IntegrationClientDto[]> {
    const rows = (await this.dataSource.query(`SELECT * FROM integration_clients ORDER BY created_at, name`)) as ClientRow[];
    return rows.map((r) => ({ id: r.id, name: r.name, kind: r.kind, callbackUrl: r.callback_url, createdAt: r.created_at.toISOString(), revokedAt: r.revoked_at?.toISOString() ?? null }));
  }

  async revoke(id: string): Promise<IntegrationClientDto> {
    const rows = (await this.dataSource.query(`UPDATE integration_clients SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL RETURNING id`, [UUID.test(id) ? id : null])) as unknown[][];
    if (!rows[0]?.length) throw notFound('live integration client');
    this.cache.delete(id);
    const found = (await this.list()).find((c) => c.id === id);
    if (!found) throw notFound('integration client');
    return found;
  }

  /** The live client with this id, or null (unknown, revoked, or its secret unreadable under this server secret). */
  async live(id: string): Promise<IntegrationClient | null> {
    if (!UUID.test(id)) return null;
    const cached = this.cache.get(id);
    if (cached && cached.until > Date.now()) return cached.client;
    const [row] = (await this.dataSource.query(`SELECT * FROM integration_clients WHERE id = $1 AND revoked_at IS NULL`, [id])) as ClientRow[];
    const secret = row ? this.box.open(row.secret_cipher) : null;
    const client = row && secret ? { id: row.id, name: row.name, kind: row.kind, callbackUrl: row.callback_url, secret } : null;
    this.cache.set(id, { client, until: Date.now() + CACHE_MS });
    return client;
  }
}
