import { DynamicModule, Module, RequestMethod } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { LoggerModule } from 'nestjs-pino';
import type { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { AnalysisModule } from './modules/analysis/analysis.module';
import { BriefingsModule } from './modules/briefings/briefings.module';
import { AreasModule } from './modules/areas/areas.module';
import { AssessmentModule } from './modules/assessment/assessment.module';
import { AuditModule } from './modules/audit/audit.module';
import { AttachmentsModule } from './modules/attachments/attachments.module';
import { AuthModule } from './modules/auth/auth.module';
import { CalendarModule } from './modules/calendar/calendar.module';
import { CasesModule } from './modules/cases/cases.module';
import { CategoriesModule } from './modules/categories/categories.module';
import { DemoModule } from './modules/demo/demo.module';
import { DepartmentsModule } from './modules/departments/departments.module';
import { HealthModule } from './modules/health/health.module';
import { MetricsModule } from './modules/metrics/metrics.module';
import { Open311Module } from './modules/open311/open311.module';
import { RedisModule } from './modules/redis/redis.module';
import { RealtimeModule } from './modules/realtime/realtime.module';
import { SystemModule } from './modules/system/system.module';
import { UsersModule } from './modules/users/users.module';
import { PatrolsModule } from './modules/patrols/patrols.module';
import { PeopleModule } from './modules/people/people.module';
import { HotlineModule } from './modules/hotline/hotline.module';
import { SensorsModule } from './modules/sensors/sensors.module';
import { OutboxModule } from './modules/outbox/outbox.module';
import { NotificationsModule } from './modules/notifications/notifications.module';
import { RotaModule } from './modules/rota/rota.module';
import { TerritoryModule } from './modules/territory/territory.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, databaseUrl: string): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot({
          // Nest 11's path syntax; the default '*' triggers a legacy-route warning at boot.
          forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
          pinoHttp: {
            level: config.logLevel,
            // A request id on every line; a caller's X-Request-Id is kept so traces join across services.
            genReqId: (req, res) => {
              const given = req.headers['x-request-id'];
              const id = typeof given === 'string' && /^[\w.-]{1,64}$/.test(given) ? given : randomUUID();
              res.setHeader('X-Request-Id', id);
              return id;
            },
            redact: ['req.headers.authorization', 'req.headers.cookie'],
            autoLogging: { ignore: (req) => req.url === '/api/health' },
          },
        }),
        DatabaseModule.forRoot(databaseUrl),
        RedisModule,
        AuditModule,
        AuthModule,
        UsersModule,
        AreasModule,
        TerritoryModule,
        DepartmentsModule,
        CategoriesModule,
        CalendarModule,
        SystemModule,
        HealthModule,
        DemoModule,
        RealtimeModule,
        // Before CasesModule: POST /api/cases/:id/attachments must not be taken for an action named 'attachments'.
        AttachmentsModule,
        CasesModule,
        MetricsModule,
        Open311Module,
        PatrolsModule,
        AssessmentModule,
        AnalysisModule,
        BriefingsModule,
        PeopleModule,
        OutboxModule,
        HotlineModule,
        NotificationsModule,
        RotaModule,
        SensorsModule,
      ],
    };
  }
}
