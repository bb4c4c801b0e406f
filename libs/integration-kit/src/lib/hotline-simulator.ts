/**
 * A 12345 hotline for tests, benchmarks and demos (README "12345 hotline bridge"): it pushes signed work orders
 * to the API and receives the status events the API sends back, checks their signatures, records them once per
 * eventId (the idempotent receiver), and can answer 500 or be down on demand. Plain Node, no framework.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { signatureMatches } from './signature';
import { postRaw, postSigned, type PushResult, type SigningOptions } from './signed-post';

/** A work order as the hotline pushes it (DESIGN §7a; @grid/contracts `HotlineOrder`, restated: this library stands alone). */
export interface HotlineOrder {
  orderNo: string;
  content: string;
  category: string;
  location?: { lat: number; lng: number } | null;
  address?: string | null;
  urgency?: string | null;
  deadline?: string | null;
  notes?: string | null;
  caller?: { name: string; phone: string } | null;
}

/** A status event the API sends back (DESIGN §7a; @grid/contracts `HotlineStatusEvent`). */
export interface HotlineStatusEvent {
  eventId: string;
  orderNo: string;
  kind: string;
  at: string;
  text?: string;
  photos?: string[];
  score?: number;
  hours?: number;
}

export type SimulatorMode = 'ok' | 'fail' | 'hang' | 'down';

export interface SimulatorOptions {
  /** The API's base URL, e.g. http://127.0.0.1:3000 */
  apiUrl: string;
  clientId: string;
  secret: string;
  /** Port the callback listens on (0: any free port). */
  port?: number;
  host?: string;
}

export class HotlineSimulator {
  /** Status events received, once each, in the order they arrived. */
  readonly received: HotlineStatusEvent[] = [];
  /** Deliveries refused for a bad signature, and repeated deliveries of an eventId already recorded. */
  badSignatures = 0;
  duplicates = 0;
  private readonly seen = new Set<string>();
  private server: http.Server | null = null;
  private mode: SimulatorMode = 'ok';
  private port: number;
  private waiters: (() => void)[] = [];
  private sequence = 0;

  constructor(private options: SimulatorOptions) {
    this.port = options.port ?? 0;
  }

  /** Acts as this client from now on (its callback URL is known before the client exists). */
  useClient(clientId: string, secret: string): void {
    this.options = { ...this.options, clientId, secret };
  }

  /** Where the API must send status events (the client's callbackUrl). */
  get callbackUrl(): string {
    return `http://${this.options.host ?? '127.0.0.1'}:${this.port}/status`;
  }

  async start(): Promise<this> {
    if (this.server) return this;
    const server = http.createServer((req, res) => this.handle(req, res));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, this.options.host ?? '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
    return this;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Deliveries received in `hang` mode, never answered (until the mode changes: then their connections are cut). */
  hanging = 0;
  private held: http.ServerResponse[] = [];

  /** `ok` records events; `fail` answers 500; `hang` never answers; `down` closes the port (connections are refused). */
  async setMode(mode: SimulatorMode): Promise<void> {
    this.mode = mode;
    for (const res of this.held.splice(0)) res.destroy();
    if (mode === 'down') await this.stop();
    else await this.start();
  }

  /** A work order with a fresh order number unless given. */
  order(extra: Partial<HotlineOrder> = {}): HotlineOrder {
    this.sequence += 1;
    return { orderNo: `SIM${Date.now()}-${this.sequence}`, content: '小区门口垃圾堆放多日无人清运', category: '暴露垃圾', urgency: '一般', ...extra };
  }

  /** Pushes a work order signed now (or with the timestamp given, to test stale ones). */
  push(order: HotlineOrder, options: SigningOptions = {}): Promise<PushResult> {
    return postSigned(`${this.options.apiUrl}/api/hotline/orders`, order, this.options, options);
  }

  /** Sends exactly these bytes and headers again (a replay). */
  send(body: string, headers: Record<string, string>): Promise<PushResult> {
    return postRaw(`${this.options.apiUrl}/api/hotline/orders`, body, headers);
  }

  /** The events of one order, in the order received. */
  eventsOf(orderNo: string): HotlineStatusEvent[] {
    return this.received.filter((e) => e.orderNo === orderNo);
  }

  /** Resolves once `check` holds, re-checked on every event received; rejects after `timeoutMs`. */
  async waitFor(check: () => boolean, timeoutMs = 15_000, what = 'the expected status events'): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!check()) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`hotline simulator: not within ${timeoutMs} ms: ${what} (received ${JSON.stringify(this.received.map((e) => [e.orderNo, e.kind]))})`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 200));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.method !== 'POST' || req.url !== '/status') return this.answer(res, 404, { error: 'not found' });
      if (this.mode === 'fail') return this.answer(res, 500, { error: 'simulated failure' });
      if (this.mode === 'hang') {
        this.hanging += 1;
        this.held.push(res);
        return;
      }
      const raw = Buffer.concat(chunks);
      const timestamp = String(req.headers['x-timestamp'] ?? '');
      const signature = String(req.headers['x-signature'] ?? '');
      if (req.headers['x-client-id'] !== this.options.clientId || !signatureMatches(this.options.secret, timestamp, raw, signature)) {
        this.badSignatures += 1;
        return this.answer(res, 401, { error: 'bad signature' });
      }
      const event = JSON.parse(raw.toString('utf8')) as HotlineStatusEvent;
      if (this.seen.has(event.eventId)) this.duplicates += 1;
      else {
        this.seen.add(event.eventId);
        this.received.push(event);
      }
      this.answer(res, 200, { ok: true });
      for (const wake of this.waiters.splice(0)) wake();
    });
  }

  private answer(res: http.ServerResponse, status: number, body: object): void {
    res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
  }
}
