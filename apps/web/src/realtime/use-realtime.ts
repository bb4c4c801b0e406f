import type { ClientToServerEvents, RealtimeAuth, ServerToClientEvents } from '@grid/contracts';
import { REALTIME_NAMESPACE } from '@grid/contracts';
import { useEffect } from 'react';
import { io, type Socket } from 'socket.io-client';
import { freshSession, refreshSession } from '../api/api-client';
import { queryClient } from '../api/query-client';
import { useSession } from '../api/session-store';
import { applyCasePush, invalidateCases } from '../cases/case-queries';
import { applyDevicePush, noteSensorCase } from '../sensors/device-queries';
import { realtimeEvents, useRealtimeStatus, type RealtimeStatus } from './realtime-events';

type RealtimeSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

const SEQ_KEY = 'grid.realtime.seq.';
const ANNOUNCED_KEY = 'grid.realtime.assigned.';
/** Assignments remembered as announced: a reconnect replays the last minutes, and must not ring again. */
const ANNOUNCED_MAX = 100;
const SEQ_SAVE_MS = 1000;
/** Events handed to the views, remembered so that one coming under several names (or again in a replay) is handed on once. */
const PUBLISHED_MAX = 1000;
const CASE_EVENTS = ['case.assigned', 'case.created', 'case.updated', 'sla.warning', 'sla.overdue'] as const;

function readSeq(userId: string): number | undefined {
  const value = Number(localStorage.getItem(SEQ_KEY + userId));
  return Number.isFinite(value) && value > 0 ? value : undefined;
}

function writeSeq(userId: string, seq: number): void {
  try {
    localStorage.setItem(SEQ_KEY + userId, String(seq));
  } catch {
    // Full storage: the next start asks for a full reload instead of a replay.
  }
}

function readAnnounced(userId: string): Set<number> {
  try {
    const value: unknown = JSON.parse(localStorage.getItem(ANNOUNCED_KEY + userId) ?? '[]');
    return new Set(Array.isArray(value) ? value.filter((v): v is number => typeof v === 'number') : []);
  } catch {
    return new Set();
  }
}

function writeAnnounced(userId: string, seqs: Set<number>): void {
  try {
    localStorage.setItem(ANNOUNCED_KEY + userId, JSON.stringify([...seqs].slice(-ANNOUNCED_MAX)));
  } catch {
    // Full storage: at worst a replayed assignment rings twice.
  }
}

let socket: RealtimeSocket | null = null;

/** Sends on the open live channel (e.g. a worker's position); false when it is not connected. */
export function emitRealtime<E extends keyof ClientToServerEvents>(event: E, ...args: Parameters<ClientToServerEvents[E]>): boolean {
  if (!socket?.connected) return false;
  socket.emit(event, ...args);
  flushWhenAwake();
  return true;
}

/**
 * Messages that may wait for the radio to be awake anyway (ADR 0017, the battery): the latest of each event is
 * sent with the next thing the channel carries either way — the server's heartbeat (every 50 s), a push, another
 * message — or after WAKE_MAX_WAIT_MS at the latest. Each wake-up of a phone's radio costs seconds of high power
 * (the radio's tail); a position report of its own every minute would double them.
 */
const WAKE_MAX_WAIT_MS = 60_000;
const waiting = new Map<string, () => void>();
let waitTimer: ReturnType<typeof setTimeout> | undefined;

function flushWhenAwake(): void {
  clearTimeout(waitTimer);
  waitTimer = undefined;
  if (!socket?.connected) return;
  const sends = [...waiting.values()];
  waiting.clear();
  for (const send of sends) send();
}

/** Sends `event` with the channel's next wake-up (the newest payload per event wins); false when not connected. */
export function emitWhenAwake<E extends keyof ClientToServerEvents>(event: E, ...args: Parameters<ClientToServerEvents[E]>): boolean {
  if (!socket?.connected) return false;
  const open = socket;
  waiting.set(event, () => open.emit(event, ...args));
  waitTimer ??= setTimeout(flushWhenAwake, WAKE_MAX_WAIT_MS);
  return true;
}

/**
 * The one live channel of a signed-in user (call once, in the shell). Connects with the token and the
 * last seq seen (kept on the device, so a phone that was offline gets what it missed), applies each case
 * event once to the query cache (case-queries.ts), acknowledges `case.assigned` (the delivery receipt), and hands events
 * on to the views (ticker, sound, positions).
 */
export function useRealtime(): RealtimeStatus {
  const session = useSession();
  const userId = session?.user.id ?? null;

  // One socket per signed-in user: a token refresh does not reconnect it; each (re)connection takes the
  // freshest token at that moment.
  useEffect(() => {
    if (!userId) return;
    let lastSeq = readSeq(userId);
    /** Whether the coming replay covers everything since our data was loaded (it does not without a seq). */
    const announced = readAnnounced(userId);
    const published = new Set<string>();
    // The seq is kept on the device at most once a second (and when the page goes): 50 events a second
    // would otherwise write localStorage, synchronously, 150 times a second. Lagging by a second costs a
    // slightly longer replay after a restart, whose events apply once each anyway.
    let saveTimer: ReturnType<typeof setTimeout> | undefined;
    const save = () => {
      clearTimeout(saveTimer);
      saveTimer = undefined;
      if (lastSeq !== undefined) writeSeq(userId, lastSeq);
    };
    const seen = (seq: number) => {
      if (lastSeq !== undefined && seq <= lastSeq) return;
      lastSeq = seq;
      saveTimer ??= setTimeout(save, SEQ_SAVE_MS);
    };
    window.addEventListener('pagehide', save);

    let renewedAt = 0;
    const s: RealtimeSocket = io(REALTIME_NAMESPACE, {
      // A function, so every reconnection sends the token and the seq current by then.
      auth: (send) => {
        void freshSession()
          .catch(() => null)
          .then((fresh) => send({ token: fresh?.token ?? '', ...(lastSeq === undefined ? {} : { since: lastSeq }) } satisfies RealtimeAuth));
      },
      transports: ['websocket', 'polling'],
    });
    socket = s;
    realtimeEvents.setStatus('connecting');
    // The signal is back: connect now rather than when socket.io's back-off timer (up to 5 s) says so.
    const reconnectNow = () => {
      if (socket !== s || s.connected) return;
      s.disconnect();
      s.connect();
    };
    window.addEventListener('online', reconnectNow);

    for (const event of CASE_EVENTS) {
      s.on(event, (push) => {
        seen(push.seq);
        // One event may come under several names (mine, my area's): apply it once, announce an assignment once.
        applyCasePush(push.seq, push.case);
        noteSensorCase(push.case);
        if (event === 'case.assigned') {
          s.emit('case.ack', { seq: push.seq }); // the server records one receipt per dispatch
          if (announced.has(push.seq)) return;
          announced.add(push.seq);
          writeAnnounced(userId, announced);
        } else {
          // Handed on even when the cache had it already: a report sent from the outbox is in the cache (from the
          // answer) before its replayed creation arrives, and the views must still learn that it was this user's.
          const key = `${event}:${push.seq}`;
          if (published.has(key)) return;
          published.add(key);
          if (published.size > PUBLISHED_MAX) published.delete(published.values().next().value as string);
        }
        realtimeEvents.publishCase({ event, push });
      });
    }
    s.on('worker.position', (position) => realtimeEvents.publishPosition(position));
    // The radio is awake: the server's heartbeat, or any push, carries what waits (emitWhenAwake).
    s.io.on('ping', flushWhenAwake);
    s.onAny(flushWhenAwake);
    s.on('device.alarm', applyDevicePush);
    // A briefing generated at the set time: the desk's archive list shows it at once (issue 20).
    s.on('briefing.ready', () => void queryClient.invalidateQueries({ queryKey: ['api', '/api/briefings'] }));
    s.on('replay.done', (info) => {
      if (info.lastSeq) seen(info.lastSeq);
    });
    s.on('connect', () => {
      // Without a seq the server cannot replay what happened since our lists were loaded: reload them.
      if (lastSeq === undefined) invalidateCases();
      realtimeEvents.setStatus('live');
    });
    s.on('disconnect', () => realtimeEvents.setStatus('reconnecting'));
    s.on('connect_error', (error) => {
      // Anything but a refused token is a network problem the client retries by itself. A refused token
      // (revoked, or expired while the phone slept) is renewed once; if that fails the session is over.
      realtimeEvents.setStatus('reconnecting');
      if (!error.message.startsWith('unauthorized')) return;
      s.disconnect();
      // At most one renewal a minute: a token refused right after a renewal will not be cured by another.
      if (Date.now() - renewedAt < 60_000) return;
      renewedAt = Date.now();
      void refreshSession()
        .then((renewed) => {
          if (renewed && socket === s) s.connect();
        })
        .catch(() => setTimeout(() => socket === s && s.connect(), 5_000));
    });

    return () => {
      window.removeEventListener('pagehide', save);
      window.removeEventListener('online', reconnectNow);
      save();
      s.removeAllListeners();
      s.io.off('ping', flushWhenAwake);
      s.disconnect();
      if (socket === s) socket = null;
      realtimeEvents.reset();
    };
  }, [userId]);

  return useRealtimeStatus();
}
