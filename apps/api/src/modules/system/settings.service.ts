import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { LevelLabels } from '@grid/contracts';
import type { WorkCalendar } from '@grid/domain';
import { EntityManager, Repository } from 'typeorm';
import { SettingEntity } from './setting.entity';

export interface TerritorySetting {
  name: string;
  /** True for generated boundaries (the demo). */
  synthetic: boolean;
  /** True when the demo accounts were created with the territory. */
  demoAccounts?: boolean;
}

/** Typed keys of the settings table. */
export interface Settings {
  levelLabels: LevelLabels;
  territory: TerritorySetting;
  /** The SLA clocks' calendar as edited by an administrator; null: the calendar shipped with the code. */
  workCalendar: WorkCalendar | null;
}

export const DEFAULT_SETTINGS: Settings = {
  levelLabels: {
    district: { 'zh-CN': '区', en: 'District' },
    zone: { 'zh-CN': '片区', en: 'Zone' },
    village: { 'zh-CN': '村（社区）', en: 'Village / community' },
    grid: { 'zh-CN': '网格', en: 'Grid' },
  },
  territory: { name: '', synthetic: false },
  workCalendar: null,
};

@Injectable()
export class SettingsService {
  constructor(@InjectRepository(SettingEntity) private readonly settings: Repository<SettingEntity>) {}

  async get<K extends keyof Settings>(key: K, manager: EntityManager = this.settings.manager): Promise<Settings[K]> {
    const row = await manager.findOneBy(SettingEntity, { key });
    return (row?.value as Settings[K] | undefined) ?? DEFAULT_SETTINGS[key];
  }

  async set<K extends keyof Settings>(key: K, value: NonNullable<Settings[K]>, manager: EntityManager = this.settings.manager): Promise<void> {
    await manager.upsert(SettingEntity, { key, value }, ['key']);
  }
}
