import type { CaseEventKind, CaseStatus } from '@grid/contracts';
import type { Instant } from '../shared/instant.util';
import type { Actor } from './actor.types';
import type { CaseEventDataMap, CaseEventOf } from './case-event.types';
import { cleanNote } from './guards/field.guard';

/** The id an event records for an actor: none for the system (null) and for residents, who are not users. */
export function actorIdOf(actor: Actor | null): string | null {
  return actor === null || actor.role === 'resident' ? null : actor.id;
}

export interface EventMeta {
  from: CaseStatus | null;
  to: CaseStatus;
  /** Null for the system. */
  actor: Actor | null;
  at: Instant;
  note?: string;
}

export function draftEvent<K extends CaseEventKind>(kind: K, meta: EventMeta, data: CaseEventDataMap[K]): CaseEventOf<K> {
  const event: CaseEventOf<K> = { kind, fromStatus: meta.from, toStatus: meta.to, actorId: actorIdOf(meta.actor), at: meta.at, data };
  const note = cleanNote(meta.note);
  return note === undefined ? event : { ...event, note };
}

/** Meta of an event an actor writes on an existing case now; the status stays unless `to` is given. */
export function metaOf(
  input: { state: { status: CaseStatus }; actor: Actor; now: Instant },
  to: CaseStatus = input.state.status,
  note?: string,
): EventMeta {
  return { from: input.state.status, to, actor: input.actor, at: input.now, note };
}
