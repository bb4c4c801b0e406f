import type { NotificationChannel, ResidentNoticeKind } from '@grid/contracts';
import type { ResidentMessage } from '@grid/domain';

/** One message to one resident, as a channel adapter receives it. */
export interface OutgoingNotification {
  /** The receiver's idempotency key (the outbox message's event id). */
  messageId: string;
  kind: ResidentNoticeKind;
  /** A phone number (sms) or a WeChat openid (wechat): never written to a log unmasked. */
  contact: string;
  link: string;
  message: ResidentMessage;
}

/**
 * A way to reach a resident (DESIGN §2 `Notification`): an SMS gateway, a WeChat service account, or the log. Resolves
 * once the gateway accepted the message; throws (with a reason free of the contact) to be retried, or an
 * `UndeliverableError` when it must never be tried again.
 */
export interface NotificationAdapter {
  /** What the send log calls it: `sms-gateway`, `wechat-template`, `console`. */
  readonly name: string;
  send(notification: OutgoingNotification): Promise<void>;
}

/** The adapters by channel, chosen at start from the configuration (a channel without its gateway uses the log). */
export const NOTIFICATION_ADAPTERS = Symbol('NOTIFICATION_ADAPTERS');
export type NotificationAdapters = Readonly<Record<NotificationChannel, NotificationAdapter>>;
