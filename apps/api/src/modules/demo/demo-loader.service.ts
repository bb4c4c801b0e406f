import { Inject, Injectable, Logger } from '@nestjs/common';
import { generateTerritory, levelLabels, territoryFeatureCollection, type Territory } from '@grid/demo-data';
import { guessMapping, mapTerritory } from '@grid/geo';
import { DataSource, EntityManager, In } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { withAdvisoryLock } from '../../database/migration-runner';
import { AreaEntity } from '../areas/area.entity';
import { TerritoryWriter } from '../areas/territory-writer';
import { PasswordHasher } from '../users/password-hasher';
import { DepartmentEntity } from '../departments/department.entity';
import { ApiKeyService } from '../open311/api-keys.service';
import { SettingsService } from '../system/settings.service';
import { UserEntity } from '../users/user.entity';
import { DemoHistoryWriter } from './demo-history.writer';
import { seedReferenceData } from './reference-data';

const SEED_LOCK_KEY = 7_261_124;

export interface DemoLoadOptions {
  seed?: number;
  gridCount?: number;
}

export interface DemoLoadResult {
  loaded: boolean;
  areas: number;
  users: number;
  cases: number;
}

@Injectable()
export class DemoLoader {
  private readonly logger = new Logger(DemoLoader.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly territoryWriter: TerritoryWriter,
    private readonly hasher: PasswordHasher,
    private readonly settings: SettingsService,
    private readonly history: DemoHistoryWriter,
    private readonly apiKeys: ApiKeyService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** At boot: reference data on an empty database, and the demo territory unless LOAD_DEMO=never. */
  async prepareEmptyDatabase(): Promise<DemoLoadResult> {
    return withAdvisoryLock(this.dataSource, SEED_LOCK_KEY, () =>
      this.dataSource.transaction(async (manager) => {
        await seedReferenceData(manager);
        if (this.config.loadDemo === 'never') return { loaded: false, areas: 0, users: 0, cases: 0 };
        if ((await manager.count(AreaEntity)) > 0) {
          // A demo loaded before Open311 existed gets its key too (once: a revoked demo key stays revoked).
          if ((await this.settings.get('territory')).demoAccounts) await this.apiKeys.createDemoKey(manager);
          return { loaded: false, areas: 0, users: 0, cases: 0 };
        }
        return this.loadInto(manager, { seed: this.config.demoSeed, gridCount: this.config.demoGrids });
      }),
    );
  }

  /** The CLI's load-demo: refuses a database that already has a territory. */
  async load(options: DemoLoadOptions): Promise<DemoLoadResult> {
    return withAdvisoryLock(this.dataSource, SEED_LOCK_KEY, () =>
      this.dataSource.transaction(async (manager) => {
        await seedReferenceData(manager);
        if ((await manager.count(AreaEntity)) > 0) return { loaded: false, areas: 0, users: 0, cases: 0 };
        return this.loadInto(manager, options);
      }),
    );
  }

  private async loadInto(manager: EntityManager, options: DemoLoadOptions): Promise<DemoLoadResult> {
    const started = Date.now();
    const territory = generateTerritory({ seed: options.seed ?? this.config.demoSeed, gridCount: options.gridCount });
    // The same way in as a district's file: the import format, mapped as an upload is, written as version 1.
    const file = territoryFeatureCollection(territory);
    await this.territoryWriter.write(manager, mapTerritory(file.features, guessMapping(file.features)).records, { source: 'demo' });
    const users = await this.writeUsers(manager, territory);
    await this.settings.set('levelLabels', levelLabels.hengkou, manager);
    await this.settings.set('territory', { name: territory.district.name, synthetic: true, demoAccounts: true }, manager);
    // Like the demo accounts, a well-known Open311 key so that anyone can try a client against the demo.
    await this.apiKeys.createDemoKey(manager);
    const cases = this.config.demoHistoryDays > 0 ? await this.history.write(manager, { seed: options.seed ?? this.config.demoSeed, days: this.config.demoHistoryDays, casesPerDay: 30, now: new Date() }) : 0;
    this.logger.log(`demo territory loaded: ${file.features.length} areas, ${users} accounts, ${cases} cases of history in ${Date.now() - started} ms`);
    return { loaded: true, areas: file.features.length, users, cases };
  }

  private async writeUsers(manager: EntityManager, territory: Territory): Promise<number> {
    const areaIds = new Map((await manager.find(AreaEntity, { select: { id: true, code: true } })).map((a) => [a.code, a.id]));
    const departmentCodes = [...new Set(territory.users.flatMap((u) => (u.departmentCode ? [u.departmentCode] : [])))];
    const departmentIds = new Map((await manager.find(DepartmentEntity, { where: { code: In(departmentCodes) } })).map((d) => [d.code, d.id]));
    // The demo accounts share one public password, so one (slow) hash serves them all.
    const passwordHash = await this.hasher.hash(this.config.demoPassword);
    const rows = territory.users.map((u) => ({
      username: u.username,
      displayName: u.displayName,
      role: u.role,
      areaId: u.areaCode ? (areaIds.get(u.areaCode) ?? null) : null,
      departmentId: u.departmentCode ? (departmentIds.get(u.departmentCode) ?? null) : null,
      phone: u.phone,
      passwordHash,
    }));
    for (let i = 0; i < rows.length; i += 500) await manager.insert(UserEntity, rows.slice(i, i + 500));
    return rows.length;
  }
}
