import type { CaseEventKind, CaseStatus } from '@grid/contracts';
import type { CaseEventDraft } from '../case/case-event.types';
import { TERMINAL_STATUSES } from '../case/case-transitions';
import { toMs } from '../shared/instant.util';
import { joinIntervals, type Interval } from './interval.util';

/** The case's statuses over time, read from its events. */
export interface CaseTimeline {
  events: readonly CaseEventDraft[];
  /** One span per event: its `toStatus` from its time to the next event's. */
  spans: readonly (Interval & { status: CaseStatus })[];
  /** When the case was suspended (挂账). */
  suspensions: readonly Interval[];
  /** When the case ended (closed, rejected, cancelled), if it did. */
  endedAt: number | null;
}

export function timelineOf(events: readonly CaseEventDraft[]): CaseTimeline {
  const times = events.map((e) => toMs(e.at));
  const spans = events.map((e, i) => ({ status: e.toStatus, from: times[i], to: i + 1 < events.length ? times[i + 1] : null }));
  // Ended at the first event of the final terminal run: a reopened case (closed, then open again) has not ended.
  let ended = events.length;
  while (ended > 0 && TERMINAL_STATUSES.includes(events[ended - 1].toStatus)) ended -= 1;
  const endedAt = ended === events.length ? null : times[ended];
  const suspensions: Interval[] = [];
  events.forEach((e, i) => {
    if (e.kind === 'suspended') suspensions.push({ from: times[i], to: endedAt });
    if (e.kind === 'resumed' && suspensions.length > 0) suspensions[suspensions.length - 1].to = times[i];
  });
  return { events, spans, suspensions, endedAt };
}

/** Index of the last event of one of the kinds (-1 when none). */
export function lastIndexOf(timeline: CaseTimeline, kinds: readonly CaseEventKind[]): number {
  for (let i = timeline.events.length - 1; i >= 0; i -= 1) if (kinds.includes(timeline.events[i].kind)) return i;
  return -1;
}

/** The time, from the event at `start` on, that the case spent in one of the statuses. */
export function timeIn(timeline: CaseTimeline, start: number, statuses: readonly CaseStatus[]): Interval[] {
  if (start < 0) return [];
  return joinIntervals(timeline.spans.slice(start).filter((s) => statuses.includes(s.status)).map(({ from, to }) => ({ from, to })));
}

/** True while the case is suspended now. */
export function isSuspendedNow(timeline: CaseTimeline): boolean {
  return timeline.suspensions.some((s) => s.to === null);
}
