import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Hotspot, HotspotGrid, HotspotQuery, HotspotResponse } from '@grid/contracts';
import { daysOf, DEFAULT_HOTSPOT_RULES, findHotspots, instantsOf, newClusters, periodBefore, type HotspotAnalysis, type LocalPeriod } from '@grid/domain';
import { DataSource } from 'typeorm';
import { invalid } from '../../common/app-error';
import { AreasService } from '../areas/areas.service';
import type { AuthUser } from '../auth/auth-user';
import { scopeOf } from '../auth/scope';
import { CATEGORY_CONDITION, regionOf } from './analysis-region';
import { GridAdjacencyStore, type GridAdjacency } from './grid-adjacency.store';

/** Cases that count: reported in the period, not merged into another, not rejected or cancelled. */
const COUNTED = `c.reported_at >= $1 AND c.reported_at < $2 AND c.merged_into IS NULL AND c.status NOT IN ('rejected', 'cancelled')`;

const TOP_CATEGORIES = 3;

/**
 * Hotspots (研判): Getis–Ord Gi* of the period's case counts over every grid of the territory, significance by
 * Benjamini–Hochberg, hot grids joined into hotspots through the adjacency (ADR 0020); the answer shows the grids
 * of the caller's area. A hotspot is new when none of its grids was hot in the period of the same length before.
 */
@Injectable()
export class HotspotService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly areas: AreasService,
    private readonly adjacency: GridAdjacencyStore,
  ) {}

  async hotspots(user: AuthUser, query: HotspotQuery): Promise<HotspotResponse> {
    if (query.areaId) await this.areas.assertVisible(scopeOf(user), query.areaId, 'areaId');
    if (query.categoryCode) await this.assertCategory(query.categoryCode);
    const period: LocalPeriod = { from: query.from, to: query.to };
    const previous = periodBefore(period);
    const territory = await this.adjacency.get();
    const [counts, countsBefore] = await Promise.all([this.counts(period, query.categoryCode), this.counts(previous, query.categoryCode)]);
    const analysis = this.analyse(territory, counts);
    const before = this.analyse(territory, countsBefore);
    const hotBefore = new Set(before.cells.filter((c) => c.hot).map((c) => c.id));
    const inRegion = regionOf(user, query.areaId);
    const region = new Set(territory.grids.filter(inRegion).map((g) => g.id));
    const regionCases = analysis.cells.reduce((sum, c) => sum + (region.has(c.id) ? c.count : 0), 0);
    const status = region.size === 0 ? 'no_grids' : analysis.status !== 'ok' ? analysis.status : regionCases === 0 ? 'no_cases' : 'ok';
    const grids: HotspotGrid[] = analysis.cells.flatMap((cell, i) => {
      if (!region.has(cell.id) || (cell.count === 0 && cell.confidence === 0)) return [];
      const g = territory.grids[i];
      return [{ id: g.id, code: g.code, name: g.name, count: cell.count, local: cell.local, z: round(cell.z), p: cell.p, q: cell.q, confidence: cell.confidence, hot: cell.hot }];
    });
    const fresh = new Set(newClusters(analysis.clusters, hotBefore));
    const clusters = analysis.clusters
      .map((cluster) => ({ cluster, ids: cluster.ids.filter((id) => region.has(id)) }))
      .filter(({ ids }) => ids.length > 0);
    const categories = await this.topCategories(period, query.categoryCode, clusters.flatMap(({ ids }) => ids));
    const hotspots: Hotspot[] = clusters.map(({ cluster, ids }) => {
      const cells = ids.map((id) => analysis.cells[territory.indexOf.get(id) as number]);
      const strongest = territory.grids[territory.indexOf.get(ids[0]) as number];
      return {
        id: strongest.id,
        gridIds: ids,
        name: strongest.name,
        villageName: strongest.villageName,
        centroid: meanCentroid(ids.map((id) => territory.grids[territory.indexOf.get(id) as number].centroid)),
        cases: cells.reduce((sum, c) => sum + c.count, 0),
        maxZ: round(Math.max(...cells.map((c) => c.z))),
        minQ: Math.min(...cells.map((c) => c.q)),
        isNew: fresh.has(cluster),
        topCategories: topOf(ids.map((id) => categories.get(id) ?? new Map<string, number>())),
      };
    });
    return {
      status,
      period: { ...period, days: daysOf(period) },
      previousPeriod: previous,
      categoryCode: query.categoryCode ?? null,
      areaId: query.areaId ?? null,
      cases: regionCases,
      territoryCases: analysis.totalCases,
      territoryGrids: territory.grids.length,
      method: {
        statistic: 'getis_ord_gi_star',
        weights: 'queen_contiguity_binary',
        correction: 'benjamini_hochberg',
        alpha: DEFAULT_HOTSPOT_RULES.alpha,
        minCases: DEFAULT_HOTSPOT_RULES.minCases,
        minLocalCases: DEFAULT_HOTSPOT_RULES.minLocalCases,
      },
      grids: status === 'no_grids' ? [] : grids,
      hotspots: status === 'ok' ? hotspots : [],
      computedAt: new Date().toISOString(),
    };
  }

  private analyse(territory: GridAdjacency, counts: Map<string, number>): HotspotAnalysis {
    return findHotspots(
      territory.grids.map((g) => ({ id: g.id, count: counts.get(g.id) ?? 0 })),
      territory.neighbours,
    );
  }

  private async assertCategory(code: string): Promise<void> {
    const rows = (await this.dataSource.query(`SELECT 1 FROM categories WHERE code = $1`, [code])) as unknown[];
    if (!rows.length) throw invalid(`unknown category "${code}"`, { categoryCode: 'no such category' });
  }

  /** Cases per grid in the period (cases in grids retired since fall out with their grids). */
  private async counts(period: LocalPeriod, categoryCode: string | undefined): Promise<Map<string, number>> {
    const { fromMs, toMs } = instantsOf(period);
    const params: unknown[] = [new Date(fromMs), new Date(toMs)];
    if (categoryCode) params.push(categoryCode);
    const rows = (await this.dataSource.query(
      `SELECT c.grid_id, count(*)::int AS n FROM cases c WHERE ${COUNTED} ${categoryCode ? `AND ${CATEGORY_CONDITION('$3')}` : ''} GROUP BY c.grid_id`,
      params,
    )) as { grid_id: string; n: number }[];
    return new Map(rows.map((r) => [r.grid_id, r.n]));
  }

  /** The categories reported in each of these grids in the period. */
  private async topCategories(period: LocalPeriod, categoryCode: string | undefined, gridIds: string[]): Promise<Map<string, Map<string, number>>> {
    const result = new Map<string, Map<string, number>>();
    if (!gridIds.length) return result;
    const { fromMs, toMs } = instantsOf(period);
    const params: unknown[] = [new Date(fromMs), new Date(toMs), gridIds];
    if (categoryCode) params.push(categoryCode);
    const rows = (await this.dataSource.query(
      `SELECT c.grid_id, c.category_code, count(*)::int AS n FROM cases c
        WHERE ${COUNTED} AND c.grid_id = ANY($3::uuid[]) ${categoryCode ? `AND ${CATEGORY_CONDITION('$4')}` : ''}
        GROUP BY c.grid_id, c.category_code`,
      params,
    )) as { grid_id: string; category_code: string; n: number }[];
    for (const r of rows) {
      const grid = result.get(r.grid_id) ?? new Map<string, number>();
      grid.set(r.category_code, r.n);
      result.set(r.grid_id, grid);
    }
    return result;
  }
}

function topOf(perGrid: Map<string, number>[]): { code: string; count: number }[] {
  const total = new Map<string, number>();
  for (const grid of perGrid) for (const [code, n] of grid) total.set(code, (total.get(code) ?? 0) + n);
  return [...total]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, TOP_CATEGORIES)
    .map(([code, count]) => ({ code, count }));
}

function meanCentroid(points: { lat: number; lng: number }[]): { lat: number; lng: number } {
  return { lat: points.reduce((a, p) => a + p.lat, 0) / points.length, lng: points.reduce((a, p) => a + p.lng, 0) / points.length };
}

const round = (z: number): number => Math.round(z * 1000) / 1000;
