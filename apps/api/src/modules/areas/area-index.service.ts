import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { AreaDto, LatLng } from '@grid/contracts';
import { AreaIndex } from '@grid/geo';
import { In, IsNull, Not, Repository } from 'typeorm';
import { DATABASE_URL } from '../../database/database.module';
import { listen } from '../../database/pg-listener';
import { AreaEntity } from './area.entity';
import { toAreaDto } from './areas.service';

/** Postgres channel on which a boundary change is announced, so every instance rebuilds its index. */
export const AREAS_CHANGED_CHANNEL = 'areas_changed';

export interface Location {
  grid: AreaDto;
  /** District, zone, village: the grid's ancestors, root first. */
  ancestors: AreaDto[];
}

/**
 * Point → grid in microseconds: an in-memory AreaIndex of every grid boundary, rebuilt at boot and
 * whenever any instance writes boundaries (LISTEN/NOTIFY), never queried per point from the database.
 */
@Injectable()
export class AreaIndexService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(AreaIndexService.name);
  private index = AreaIndex.build([]);
  /** Each grid's ancestors (district, zone, village), kept with the index so routing needs no query. */
  private ancestors = new Map<string, string[]>();
  private stopListening: (() => Promise<void>) | null = null;
  private rebuilding: Promise<void> | null = null;
  /** Others that keep something derived from the boundaries (the outlines), told on the same notice. */
  private readonly changeListeners = new Set<() => void>();

  constructor(
    @InjectRepository(AreaEntity) private readonly areas: Repository<AreaEntity>,
    @Inject(DATABASE_URL) private readonly databaseUrl: string,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.rebuild();
    this.stopListening = await listen(this.databaseUrl, AREAS_CHANGED_CHANNEL, () => this.changed(), this.logger);
  }

  /** Calls `listener` whenever any instance has written boundaries (one LISTEN connection serves all). */
  onChange(listener: () => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  private changed(): void {
    void this.rebuild();
    this.changeListeners.forEach((listener) => listener());
  }

  async onModuleDestroy(): Promise<void> {
    await this.stopListening?.();
  }

  get size(): number {
    return this.index.size;
  }

  /** Rebuilds from the database; concurrent calls share one rebuild. */
  rebuild(): Promise<void> {
    this.rebuilding ??= (async () => {
      try {
        const grids = await this.areas.find({ select: { id: true, boundary: true, path: true }, where: { level: 'grid', boundary: Not(IsNull()), retiredAt: IsNull() }, order: { code: 'ASC' } });
        this.index = AreaIndex.build(grids.flatMap((g) => (g.boundary ? [{ id: g.id, boundary: g.boundary }] : [])));
        this.ancestors = new Map(grids.map((g) => [g.id, g.path]));
      } finally {
        this.rebuilding = null;
      }
    })();
    return this.rebuilding;
  }

  /** The grid id containing the point, or null outside every grid. */
  locateGridId(point: LatLng): string | null {
    return this.index.locate(point);
  }

  /** The grid containing the point with its area path [district, zone, village, grid], or null. */
  locatePath(point: LatLng): string[] | null {
    const gridId = this.index.locate(point);
    const ancestors = gridId ? this.ancestors.get(gridId) : undefined;
    return gridId && ancestors ? [...ancestors, gridId] : null;
  }

  async locate(point: LatLng): Promise<Location | null> {
    const gridId = this.locateGridId(point);
    if (!gridId) return null;
    const grid = await this.areas.findOneByOrFail({ id: gridId });
    const ancestors = await this.areas.findBy({ id: In(grid.path) });
    ancestors.sort((a, b) => grid.path.indexOf(a.id) - grid.path.indexOf(b.id));
    return { grid: toAreaDto(grid), ancestors: ancestors.map(toAreaDto) };
  }
}
