import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { adjacencyOf, type AreaGeometry } from '@grid/geo';
import { DataSource } from 'typeorm';
import { AreaIndexService } from '../areas/area-index.service';

export interface AnalysisGrid {
  id: string;
  code: string;
  name: string;
  /** Ancestors, root first. */
  path: string[];
  villageName: string | null;
  centroid: { lat: number; lng: number };
}

/** The current territory's grids and which of them touch, as the hotspot statistic needs them. */
export interface GridAdjacency {
  grids: AnalysisGrid[];
  /** For each grid (by index in `grids`), the indexes of the grids it touches. */
  neighbours: number[][];
  indexOf: Map<string, number>;
}

const GRIDS = `
  SELECT g.id, g.code, g.name, g.path, g.boundary, g.centroid_lat, g.centroid_lng, v.name AS village_name
    FROM areas g LEFT JOIN areas v ON v.id = g.parent_id
   WHERE g.level = 'grid' AND g.retired_at IS NULL AND g.boundary IS NOT NULL
   ORDER BY g.code`;

interface GridRow {
  id: string;
  code: string;
  name: string;
  path: string[];
  boundary: AreaGeometry;
  centroid_lat: number;
  centroid_lng: number;
  village_name: string | null;
}

/**
 * The grid adjacency of the territory in force, worked out once from the boundaries (queen contiguity, 5 m
 * tolerance) and again whenever any instance writes boundaries (a new territory version, an edit).
 */
@Injectable()
export class GridAdjacencyStore implements OnModuleDestroy {
  private current: Promise<GridAdjacency> | null = null;
  private readonly stop: () => void;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    areaIndex: AreaIndexService,
  ) {
    this.stop = areaIndex.onChange(() => (this.current = null));
  }

  onModuleDestroy(): void {
    this.stop();
  }

  get(): Promise<GridAdjacency> {
    if (!this.current) {
      const loading = this.load();
      this.current = loading;
      loading.catch(() => {
        if (this.current === loading) this.current = null; // the next request tries again
      });
    }
    return this.current;
  }

  private async load(): Promise<GridAdjacency> {
    const rows = (await this.dataSource.query(GRIDS)) as GridRow[];
    const neighbours = adjacencyOf(rows.map((r) => r.boundary));
    const grids = rows.map((r) => ({ id: r.id, code: r.code, name: r.name, path: r.path, villageName: r.village_name, centroid: { lat: r.centroid_lat, lng: r.centroid_lng } }));
    return { grids, neighbours, indexOf: new Map(grids.map((g, i) => [g.id, i])) };
  }
}
