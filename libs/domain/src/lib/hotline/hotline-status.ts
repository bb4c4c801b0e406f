import type { CaseEventKind, HotlineStatusKind } from '@grid/contracts';
import type { Instant } from '../shared/instant.util';

/** A case event as the bridge sees it: its kind, time, note and data. */
export interface HotlineEventInput {
  kind: CaseEventKind;
  at: Instant;
  note?: string;
  data: unknown;
}

/** What the hotline is to be told; photo ids become URLs when the message is written. */
export interface HotlineStatusDraft {
  kind: HotlineStatusKind;
  at: Instant;
  text?: string;
  photoIds?: string[];
  score?: number;
  hours?: number;
}

const field = <T>(data: unknown, key: string): T | undefined => (data !== null && typeof data === 'object' ? ((data as Record<string, unknown>)[key] as T) : undefined);

/**
 * The step of a hotline case the hotline must hear of (签收, 退单, 延期, 办结, 回访), or null. A hotline case ends
 * here only by a return (退单): its zone leader approving one asked for, or the command centre cancelling it.
 */
export function hotlineStatusOf(event: HotlineEventInput): HotlineStatusDraft | null {
  const base = { at: event.at, ...(event.note ? { text: event.note } : {}) };
  switch (event.kind) {
    case 'accepted':
      return { kind: 'accepted', ...base };
    case 'extension_requested':
      return { kind: 'extension_requested', ...base, hours: field<number>(event.data, 'hours') };
    case 'completed':
      return { kind: 'resolved', ...base, photoIds: field<string[]>(event.data, 'photoIds') ?? [] };
    case 'rated':
      return { kind: 'callback', ...base, score: field<number>(event.data, 'score') };
    case 'cancelled':
      return { kind: 'returned', ...base };
    default:
      return null;
  }
}
