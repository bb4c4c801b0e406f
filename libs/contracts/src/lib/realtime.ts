/**
 * The live channel (DESIGN §5): socket.io namespace `/realtime`, authenticated with the API token in the
 * handshake (`auth: { token, since? }`). Server and clients share these maps, so an event name or payload
 * that drifts is a compile error on both sides.
 */
import { z } from 'zod';
import { isoInstantSchema } from './api';
import type { CaseSummary } from './cases';
import type { DeviceDto } from './sensors';

export const REALTIME_NAMESPACE = '/realtime';

export const ROOM = {
  user: (id: string) => `user:${id}`,
  area: (id: string) => `area:${id}`,
  department: (id: string) => `dept:${id}`,
  command: 'command',
} as const;

/** Handshake `auth` object. `since` is the last case event `seq` the client saw: missed events are replayed first. */
export interface RealtimeAuth {
  token: string;
  since?: number;
}

/** Every case push carries the case event's `seq` (clients deduplicate by it) and the event kind. */
export interface CaseEventPush {
  seq: number;
  kind: string;
  at: string;
  actorId: string | null;
  case: CaseSummary;
}

export const workerPositionSchema = z
  .object({
    userId: z.uuid(),
    displayName: z.string(),
    areaId: z.uuid().nullable(),
    lat: z.number(),
    lng: z.number(),
    accuracy: z.number().nullable(),
    at: isoInstantSchema,
  })
  .meta({ id: 'WorkerPosition' });
export type WorkerPosition = z.infer<typeof workerPositionSchema>;

/** To the command room: many accounts were locked for failed sign-ins within a few minutes (someone may be guessing or locking people out). */
export interface LockoutAlert {
  /** Accounts locked within the window. */
  accounts: number;
  windowMinutes: number;
  /** Some of them (at most 20), most recent first. */
  usernames: string[];
  at: string;
}

export interface ServerToClientEvents {
  'case.assigned': (push: CaseEventPush) => void;
  'case.created': (push: CaseEventPush) => void;
  'case.updated': (push: CaseEventPush) => void;
  'sla.warning': (push: CaseEventPush) => void;
  'sla.overdue': (push: CaseEventPush) => void;
  'worker.position': (position: WorkerPosition) => void;
  /** After connecting: replay is complete; everything that follows is live. */
  'replay.done': (info: { lastSeq: number; replayed: number }) => void;
  'security.lockouts': (alert: LockoutAlert) => void;
  /** A device's alarm state changed (opened, recovered, ended) or its count moved (at most every few seconds), in its case's rooms. */
  'device.alarm': (device: DeviceDto) => void;
  /** A briefing (每日简报 / 周报) of the room's area was generated at the set time (issue 20). */
  'briefing.ready': (briefing: { id: string; kind: 'daily' | 'weekly'; date: string; areaId: string | null; scopeName: string }) => void;
}

export interface ClientToServerEvents {
  /** Delivery receipt for a `case.assigned` push (the worker's phone received it). */
  'case.ack': (ack: { seq: number }, done?: (result: { ok: boolean }) => void) => void;
  /** The worker's phone position; throttled by the server. */
  'worker.position': (position: { lat: number; lng: number; accuracy?: number }) => void;
}

export type CasePushEvent = Exclude<keyof ServerToClientEvents, 'worker.position' | 'replay.done' | 'security.lockouts' | 'device.alarm' | 'briefing.ready'>;
