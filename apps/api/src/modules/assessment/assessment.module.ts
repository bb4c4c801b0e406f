import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { CasesModule } from '../cases/cases.module';
import { AssessmentAdjustmentsController } from './assessment-adjustments.controller';
import { AssessmentAdjustmentsService } from './assessment-adjustments.service';
import { AssessmentAggregates } from './assessment-aggregates';
import { AssessmentAppealsService } from './assessment-appeals.service';
import { AssessmentConfigService } from './assessment-config.service';
import { AssessmentController } from './assessment.controller';
import { AssessmentFactsStore } from './assessment-facts.store';
import { AssessmentProjector } from './assessment-projector.service';
import { AssessmentPublicationsService } from './assessment-publications.service';
import { AssessmentService } from './assessment.service';
import { PatrolSummarySource, SqlPatrolSummarySource } from './patrol-summary.source';

@Module({
  imports: [AuditModule, CasesModule],
  controllers: [AssessmentController, AssessmentAdjustmentsController],
  providers: [
    AssessmentFactsStore,
    AssessmentAggregates,
    AssessmentProjector,
    AssessmentConfigService,
    AssessmentService,
    AssessmentAppealsService,
    AssessmentAdjustmentsService,
    AssessmentPublicationsService,
    { provide: PatrolSummarySource, useClass: SqlPatrolSummarySource },
  ],
  exports: [AssessmentService, AssessmentProjector, AssessmentConfigService],
})
export class AssessmentModule {}
