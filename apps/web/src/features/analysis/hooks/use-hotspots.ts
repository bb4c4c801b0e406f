import type { HotspotResponse } from '@grid/contracts';
import type { PathOptions } from 'leaflet';
import { useMemo } from 'react';
import { useApiResource } from '../../../api/use-api-resource';

/** The periods the map offers: the last week (the morning meeting), month and quarter, ending today. */
export const HOTSPOT_PERIODS = [7, 30, 90] as const;
export type HotspotPeriod = (typeof HOTSPOT_PERIODS)[number];

/** Today and `days − 1` days before it, as local dates in Beijing time (the district's). */
export function periodEndingToday(days: number, now = Date.now()): { from: string; to: string } {
  const local = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);
  return { from: local(now - (days - 1) * 86_400_000), to: local(now) };
}

export function hotspotPath(days: number, filter: { areaId?: string | null; categoryCode?: string | null }): string {
  const { from, to } = periodEndingToday(days);
  const query = new URLSearchParams({ from, to });
  if (filter.areaId) query.set('areaId', filter.areaId);
  if (filter.categoryCode) query.set('categoryCode', filter.categoryCode);
  return `/api/analysis/hotspots?${query}`;
}

/** The hotspots of the last `days` days in an area and category (null: not asked for). */
export function useHotspots(days: number | null, filter: { areaId?: string | null; categoryCode?: string | null }) {
  return useApiResource<HotspotResponse>(days === null ? null : hotspotPath(days, filter));
}

type Shade = PathOptions & { raised?: boolean };

/** Hot grids by confidence (ColorBrewer OrRd, dark = surer); the same object per band, as the canvas wants. */
export const HOTSPOT_SHADES: Record<99 | 95 | 90, Shade> = {
  99: { fillColor: '#d7301f', fillOpacity: 0.72, color: '#ff9b85', raised: true },
  95: { fillColor: '#fc8d59', fillOpacity: 0.6, color: '#ffc29e', raised: true },
  90: { fillColor: '#fdcc8a', fillOpacity: 0.45 },
};
const COOL: Shade = { fillColor: '#1d4d6e', fillOpacity: 0.12 };

/** The grid statistics by the map's grid index, and the shading they give. */
export function useHotspotGrids(result: HotspotResponse | null, indexOf: ReadonlyMap<string, number> | null) {
  return useMemo(() => {
    const byIndex = new Map<number, HotspotResponse['grids'][number]>();
    if (result && indexOf) for (const g of result.grids) {
      const index = indexOf.get(g.id);
      if (index !== undefined) byIndex.set(index, g);
    }
    const shade = (index: number): Shade => {
      const grid = byIndex.get(index);
      return grid && grid.confidence ? HOTSPOT_SHADES[grid.confidence] : COOL;
    };
    return { byIndex, shade };
  }, [result, indexOf]);
}

/** A p- or q-value as people read it: "< 0.001" rather than 3e-9. */
export const formatP = (p: number): string => (p < 0.001 ? '< 0.001' : p.toFixed(3));
