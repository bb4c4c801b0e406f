import type { CaseEventPush, CasePushEvent } from '@grid/contracts';
import { useEffect, useRef, useState } from 'react';
import { useCaseEvents } from '../../../realtime/realtime-events';

const KEEP = 40;
/** A burst of events (50 a second on a busy day) updates the ticker a few times a second. */
const BATCH_MS = 250;

export interface TickerEntry {
  event: CasePushEvent;
  push: CaseEventPush;
}

/** The latest case events in scope, newest first (each seq once). */
export function useTicker(): TickerEntry[] {
  const [entries, setEntries] = useState<TickerEntry[]>([]);
  const arrived = useRef<TickerEntry[]>([]);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useCaseEvents(({ event, push }) => {
    // The assignee's own copy of a dispatch repeats a case.updated the wall already has.
    if (event === 'case.assigned') return;
    arrived.current.push({ event, push });
    if (timer.current) return;
    timer.current = setTimeout(() => {
      timer.current = null;
      const fresh = arrived.current.reverse();
      arrived.current = [];
      const seqs = new Set(fresh.map((e) => e.push.seq));
      setEntries((previous) => [...fresh, ...previous.filter((e) => !seqs.has(e.push.seq))].slice(0, KEEP));
    }, BATCH_MS);
  });
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );
  return entries;
}
