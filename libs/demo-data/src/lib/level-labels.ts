import type { LevelLabels } from '@grid/contracts';

// Labels per area level: the same four-level tree is called differently from place to place.

/** Hengkou: a demonstration district in zones (片区) of villages and communities. */
export const hengkouLevelLabels: LevelLabels = {
  district: { 'zh-CN': '示范区', en: 'District' },
  zone: { 'zh-CN': '片区', en: 'Zone' },
  village: { 'zh-CN': '村（社区）', en: 'Village / community' },
  grid: { 'zh-CN': '网格', en: 'Grid' },
};

/** Baohe: an urban district of sub-districts (街道) and towns, made of communities (社区) and villages. */
export const baoheLevelLabels: LevelLabels = {
  district: { 'zh-CN': '区', en: 'District' },
  zone: { 'zh-CN': '街道（镇）', en: 'Sub-district / town' },
  village: { 'zh-CN': '社区（村）', en: 'Community / village' },
  grid: { 'zh-CN': '网格', en: 'Grid' },
};

export const levelLabels: { hengkou: LevelLabels; baohe: LevelLabels } = { hengkou: hengkouLevelLabels, baohe: baoheLevelLabels };
