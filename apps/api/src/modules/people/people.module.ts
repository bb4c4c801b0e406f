import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { UsersModule } from '../users/users.module';
import { PeopleAdminController } from './people-admin.controller';
import { PeopleAdminService } from './people-admin.service';
import { PeopleImportController } from './people-import.controller';
import { PeopleImportService } from './people-import.service';
import { VillagePairingsController } from './village-pairings.controller';
import { VillagePairings } from './village-pairings.service';

/** People and posts (一人多岗), their import and the 包村 pairings (issue 17, ADR 0009). */
@Module({
  imports: [AuthModule, UsersModule],
  // The import controller first: its fixed paths (template, imports) before the people controller's `:id`.
  controllers: [PeopleImportController, PeopleAdminController, VillagePairingsController],
  providers: [PeopleAdminService, PeopleImportService, VillagePairings],
  exports: [PeopleAdminService, PeopleImportService, VillagePairings],
})
export class PeopleModule {}
