import { Module } from '@nestjs/common';
import { OutboxController } from './outbox.controller';
import { OutboxSender, OutboxTransports } from './outbox-sender.service';
import { OutboxStore } from './outbox.store';

/** Messages to other systems written with the change that causes them, and sent until acknowledged (ADR 0014). */
@Module({
  controllers: [OutboxController],
  providers: [OutboxStore, OutboxTransports, OutboxSender],
  exports: [OutboxStore, OutboxTransports, OutboxSender],
})
export class OutboxModule {}
