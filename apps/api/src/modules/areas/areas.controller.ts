import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { AREA_LEVELS, areaQuerySchema, geojsonQuerySchema, latLngSchema, type AreaDto, type AreaFeatureCollection, type AreaQuery, type LatLng, type LocateResponse } from '@grid/contracts';
import { notFound } from '../../common/app-error';
import type { z } from 'zod';
import { ZodValidationPipe } from '../../common/zod-validation.pipe';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/auth.decorators';
import { scopeOf } from '../auth/scope';
import { AreaIndexService } from './area-index.service';
import { AreasService } from './areas.service';

@ApiTags('areas')
@ApiBearerAuth()
@Controller('areas')
export class AreasController {
  constructor(
    private readonly areas: AreasService,
    private readonly areaIndex: AreaIndexService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Areas in the caller’s scope' })
  @ApiQuery({ name: 'level', required: false, enum: AREA_LEVELS })
  @ApiQuery({ name: 'parentId', required: false, format: 'uuid' })
  list(@CurrentUser() user: AuthUser, @Query(new ZodValidationPipe(areaQuerySchema)) query: AreaQuery): Promise<AreaDto[]> {
    return this.areas.list(scopeOf(user), query);
  }

  @Get('geojson')
  @ApiOperation({ summary: 'Boundaries in the caller’s scope as a GeoJSON FeatureCollection' })
  @ApiQuery({ name: 'level', required: false, enum: AREA_LEVELS })
  geojson(@CurrentUser() user: AuthUser, @Query(new ZodValidationPipe(geojsonQuerySchema)) query: z.infer<typeof geojsonQuerySchema>): Promise<AreaFeatureCollection> {
    return this.areas.geojson(scopeOf(user), query.level);
  }

  @Get('locate')
  @ApiOperation({ summary: 'The grid (and its ancestors) a point falls in; 404 outside the territory' })
  @ApiQuery({ name: 'lat', type: Number })
  @ApiQuery({ name: 'lng', type: Number })
  async locate(@Query(new ZodValidationPipe(latLngSchema)) point: LatLng): Promise<LocateResponse> {
    const location = await this.areaIndex.locate(point);
    if (!location) throw notFound('grid at this location');
    return location;
  }

  @Get(':id')
  @ApiOperation({ summary: 'One area (404 outside the caller’s scope)' })
  get(@CurrentUser() user: AuthUser, @Param('id', new ParseUUIDPipe()) id: string): Promise<AreaDto> {
    return this.areas.get(scopeOf(user), id);
  }
}
