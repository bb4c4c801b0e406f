import { Module } from '@nestjs/common';
import type { NotificationChannel } from '@grid/contracts';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { CasesModule } from '../cases/cases.module';
import { OutboxModule } from '../outbox/outbox.module';
import { CaseSubscriptionStore } from './case-subscriptions.store';
import { ConsoleNotificationAdapter } from './console.adapter';
import { NOTIFICATION_ADAPTERS, type NotificationAdapter, type NotificationAdapters } from './notification-channel';
import { CaseNotificationsController, PublicResidentsController } from './notifications.controller';
import { PromiseSweeper } from './promise-sweeper.service';
import { ResidentNotifier } from './resident-notifier.service';
import { ResidentsService } from './residents.service';
import { SmsGatewayAdapter } from './sms-gateway.adapter';
import { WechatTemplateAdapter } from './wechat-template.adapter';

/** Each channel's adapter from the configuration: its gateway when configured, else the log (development, demo). */
export function adaptersOf(config: AppConfig): NotificationAdapters {
  const { sms, wechat } = config.notify;
  const timeout = config.outbox.timeoutMs;
  const adapters: Record<NotificationChannel, NotificationAdapter> = {
    sms: sms ? new SmsGatewayAdapter(sms, timeout) : new ConsoleNotificationAdapter('sms'),
    wechat: wechat ? new WechatTemplateAdapter(wechat, timeout) : new ConsoleNotificationAdapter('wechat'),
  };
  return adapters;
}

/** Residents told and heard (issue 18, ADR 0018): notifications through the outbox, following a case, the send log. */
@Module({
  imports: [CasesModule, OutboxModule],
  controllers: [PublicResidentsController, CaseNotificationsController],
  providers: [CaseSubscriptionStore, ResidentNotifier, PromiseSweeper, ResidentsService, { provide: NOTIFICATION_ADAPTERS, inject: [APP_CONFIG], useFactory: adaptersOf }],
})
export class NotificationsModule {}
