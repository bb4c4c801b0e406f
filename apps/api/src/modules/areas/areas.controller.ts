import { Controller, Get, Headers, Param, ParseUUIDPipe, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  areaDtoSchema,
  areaFeatureCollectionSchema,
  areaOutlinesQuerySchema,
  areaOutlinesResponseSchema,
  areaQuerySchema,
  geojsonQuerySchema,
  latLngSchema,
  locateResponseSchema,
  type AreaDto,
  type AreaFeatureCollection,
  type AreaOutlinesQuery,
  type AreaQuery,
  type LatLng,
  type LocateResponse,
} from '@grid/contracts';
import type { Request, Response } from 'express';
import { ApiContract } from '../../common/api-contract.decorator';
import { notFound } from '../../common/app-error';
import { etagMatches } from '../../common/etag';
import { z } from 'zod';
import { ZodValidationPipe } from '../../common/zod-validation.pipe';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/auth.decorators';
import { scopeOf } from '../auth/scope';
import { AreaIndexService } from './area-index.service';
import { AreaOutlinesService } from './area-outlines.service';
import { AreasService } from './areas.service';

@ApiTags('areas')
@ApiBearerAuth()
@Controller('areas')
export class AreasController {
  constructor(
    private readonly areas: AreasService,
    private readonly areaIndex: AreaIndexService,
    private readonly outlines: AreaOutlinesService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Areas in the caller’s scope' })
  @ApiContract({ query: areaQuerySchema, response: z.array(areaDtoSchema) })
  list(@CurrentUser() user: AuthUser, @Query(new ZodValidationPipe(areaQuerySchema)) query: AreaQuery): Promise<AreaDto[]> {
    return this.areas.list(scopeOf(user), query);
  }

  @Get('geojson')
  @ApiOperation({ summary: 'Boundaries in the caller’s scope as a GeoJSON FeatureCollection' })
  @ApiContract({ query: geojsonQuerySchema, response: areaFeatureCollectionSchema })
  geojson(@CurrentUser() user: AuthUser, @Query(new ZodValidationPipe(geojsonQuerySchema)) query: z.infer<typeof geojsonQuerySchema>): Promise<AreaFeatureCollection> {
    return this.areas.geojson(scopeOf(user), query.level);
  }

  @Get('outlines')
  @ApiOperation({ summary: 'Boundaries of one level in the caller’s scope, compact (quantized, delta-encoded, column-wise) for maps of thousands of areas (ETag / If-None-Match)' })
  @ApiContract({ query: areaOutlinesQuerySchema, response: areaOutlinesResponseSchema })
  @ApiHeader({ name: 'If-None-Match', required: false, description: 'The ETag of a copy the caller holds: 304 when the boundaries did not change' })
  async outlinesOf(
    @CurrentUser() user: AuthUser,
    @Query(new ZodValidationPipe(areaOutlinesQuerySchema)) query: AreaOutlinesQuery,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const answer = await this.outlines.get(scopeOf(user), query.level);
    // Private: the answer depends on who asks; no-cache: the browser revalidates with the ETag every time.
    res.setHeader('Cache-Control', 'private, no-cache');
    res.setHeader('ETag', answer.etag);
    res.setHeader('Vary', 'Accept-Encoding');
    if (etagMatches(ifNoneMatch, answer.etag)) {
      res.status(304).end();
      return;
    }
    res.type('application/json');
    // Gzipped once when built: a tenth of the bytes on a wall's network at no cost per request.
    if (req.acceptsEncodings('gzip') === 'gzip') res.setHeader('Content-Encoding', 'gzip').send(answer.gzipped);
    else res.send(answer.body);
  }

  @Get('locate')
  @ApiOperation({ summary: 'The grid (and its ancestors) a point falls in; 404 outside the territory' })
  @ApiContract({ query: latLngSchema, response: locateResponseSchema })
  async locate(@Query(new ZodValidationPipe(latLngSchema)) point: LatLng): Promise<LocateResponse> {
    const location = await this.areaIndex.locate(point);
    if (!location) throw notFound('grid at this location');
    return location;
  }

  @Get(':id')
  @ApiOperation({ summary: 'One area (404 outside the caller’s scope)' })
  @ApiContract({ response: areaDtoSchema })
  get(@CurrentUser() user: AuthUser, @Param('id', new ParseUUIDPipe()) id: string): Promise<AreaDto> {
    return this.areas.get(scopeOf(user), id);
  }
}
