import { DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { dataSourceOptions } from './data-source-options';
import { MigrationRunner } from './migration-runner';

/** The connection URL, for the few things that need their own connection (LISTEN, advisory locks). */
export const DATABASE_URL = Symbol('DATABASE_URL');

@Global()
@Module({})
export class DatabaseModule {
  static forRoot(databaseUrl: string): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [TypeOrmModule.forRoot({ ...dataSourceOptions(databaseUrl), retryAttempts: 3, retryDelay: 1000 })],
      providers: [MigrationRunner, { provide: DATABASE_URL, useValue: databaseUrl }],
      exports: [MigrationRunner, DATABASE_URL],
    };
  }
}
