import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { AreaDto, AreaFeatureCollection, AreaLevel, AreaQuery } from '@grid/contracts';
import { Repository, SelectQueryBuilder } from 'typeorm';
import { forbidden, notFound } from '../../common/app-error';
import type { Scope } from '../auth/scope';
import { AreaEntity } from './area.entity';
import { areaScopeCondition } from './area-scope';

const LEVEL_ORDER = "array_position(ARRAY['district','zone','village','grid']::varchar[], a.level)";

@Injectable()
export class AreasService {
  constructor(@InjectRepository(AreaEntity) private readonly areas: Repository<AreaEntity>) {}

  async list(scope: Scope, query: AreaQuery): Promise<AreaDto[]> {
    // Retired areas (gone in the current territory version) stay readable by id, for the cases that point at them.
    const qb = this.scoped(scope).select(['a.id', 'a.code', 'a.name', 'a.level', 'a.parentId', 'a.path', 'a.centroidLat', 'a.centroidLng']).andWhere('a.retired_at IS NULL');
    if (query.level) qb.andWhere('a.level = :level', { level: query.level });
    if (query.parentId) {
      await this.assertVisible(scope, query.parentId, 'parentId');
      qb.andWhere('a.parent_id = :parentId', { parentId: query.parentId });
    }
    const rows = await qb.orderBy(LEVEL_ORDER).addOrderBy('a.code').getMany();
    return rows.map(toAreaDto);
  }

  async get(scope: Scope, id: string): Promise<AreaDto> {
    const row = await this.scoped(scope).andWhere('a.id = :id', { id }).getOne();
    if (!row) throw notFound('area');
    return toAreaDto(row);
  }

  async geojson(scope: Scope, level: AreaLevel | undefined): Promise<AreaFeatureCollection> {
    const rows = await this.withBoundaries(scope, level);
    return {
      type: 'FeatureCollection',
      features: rows.flatMap((a) =>
        a.boundary ? [{ type: 'Feature' as const, id: a.id, geometry: a.boundary, properties: { id: a.id, code: a.code, name: a.name, level: a.level, parentId: a.parentId } }] : [],
      ),
    };
  }

  /** The areas with a boundary in the scope (of one level, or all), district first, then by code. */
  async withBoundaries(scope: Scope, level: AreaLevel | undefined): Promise<AreaEntity[]> {
    const qb = this.scoped(scope).andWhere('a.boundary IS NOT NULL').andWhere('a.retired_at IS NULL');
    if (level) qb.andWhere('a.level = :level', { level });
    return qb.orderBy(LEVEL_ORDER).addOrderBy('a.code').getMany();
  }

  /** A filter naming an area outside the caller's scope is refused, not silently emptied. */
  async assertVisible(scope: Scope, areaId: string, field: string): Promise<void> {
    if (scope.kind !== 'area') {
      if (!(await this.areas.existsBy({ id: areaId }))) throw notFound('area');
      return;
    }
    const visible = await this.scoped(scope).andWhere('a.id = :areaId', { areaId }).getExists();
    if (!visible) throw forbidden(`${field}: this area is outside your scope`);
  }

  private scoped(scope: Scope): SelectQueryBuilder<AreaEntity> {
    const condition = areaScopeCondition('a.id', scope);
    return this.areas.createQueryBuilder('a').where(condition.sql, condition.params);
  }
}

export function toAreaDto(a: AreaEntity): AreaDto {
  return { id: a.id, code: a.code, name: a.name, level: a.level, parentId: a.parentId, path: a.path, centroid: { lat: a.centroidLat, lng: a.centroidLng } };
}
