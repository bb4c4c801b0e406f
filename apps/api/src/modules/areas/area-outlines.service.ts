import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import type { AreaLevel, AreaOutlinesResponse } from '@grid/contracts';
import { encodeOutlines } from '@grid/geo';
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { Scope } from '../auth/scope';
import { AreaIndexService } from './area-index.service';
import { AreasService } from './areas.service';

/** One built answer: the JSON, the same gzipped, and the tag that names its content. */
export interface BuiltOutlines {
  etag: string;
  body: Buffer;
  gzipped: Buffer;
}

/** Answers kept per scope and level; the district-wide grid answer is the one that matters (about 1 MB). */
const KEEP = 64;
const gzipAsync = promisify(gzip);

/**
 * GET /api/areas/outlines: the boundaries of a level, quantized and delta-encoded (a third of their
 * GeoJSON), built once per territory version and scope instead of per request, gzipped once too, and
 * tagged by their content, so a reload revalidates with a 304 and every instance gives the same tag.
 * Boundaries change only through TerritoryWriter, whose notice (areas_changed) empties the cache on
 * every instance; the district's grids are built again at once, before a wall asks for them.
 */
@Injectable()
export class AreaOutlinesService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(AreaOutlinesService.name);
  private readonly built = new Map<string, Promise<BuiltOutlines>>();
  private stopHearing: (() => void) | null = null;

  constructor(
    private readonly areas: AreasService,
    private readonly areaIndex: AreaIndexService,
  ) {}

  onApplicationBootstrap(): void {
    this.stopHearing = this.areaIndex.onChange(() => {
      this.built.clear();
      this.warm();
    });
    this.warm();
  }

  onModuleDestroy(): void {
    this.stopHearing?.();
  }

  get(scope: Scope, level: AreaLevel): Promise<BuiltOutlines> {
    // Areas are scoped by area only: other scopes see the whole territory (areaScopeCondition).
    const key = `${level}:${scope.kind === 'area' ? scope.areaIds.join(',') : 'all'}`;
    let answer = this.built.get(key);
    if (answer) {
      // Most recently used last: the first key is the one to drop.
      this.built.delete(key);
    } else {
      answer = this.build(scope, level);
      answer.catch(() => this.built.get(key) === answer && this.built.delete(key));
    }
    this.built.set(key, answer);
    if (this.built.size > KEEP) this.built.delete(this.built.keys().next().value as string);
    return answer;
  }

  private warm(): void {
    this.get({ kind: 'all' }, 'grid').catch((error: unknown) => this.logger.warn(`outlines not prepared: ${error instanceof Error ? error.message : String(error)}`));
  }

  private async build(scope: Scope, level: AreaLevel): Promise<BuiltOutlines> {
    const rows = await this.areas.withBoundaries(scope, level);
    const parents = new Map<string, number>();
    const answer: AreaOutlinesResponse = {
      level,
      ids: rows.map((a) => a.id),
      codes: rows.map((a) => a.code),
      names: rows.map((a) => a.name),
      parent: rows.map((a) => {
        if (!a.parentId) return -1;
        let index = parents.get(a.parentId);
        if (index === undefined) {
          index = parents.size;
          parents.set(a.parentId, index);
        }
        return index;
      }),
      parents: [],
      ...encodeOutlines(rows.flatMap((a) => (a.boundary ? [a.boundary] : []))),
    };
    // An area's path ends with its parent: the parent's own path is the rest.
    const pathOf = new Map(rows.flatMap((a) => (a.parentId ? [[a.parentId, a.path.slice(0, -1)] as const] : [])));
    answer.parents = [...parents.keys()].map((id) => ({ id, path: pathOf.get(id) ?? [] }));
    const body = Buffer.from(JSON.stringify(answer));
    const etag = `W/"outlines-${createHash('sha1').update(body).digest('base64url').slice(0, 22)}"`;
    return { etag, body, gzipped: await gzipAsync(body) };
  }
}
