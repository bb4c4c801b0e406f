import { Logger } from '@nestjs/common';
import type { NotificationChannel } from '@grid/contracts';
import { maskContact } from '@grid/domain';
import type { NotificationAdapter, OutgoingNotification } from './notification-channel';

/** Development and demo: the message goes to the log (the contact masked) instead of a gateway. */
export class ConsoleNotificationAdapter implements NotificationAdapter {
  readonly name = 'console';
  private readonly logger = new Logger('Notifications');

  constructor(private readonly channel: NotificationChannel) {}

  async send(n: OutgoingNotification): Promise<void> {
    this.logger.log(`[${this.channel} → ${maskContact(this.channel, n.contact)}] ${n.message.text}`);
  }
}
