/** A message to be written in the transaction of the change that causes it (DESIGN §2 `OutboxMessage`). */
export interface NewOutboxMessage {
  /** How it travels: `integration` (a signed POST to an integration client's callback); later SMS, WeChat… */
  channel: string;
  /** Whom it goes to on that channel (an integration client's id). */
  destination: string;
  /** Messages of one key are delivered strictly in the order written (a hotline order number). */
  orderKey: string;
  /** The receiver's idempotency key, sent with the message. */
  eventId: string;
  kind: string;
  payload: Record<string, unknown>;
  caseId?: string | null;
  /** The case event that caused it: one message per event and destination at most. */
  caseEventSeq?: number | null;
}

/** A message claimed for sending. */
export type ClaimedOutboxMessage = Pick<NewOutboxMessage, 'channel' | 'destination' | 'orderKey' | 'eventId' | 'kind' | 'payload'> & { id: string; attempts: number };

/**
 * Thrown by a transport for a message that must never be sent (a resident stopped messages): the message is
 * marked `dropped` with the reason instead of being retried.
 */
export class UndeliverableError extends Error {}

/** Delivers one message; resolves when the receiver acknowledged it, throws (with a short reason) otherwise. */
export interface OutboxTransport {
  send(message: ClaimedOutboxMessage): Promise<void>;
}
