import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { IntegrationClientKind } from '@grid/contracts';
import { isFreshTimestamp, SIGNATURE_WINDOW_SECONDS } from '@grid/domain';
import { DataSource } from 'typeorm';
import { AppError } from '../../common/app-error';
import { signatureMatches } from '@grid/integration-kit';
import { IntegrationClientService, type IntegrationClient } from './integration-clients.service';

export interface SignedRequest {
  clientId: string | undefined;
  timestamp: string | undefined;
  signature: string | undefined;
  rawBody: Buffer | undefined;
}

const refused = (message: string, field: string) => new AppError('unauthorized', message, { [field]: message }, 'bad_signature');

/**
 * Checks a signed request (DESIGN §7a): a live client of the expected kind, a timestamp within 300 s of ours, the
 * HMAC of `"{timestamp}.{raw body}"`, and a signature never seen within the window. The seen signatures live in
 * PostgreSQL, so a request replayed to another instance is refused too.
 */
@Injectable()
export class SignedRequestVerifier {
  private lastPrune = 0;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clients: IntegrationClientService,
  ) {}

  async verify(request: SignedRequest, kind: IntegrationClientKind): Promise<IntegrationClient> {
    const client = request.clientId ? await this.clients.live(request.clientId) : null;
    if (!client || client.kind !== kind) throw refused('unknown or revoked client', 'X-Client-Id');
    if (!isFreshTimestamp(request.timestamp, Math.floor(Date.now() / 1000))) throw refused(`X-Timestamp must be Unix seconds within ${SIGNATURE_WINDOW_SECONDS} s of the server's clock`, 'X-Timestamp');
    if (!request.rawBody || !request.signature || !signatureMatches(client.secret, request.timestamp as string, request.rawBody, request.signature)) {
      throw refused('X-Signature is not the HMAC-SHA256 of "{timestamp}.{body}" with the client secret', 'X-Signature');
    }
    const fresh = (await this.dataSource.query(`INSERT INTO integration_nonces (client_id, signature) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING 1`, [
      client.id,
      request.signature.toLowerCase(),
    ])) as unknown[];
    if (!fresh.length) throw refused('this signed request was already received (replay); sign each request anew', 'X-Signature');
    this.prune();
    return client;
  }

  /** Signatures older than twice the window can never be replayed (their timestamp is stale): at most once a minute. */
  private prune(): void {
    if (Date.now() - this.lastPrune < 60_000) return;
    this.lastPrune = Date.now();
    void this.dataSource.query(`DELETE FROM integration_nonces WHERE seen_at < now() - make_interval(secs => $1)`, [SIGNATURE_WINDOW_SECONDS * 2]).catch(() => undefined);
  }
}
