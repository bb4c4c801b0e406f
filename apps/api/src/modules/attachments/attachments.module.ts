import { Module } from '@nestjs/common';
import * as path from 'node:path';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { IdempotencyModule } from '../idempotency/idempotency.module';
import { AttachmentsController } from './attachments.controller';
import { AttachmentsService } from './attachments.service';
import { BLOB_STORE } from './blob-store';
import { ImageProcessor } from './image-processor';
import { LocalBlobStore } from './local-blob-store';

@Module({
  imports: [IdempotencyModule],
  controllers: [AttachmentsController],
  providers: [
    AttachmentsService,
    ImageProcessor,
    { provide: BLOB_STORE, inject: [APP_CONFIG], useFactory: (config: AppConfig) => new LocalBlobStore(path.join(config.dataDir, 'uploads')) },
  ],
  exports: [BLOB_STORE],
})
export class AttachmentsModule {}
