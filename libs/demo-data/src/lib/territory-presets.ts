import { BAOHE_COMMUNITIES, BAOHE_DISTRICT, BAOHE_STREETS } from './data/baohe-communities';
import { BAOHE_BOX, type TerritoryOptions } from './generate-territory';
import { levelLabels } from './level-labels';

/** Baohe, the second territory: its 13 街道 (and towns) as zones, its 136 社区/村 as villages. */
export const BAOHE_TERRITORY: TerritoryOptions = {
  box: BAOHE_BOX,
  zones: BAOHE_STREETS,
  villages: BAOHE_COMMUNITIES,
  districtName: BAOHE_DISTRICT.name,
  districtCode: BAOHE_DISTRICT.code,
  levelLabels: levelLabels.baohe,
};
