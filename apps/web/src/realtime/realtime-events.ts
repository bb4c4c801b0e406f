import type { CaseEventPush, CasePushEvent, WorkerPosition } from '@grid/contracts';
import { useEffect, useRef, useSyncExternalStore } from 'react';

/** The live channel's state as the user should know it. */
export type RealtimeStatus = 'off' | 'connecting' | 'live' | 'reconnecting';

export interface LiveCaseEvent {
  event: CasePushEvent;
  push: CaseEventPush;
}

type CaseListener = (event: LiveCaseEvent) => void;
/** Positions older than this are taken off the map (a phone that stopped sending). */
const POSITION_TTL_MS = 15 * 60_000;

let status: RealtimeStatus = 'off';
const statusListeners = new Set<() => void>();
const caseListeners = new Set<CaseListener>();
let positions: ReadonlyMap<string, WorkerPosition> = new Map();
const positionListeners = new Set<() => void>();

/** The in-app side of the live channel: `useRealtime` publishes here, views subscribe through the hooks below. */
export const realtimeEvents = {
  setStatus(next: RealtimeStatus): void {
    if (next === status) return;
    status = next;
    statusListeners.forEach((l) => l());
  },
  publishCase(event: LiveCaseEvent): void {
    caseListeners.forEach((l) => l(event));
  },
  publishPosition(position: WorkerPosition): void {
    const next = new Map(positions);
    next.set(position.userId, position);
    const cutoff = Date.now() - POSITION_TTL_MS;
    for (const [id, p] of next) if (Date.parse(p.at) < cutoff) next.delete(id);
    positions = next;
    positionListeners.forEach((l) => l());
  },
  reset(): void {
    positions = new Map();
    positionListeners.forEach((l) => l());
    realtimeEvents.setStatus('off');
  },
};

function subscribeStatus(listener: () => void): () => void {
  statusListeners.add(listener);
  return () => statusListeners.delete(listener);
}

function subscribePositions(listener: () => void): () => void {
  positionListeners.add(listener);
  return () => positionListeners.delete(listener);
}

export function useRealtimeStatus(): RealtimeStatus {
  return useSyncExternalStore(subscribeStatus, () => status);
}

/** Latest position of each grid worker in the caller's scope. */
export function useWorkerPositions(): ReadonlyMap<string, WorkerPosition> {
  return useSyncExternalStore(subscribePositions, () => positions);
}

/** Calls `listener` for each new case event (each seq once), e.g. for a ticker or a sound. */
export function useCaseEvents(listener: CaseListener): void {
  const latest = useRef(listener);
  useEffect(() => {
    latest.current = listener;
  });
  useEffect(() => {
    const forward: CaseListener = (event) => latest.current(event);
    caseListeners.add(forward);
    return () => {
      caseListeners.delete(forward);
    };
  }, []);
}
