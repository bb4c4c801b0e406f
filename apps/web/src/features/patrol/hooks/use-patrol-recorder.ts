import type { LatLng, PatrolVisitKind } from '@grid/contracts';
import { cleanTrack, type TrackPoint } from '@grid/domain';
import { distanceMeters } from '@grid/geo';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { newIdempotencyKey } from '../../../api/idempotency-key';
import { enqueue } from '../../../outbox/outbox';
import type { PatrolRequest } from '../../../outbox/outbox-store';
import type { DevicePosition } from '../../tasks/hooks/use-geolocation';

/** Points go to the server in batches: every 20 points or 30 seconds, whichever comes first. */
const BATCH_POINTS = 20;
const BATCH_EVERY_MS = 30_000;
/** A phone gives a fix about every second; a point is kept every 5 s, or sooner after 20 m (a long patrol stays small). */
const KEEP_EVERY_MS = 5_000;
const KEEP_AFTER_METRES = 20;

export interface RecordedVisit {
  id: string;
  kind: PatrolVisitKind;
  label: string;
  location: LatLng;
  at: string;
}

/** The patrol going on, kept on the phone (it survives a reload or a dead battery's restart). */
export interface PatrolSession {
  id: string;
  startedAt: string;
  points: TrackPoint[];
  visits: RecordedVisit[];
  /** How many of `points` are queued for the server already. */
  queuedPoints: number;
}

const storageKey = (userId: string) => `grid-patrol:${userId}`;

function load(userId: string): PatrolSession | null {
  try {
    const raw = localStorage.getItem(storageKey(userId));
    return raw ? (JSON.parse(raw) as PatrolSession) : null;
  } catch {
    return null;
  }
}

function save(userId: string, session: PatrolSession | null): void {
  try {
    if (session) localStorage.setItem(storageKey(userId), JSON.stringify(session));
    else localStorage.removeItem(storageKey(userId));
  } catch {
    // Storage full or unavailable: the patrol goes on in memory.
  }
}

function queue(patrolId: string, request: PatrolRequest): void {
  void enqueue({ kind: 'patrol', patrolId, request });
}

export interface PatrolRecorder {
  session: PatrolSession | null;
  /** Metres on the cleaned track, as the server measures it. */
  distanceMeters: number;
  /** The cleaned track, for the map. */
  track: TrackPoint[];
  start(): void;
  stop(): void;
  recordVisit(kind: PatrolVisitKind, label: string): void;
}

/**
 * Records a patrol from the phone's positions: start, the track (sent in batches), visits, stop. Every
 * write goes through the outbox, so a patrol in a village without signal is sent, in order, when the
 * connection returns; the live distance is computed here with the server's own cleaning rules.
 */
export function usePatrolRecorder(userId: string, position: DevicePosition | null): PatrolRecorder {
  const [session, setSessionState] = useState<PatrolSession | null>(() => load(userId));
  const current = useRef(session);
  const lastBatchAt = useRef(Date.now());

  const setSession = useCallback(
    (next: PatrolSession | null) => {
      current.current = next;
      save(userId, next);
      setSessionState(next);
    },
    [userId],
  );

  /** Queues the points not queued yet. */
  const flushPoints = useCallback(() => {
    const s = current.current;
    lastBatchAt.current = Date.now();
    if (!s || s.queuedPoints >= s.points.length) return;
    queue(s.id, { op: 'points', body: { points: s.points.slice(s.queuedPoints) } });
    setSession({ ...s, queuedPoints: s.points.length });
  }, [setSession]);

  useEffect(() => {
    const s = current.current;
    if (!s || !position) return;
    const at = new Date(position.at).toISOString();
    const last = s.points.at(-1);
    if (last && (last.at >= at || (Date.parse(at) - Date.parse(last.at) < KEEP_EVERY_MS && distanceMeters(last, position) < KEEP_AFTER_METRES))) return;
    const point: TrackPoint = { lat: position.lat, lng: position.lng, at, accuracy: Math.round(position.accuracy) };
    setSession({ ...s, points: [...s.points, point] });
    if (s.points.length + 1 - s.queuedPoints >= BATCH_POINTS) flushPoints();
  }, [position, setSession, flushPoints]);

  useEffect(() => {
    if (!session) return;
    const timer = setInterval(() => {
      if (Date.now() - lastBatchAt.current >= BATCH_EVERY_MS) flushPoints();
    }, 5_000);
    return () => clearInterval(timer);
  }, [session, flushPoints]);

  const start = useCallback(() => {
    if (current.current) return;
    const id = newIdempotencyKey();
    const startedAt = new Date().toISOString();
    queue(id, { op: 'start', body: { id, startedAt, ...(position ? { location: { lat: position.lat, lng: position.lng } } : {}) } });
    lastBatchAt.current = Date.now();
    const first: TrackPoint[] = position ? [{ lat: position.lat, lng: position.lng, at: startedAt, accuracy: Math.round(position.accuracy) }] : [];
    setSession({ id, startedAt, points: first, visits: [], queuedPoints: 0 });
  }, [position, setSession]);

  const stop = useCallback(() => {
    const s = current.current;
    if (!s) return;
    flushPoints();
    queue(s.id, { op: 'end', body: { endedAt: new Date().toISOString() } });
    setSession(null);
  }, [flushPoints, setSession]);

  const recordVisit = useCallback(
    (kind: PatrolVisitKind, label: string) => {
      const s = current.current;
      const where = position ?? s?.points.at(-1);
      if (!s || !where) return;
      const visit: RecordedVisit = { id: newIdempotencyKey(), kind, label, location: { lat: where.lat, lng: where.lng }, at: new Date().toISOString() };
      queue(s.id, { op: 'visit', body: visit });
      setSession({ ...s, visits: [...s.visits, visit] });
    },
    [position, setSession],
  );

  const cleaned = useMemo(() => cleanTrack(session?.points ?? []), [session?.points]);
  return { session, distanceMeters: cleaned.distanceMeters, track: cleaned.kept, start, stop, recordVisit };
}
