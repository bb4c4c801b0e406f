import { Controller, Get } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { USER_LISTING_ROLES, type WorkerPosition, workerPositionSchema } from '@grid/contracts';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { ApiContract } from '../../common/api-contract.decorator';
import { areaScopeCondition } from '../areas/area-scope';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import { scopeOf } from '../auth/scope';

/** Positions older than this are not shown: the worker is off duty or offline. */
const FRESH_HOURS = 12;

@ApiTags('workers')
@ApiBearerAuth()
@Controller('workers')
export class PositionsController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @Get('positions')
  @Roles(...USER_LISTING_ROLES)
  @ApiOperation({ summary: 'Last known positions of field workers in the caller’s scope (the wall after a reload); live updates come over the socket' })
  @ApiContract({ response: z.array(workerPositionSchema) })
  async positions(@CurrentUser() user: AuthUser): Promise<WorkerPosition[]> {
    const userScope = scopeOf(user);
    // Departments see every area, but not the territory's field staff: only their own people (as on the live channel).
    const scope = userScope.kind === 'department' ? { sql: 'u.department_id IN (:...departmentIds)', params: { departmentIds: userScope.departmentIds } } : areaScopeCondition('u.area_id', userScope);
    const rows = await this.dataSource
      .createQueryBuilder()
      .select(['p.user_id AS "userId"', 'u.display_name AS "displayName"', 'u.area_id AS "areaId"', 'p.lat AS lat', 'p.lng AS lng', 'p.accuracy AS accuracy', 'p.at AS at'])
      .from('worker_positions', 'p')
      .innerJoin('users', 'u', 'u.id = p.user_id')
      .where(scope.sql, scope.params)
      .andWhere(`p.at > now() - interval '${FRESH_HOURS} hours'`)
      .getRawMany<Omit<WorkerPosition, 'at'> & { at: Date }>();
    return rows.map((r) => ({ ...r, at: r.at.toISOString() }));
  }
}
