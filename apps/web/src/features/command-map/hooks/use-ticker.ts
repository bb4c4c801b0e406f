import type { CaseEventPush, CasePushEvent } from '@grid/contracts';
import { useState } from 'react';
import { useCaseEvents } from '../../../realtime/realtime-events';

const KEEP = 40;

export interface TickerEntry {
  event: CasePushEvent;
  push: CaseEventPush;
}

/** The latest case events in scope, newest first (each seq once). */
export function useTicker(): TickerEntry[] {
  const [entries, setEntries] = useState<TickerEntry[]>([]);
  useCaseEvents(({ event, push }) => {
    // The assignee's own copy of a dispatch repeats a case.updated the wall already has.
    if (event === 'case.assigned') return;
    setEntries((previous) => [{ event, push }, ...previous.filter((e) => e.push.seq !== push.seq)].slice(0, KEEP));
  });
  return entries;
}
