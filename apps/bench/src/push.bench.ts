/**
 * Report → push latency (issue 4): W grid workers connected to /realtime, reports posted at a steady rate
 * to random grids among theirs, each timed from the POST to the `case.assigned` arriving at the worker's
 * socket; beside a bare socket.io server in its own process emitting to W clients at the same rate.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import * as path from 'node:path';
import { Client } from 'pg';
import { io, type Socket } from 'socket.io-client';
import { keepAliveClient } from './http-client';
import { type BenchServer } from './server';
import { gridWorkers, signToken } from './team';
import { summarize, type LatencySummary } from './stats';

export interface PushResult {
  workers: number;
  ratePerSecond: number;
  seconds: number;
  connected: number;
  push: { sent: number; received: number; latencyMs: LatencySummary };
  bare: { sent: number; received: number; latencyMs: LatencySummary };
  ratio: { p50: number; p99: number };
}

async function connectAll(url: string, tokens: string[]): Promise<Socket[]> {
  const sockets: Socket[] = [];
  const batch = 200;
  for (let i = 0; i < tokens.length; i += batch) {
    sockets.push(
      ...(await Promise.all(
        tokens.slice(i, i + batch).map(
          (token) =>
            new Promise<Socket>((resolve, reject) => {
              const s = io(url, { auth: { token }, transports: ['websocket'], reconnection: false, timeout: 60_000 });
              s.once('connect', () => resolve(s));
              s.once('connect_error', reject);
            }),
        ),
      )),
    );
  }
  return sockets;
}

/** Posts at `rate` per second for `seconds`, spread evenly; answers the number sent. */
export async function atRate(rate: number, seconds: number, send: (i: number) => Promise<void>): Promise<number> {
  const total = rate * seconds;
  const start = performance.now();
  const pending: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    pending.push(send(i).catch(() => undefined));
  }
  await Promise.all(pending);
  await new Promise((r) => setTimeout(r, 1_000));
  return total;
}

export async function pushBench(server: BenchServer, { workers = 1_000, rate = 200, seconds = 20 } = {}): Promise<PushResult> {
  const team = await gridWorkers(server.databaseUrl, workers);
  const db = new Client({ connectionString: server.databaseUrl });
  await db.connect();
  const [operator] = (await db.query(`SELECT id FROM users WHERE username = 'operator'`)).rows as { id: string }[];
  await db.end();

  const sockets = await connectAll(`${server.url}/realtime`, team.map((w) => signToken(w.id)));
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  for (const s of sockets) {
    s.on('case.assigned', (push: { case: { description: string } }) => {
      const started = sentAt.get(push.case.description);
      if (started !== undefined) latencies.push(performance.now() - started);
    });
  }
  const operatorToken = signToken(operator.id);
  const http = keepAliveClient(server.url);
  const sent = await atRate(rate, seconds, async (i) => {
    const w = team[i % team.length];
    const marker = `bench ${randomUUID()}`;
    sentAt.set(marker, performance.now());
    await http.post('/api/cases', { categoryCode: 'city.litter', description: marker, location: w.centroid }, { Authorization: `Bearer ${operatorToken}` });
  });
  http.close();
  sockets.forEach((s) => s.disconnect());

  const bare = await bareLoop(workers, rate, seconds);
  const push = { sent, received: latencies.length, latencyMs: summarize(latencies) };
  return {
    workers,
    ratePerSecond: rate,
    seconds,
    connected: sockets.length,
    push,
    bare,
    ratio: { p50: round(push.latencyMs.p50 / bare.latencyMs.p50), p99: round(push.latencyMs.p99 / bare.latencyMs.p99) },
  };
}

const round = (n: number) => Math.round(n * 10) / 10;

/** The raw limit: a bare socket.io server (own process), W clients in their own rooms, emits at the same rate. */
async function bareLoop(workers: number, rate: number, seconds: number): Promise<PushResult['bare']> {
  const child: ChildProcess = fork(path.join(__dirname, 'bare-socket-server.js'), [], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const port = await new Promise<number>((resolve) => child.once('message', (m) => resolve((m as { port: number }).port)));
  const sockets = await connectAll(`http://127.0.0.1:${port}`, Array.from({ length: workers }, (_, i) => String(i)));
  const sentAt = new Map<number, number>();
  const latencies: number[] = [];
  for (const s of sockets) s.on('push', (n: number) => latencies.push(performance.now() - (sentAt.get(n) ?? NaN)));
  const sent = await atRate(rate, seconds, async (i) => {
    sentAt.set(i, performance.now());
    child.send({ room: String(i % workers), n: i });
  });
  sockets.forEach((s) => s.disconnect());
  child.kill();
  return { sent, received: latencies.length, latencyMs: summarize(latencies.filter(Number.isFinite)) };
}
