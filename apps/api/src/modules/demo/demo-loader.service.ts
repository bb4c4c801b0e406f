import { Inject, Injectable, Logger } from '@nestjs/common';
import { categoryListFileSchema } from '@grid/contracts';
import { generateTerritory, levelLabels } from '@grid/demo-data';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { withAdvisoryLock } from '../../database/migration-runner';
import { AreaEntity } from '../areas/area.entity';
import { CategoryCatalog } from '../categories/category-catalog';
import { CategoryListEditor } from '../categories/category-list-editor.service';
import { ApiKeyService } from '../open311/api-keys.service';
import { PeopleImportService } from '../people/people-import.service';
import { RotaImportService } from '../rota/rota-import.service';
import { RotaIndexService } from '../rota/rota-index.service';
import { SettingsService } from '../system/settings.service';
import { TerritoryImportsService } from '../territory/territory-imports.service';
import { DemoHistoryWriter } from './demo-history.writer';
import { demoDistrictFileSet } from './demo-district-files';
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
    private readonly territoryImports: TerritoryImportsService,
    private readonly peopleImports: PeopleImportService,
    private readonly rotaImports: RotaImportService,
    private readonly categoryEditor: CategoryListEditor,
    private readonly rotaIndex: RotaIndexService,
    private readonly catalog: CategoryCatalog,
    private readonly settings: SettingsService,
    private readonly history: DemoHistoryWriter,
    private readonly apiKeys: ApiKeyService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** At boot: reference data on an empty database, and the demo territory unless LOAD_DEMO=never. */
  async prepareEmptyDatabase(): Promise<DemoLoadResult> {
    return this.afterLoad(await withAdvisoryLock(this.dataSource, SEED_LOCK_KEY, () =>
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
    ));
  }

  /** The CLI's load-demo: refuses a database that already has a territory. */
  async load(options: DemoLoadOptions): Promise<DemoLoadResult> {
    return this.afterLoad(await withAdvisoryLock(this.dataSource, SEED_LOCK_KEY, () =>
      this.dataSource.transaction(async (manager) => {
        await seedReferenceData(manager);
        if ((await manager.count(AreaEntity)) > 0) return { loaded: false, areas: 0, users: 0, cases: 0 };
        return this.loadInto(manager, options);
      }),
    ));
  }

  /** Once committed, this instance's rota and list read what the demo wrote before the first request (the others hear the notifications). */
  private async afterLoad(result: DemoLoadResult): Promise<DemoLoadResult> {
    if (result.loaded) await Promise.all([this.rotaIndex.reload(), this.catalog.reload()]);
    return result;
  }

  /**
   * The demo comes in as a district does (ADR 0016): its four files, through the imports the console and the CLI use,
   * each checked and then applied, all in the caller's transaction. Only the people's passwords differ: the demo's
   * public accounts share the published demo password and are not asked to change it.
   */
  private async loadInto(manager: EntityManager, options: DemoLoadOptions): Promise<DemoLoadResult> {
    const started = Date.now();
    const seed = options.seed ?? this.config.demoSeed;
    const territory = generateTerritory({ seed, gridCount: options.gridCount });
    const files = await demoDistrictFileSet(territory, seed);
    const actor = { id: null, username: 'demo' };
    const refused = (file: string, problems: readonly { message: string }[]) => new Error(`the demo's ${file} does not import: ${problems.slice(0, 5).map((p) => p.message).join('; ')}`);

    const area = await this.territoryImports.create(actor, { bytes: files.territory.bytes, name: files.territory.name }, 'wgs84', undefined, manager);
    if (area.status !== 'valid') throw refused(files.territory.name, area.problems.filter((p) => p.severity === 'error'));
    await this.territoryImports.apply(actor, area.id, false, manager);

    const people = await this.peopleImports.check(actor, { originalname: files.people.name, buffer: files.people.bytes }, manager);
    if (people.status !== 'valid') throw refused(files.people.name, people.problems);
    await this.peopleImports.apply(actor, people.id, { sharedPassword: this.config.demoPassword }, manager);

    const importer = { ...actor, zoneId: null };
    const rota = await this.rotaImports.check(importer, files.rota.name, files.rota.bytes, manager);
    if (rota.status !== 'valid') throw refused(files.rota.name, rota.problems);
    await this.rotaImports.apply(importer, rota.id, manager);

    const list = categoryListFileSchema.parse(JSON.parse(files.categories.bytes.toString('utf8')));
    await this.categoryEditor.importList(actor, list, manager);

    await this.settings.set('levelLabels', levelLabels.hengkou, manager);
    await this.settings.set('territory', { name: territory.district.name, synthetic: true, demoAccounts: true }, manager);
    // Like the demo accounts, a well-known Open311 key so that anyone can try a client against the demo.
    await this.apiKeys.createDemoKey(manager);
    const imported = Date.now() - started;
    const cases = this.config.demoHistoryDays > 0 ? await this.history.write(manager, { seed, days: this.config.demoHistoryDays, casesPerDay: 30, now: new Date() }) : 0;
    const areas = area.summary.features;
    this.logger.log(`demo district loaded from its four files: ${areas} areas, ${people.summary.people} people (${people.summary.posts} posts), ${rota.summary.patterns} weekly shifts in ${imported} ms; ${cases} cases of history in ${Date.now() - started - imported} ms`);
    return { loaded: true, areas, users: people.summary.people, cases };
  }
}
