/**
 * The clients the fault tests put under load: reporters that POST cases with an Idempotency-Key and retry
 * like a phone on a bad signal, and worker phones that follow the live channel's replay protocol.
 */
import { type AreaDto, type CaseDetail, type CaseEventPush, type LoginResponse, REALTIME_NAMESPACE, type ServerToClientEvents, type ClientToServerEvents, type UserDto } from '@grid/contracts';
import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import { sleep } from './cluster';

export const DEMO_PASSWORD = 'demo1234';

export async function login(baseUrl: string, username: string): Promise<LoginResponse> {
  const res = await fetch(`${baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: DEMO_PASSWORD }) });
  if (res.status !== 200) throw new Error(`login ${username}: HTTP ${res.status} ${await res.text()}`);
  return (await res.json()) as LoginResponse;
}

export async function getJson<T>(baseUrl: string, token: string, path: string): Promise<T> {
  const res = await fetch(`${baseUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
  if (res.status !== 200) throw new Error(`GET ${path}: HTTP ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/**
 * Grids spread over the territory, each with its one grid worker (the on-duty assignee of its reports). Grids with
 * two workers (every tenth village of the demo) are passed over: their reports go to the less loaded of the two.
 */
export async function gridsWithWorkers(baseUrl: string, adminToken: string, count: number): Promise<{ grid: AreaDto; worker: UserDto }[]> {
  const grids = await getJson<AreaDto[]>(baseUrl, adminToken, '/api/areas?level=grid');
  const workers = await getJson<UserDto[]>(baseUrl, adminToken, '/api/users?role=grid_worker');
  const byGrid = new Map<string, UserDto[]>();
  for (const worker of workers) if (worker.areaId) byGrid.set(worker.areaId, [...(byGrid.get(worker.areaId) ?? []), worker]);
  const single = grids.filter((grid) => byGrid.get(grid.id)?.length === 1);
  const step = Math.floor(single.length / count);
  return Array.from({ length: count }, (_, i) => {
    const grid = single[i * step];
    return { grid, worker: (byGrid.get(grid.id) as UserDto[])[0] };
  });
}

/** What one report ended as, after every retry. */
export interface ReportOutcome {
  key: string;
  description: string;
  /** The final HTTP status (0: no answer at all). */
  status: number;
  caseId: string | null;
  body: CaseDetail | null;
  /** Statuses and errors of the attempts before the last one. */
  retries: string[];
}

/** Tally of every answer seen, including the ones retried. */
export class AnswerLog {
  readonly byStatus = new Map<string, number>();
  /** Answers whose body looked like a stack trace or an internal path. */
  readonly leaks: string[] = [];
  readonly retryAfter: string[] = [];

  record(status: number | string, body = '', retryAfter: string | null = null): void {
    const key = String(status);
    this.byStatus.set(key, (this.byStatus.get(key) ?? 0) + 1);
    if (/\bat \S+ \(|node_modules|\.ts:\d+|QueryFailedError|ECONNREFUSED/.test(body)) this.leaks.push(body.slice(0, 300));
    if (status === 503 && retryAfter !== null) this.retryAfter.push(retryAfter);
  }

  count(status: number): number {
    return this.byStatus.get(String(status)) ?? 0;
  }

  get total(): number {
    return [...this.byStatus.values()].reduce((a, b) => a + b, 0);
  }

  summary(): Record<string, number> {
    return Object.fromEntries([...this.byStatus.entries()].sort());
  }
}

/**
 * Reports one case as a phone does: the same Idempotency-Key on every attempt; a connection error moves
 * to the next instance, a 503 or 429 waits for Retry-After. Gives up after `deadlineMs`.
 */
export async function reportWithRetry(
  instances: () => string[],
  token: string,
  body: { categoryCode: string; description: string; location: { lat: number; lng: number } },
  log: AnswerLog,
  deadlineMs = 60_000,
): Promise<ReportOutcome> {
  const key = randomUUID();
  const outcome: ReportOutcome = { key, description: body.description, status: 0, caseId: null, body: null, retries: [] };
  const deadline = Date.now() + deadlineMs;
  for (let attempt = 0; Date.now() < deadline; attempt++) {
    const urls = instances();
    const url = urls[attempt % urls.length];
    try {
      const res = await fetch(`${url}/api/cases`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': key },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(15_000),
      });
      const text = await res.text();
      log.record(res.status, text, res.headers.get('retry-after'));
      if (res.status === 201) {
        outcome.body = JSON.parse(text) as CaseDetail;
        return { ...outcome, status: 201, caseId: outcome.body.id };
      }
      outcome.retries.push(String(res.status));
      if (res.status !== 503 && res.status !== 429) return { ...outcome, status: res.status };
      await sleep(Math.min(Number(res.headers.get('retry-after') ?? 1), 1) * 500);
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).name;
      log.record(`network:${cause}`);
      outcome.retries.push(`network:${cause}`);
      await sleep(100);
    }
  }
  return outcome;
}

/** Runs `clients` loops of `work` until `until()` says stop; answers every loop's results. */
export async function runClients<T>(clients: number, until: () => boolean, work: (client: number, iteration: number) => Promise<T>): Promise<T[]> {
  const results: T[] = [];
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      for (let iteration = 0; !until(); iteration++) results.push(await work(client, iteration));
    }),
  );
  return results;
}

type LiveSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * A grid worker's phone on the live channel: remembers the largest seq it saw, and when its connection
 * drops it reconnects (to whichever instance answers) with `since`, as docs/live-channel.md says.
 */
export class Phone {
  lastSeq = 0;
  /** Case id → when its `case.assigned` first arrived (live or by replay). */
  readonly assigned = new Map<string, number>();
  readonly reconnects: { droppedAt: number; replayedAt: number; replayed: number; url: string }[] = [];
  connectedTo: string | null = null;
  /** socket.io's reason for the last drop (`transport close`: the client reconnects by itself). */
  lastDisconnect: string | null = null;
  private socket: LiveSocket | null = null;
  private closed = false;

  constructor(
    readonly username: string,
    private readonly token: string,
    /** Instances to try, in order of preference, at each (re)connection. */
    private readonly instances: () => string[],
  ) {}

  async connect(): Promise<void> {
    const droppedAt = Date.now();
    for (let attempt = 0; !this.closed; attempt++) {
      if (Date.now() - droppedAt > 60_000) throw new Error(`${this.username} could not reconnect within 60 s`);
      const urls = this.instances();
      if (!urls.length) {
        await sleep(200); // no instance running at the moment
        continue;
      }
      const url = urls[attempt % urls.length];
      const since = this.lastSeq > 0 ? this.lastSeq : undefined;
      try {
        const replay = await this.open(url, since);
        if (since !== undefined) this.reconnects.push({ droppedAt, replayedAt: Date.now(), replayed: replay, url });
        return;
      } catch {
        await sleep(200);
      }
    }
  }

  close(): void {
    this.closed = true;
    this.socket?.disconnect();
  }

  /** Opens one connection; resolves when connected (and, with `since`, when the replay is done). */
  private open(url: string, since: number | undefined): Promise<number> {
    return new Promise((resolve, reject) => {
      const socket: LiveSocket = io(`${url}${REALTIME_NAMESPACE}`, { auth: { token: this.token, ...(since === undefined ? {} : { since }) }, transports: ['websocket'], reconnection: false, timeout: 3_000 });
      let settled = false;
      const settle = (error: Error | null, replayed = 0) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (!error) {
          this.socket = socket;
          this.connectedTo = url;
          return resolve(replayed);
        }
        socket.removeAllListeners();
        socket.disconnect();
        reject(error);
      };
      const timer = setTimeout(() => settle(new Error('not connected and replayed within 10 s')), 10_000);
      socket.on('connect_error', (error) => settle(error));
      socket.onAny((_event: string, payload: unknown) => {
        const seq = (payload as Partial<CaseEventPush> | undefined)?.seq;
        if (typeof seq === 'number' && seq > this.lastSeq) this.lastSeq = seq;
      });
      socket.on('case.assigned', (push) => {
        if (!this.assigned.has(push.case.id)) this.assigned.set(push.case.id, Date.now());
      });
      socket.on('replay.done', ({ replayed }) => settle(null, replayed));
      socket.on('connect', () => {
        if (since === undefined) settle(null);
      });
      socket.on('disconnect', (reason) => {
        if (!settled) return settle(new Error(`disconnected before the replay: ${reason}`));
        this.connectedTo = null;
        this.lastDisconnect = reason;
        if (!this.closed && this.socket === socket) void this.connect().catch((error: Error) => console.warn(error.message));
      });
    });
  }
}
