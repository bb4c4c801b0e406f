import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query, Req, UploadedFile, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  MAX_TERRITORY_FILE_BYTES,
  territoryApplyResultSchema,
  territoryApplySchema,
  territoryCompareDtoSchema,
  territoryCompareQuerySchema,
  territoryEditSchema,
  territoryImportDtoSchema,
  territoryImportFormSchema,
  territoryImportPreviewSchema,
  territoryMappingSchema,
  territoryStaffingListSchema,
  territoryVersionListSchema,
  type TerritoryApplyDto,
  type TerritoryCompareDto,
  type TerritoryEditRequest,
  type TerritoryImportDto,
  type TerritoryImportPreviewDto,
  type TerritoryMapping,
  type TerritoryStaffingRowDto,
  type TerritoryVersionDto,
} from '@grid/contracts';
import type { Request } from 'express';
// Brings in the Express.Multer.File type (tsconfig lists only node's global types).
import type {} from 'multer';
import type { z } from 'zod';
import { invalid } from '../../common/app-error';
import { ApiContract } from '../../common/api-contract.decorator';
import { singleFileUpload } from '../../common/upload-limit';
import { ZodValidationPipe } from '../../common/zod-validation.pipe';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import { TerritoryEditsService } from './territory-edits.service';
import { TerritoryImportsService, type TerritoryActor } from './territory-imports.service';
import { TerritoryVersionsService } from './territory-versions.service';

const UPLOAD = singleFileUpload(MAX_TERRITORY_FILE_BYTES, 'split the territory into several files or simplify its boundaries');

const actorOf = (user: AuthUser, req: Request): TerritoryActor => ({ id: user.id, username: user.username, ip: req.ip ?? null });

@ApiTags('territory')
@ApiBearerAuth()
@Controller('admin/territory')
@Roles('admin')
export class AdminTerritoryController {
  constructor(
    private readonly imports: TerritoryImportsService,
    private readonly edits: TerritoryEditsService,
    private readonly versions: TerritoryVersionsService,
  ) {}

  @Post('imports')
  @UseInterceptors(...UPLOAD)
  @ApiConsumes('multipart/form-data')
  @ApiOperation({ summary: 'Check a territory file (GeoJSON, KML or zipped Shapefile ≤ 50 MB; crs wgs84|gcj02|bd09; optional mapping JSON): its problems, each with area code and point; nothing is applied' })
  @ApiContract({ upload: { file: 'file', fields: territoryImportFormSchema }, response: territoryImportDtoSchema, status: 201 })
  create(
    @CurrentUser() user: AuthUser,
    @Req() req: Request,
    @UploadedFile() file: Express.Multer.File | undefined,
    @Body(new ZodValidationPipe(territoryImportFormSchema)) form: z.infer<typeof territoryImportFormSchema>,
  ): Promise<TerritoryImportDto> {
    if (!file || file.size === 0) throw invalid('a territory file is required (multipart field "file")', { file: 'required' });
    return this.imports.create(actorOf(user, req), { bytes: new Uint8Array(file.buffer), name: file.originalname }, form.crs, form.mapping);
  }

  @Get('imports/:id')
  @ApiOperation({ summary: 'A territory import with its problems' })
  @ApiContract({ response: territoryImportDtoSchema })
  get(@Param('id', new ParseUUIDPipe()) id: string): Promise<TerritoryImportDto> {
    return this.imports.get(id);
  }

  @Put('imports/:id/mapping')
  @ApiOperation({ summary: 'Map the import’s properties differently (code, name, level, parent, population, households, staffQuota) and check it again' })
  @ApiContract({ body: territoryMappingSchema, response: territoryImportDtoSchema })
  remap(@CurrentUser() user: AuthUser, @Req() req: Request, @Param('id', new ParseUUIDPipe()) id: string, @Body(new ZodValidationPipe(territoryMappingSchema)) mapping: TerritoryMapping): Promise<TerritoryImportDto> {
    return this.imports.remap(actorOf(user, req), id, mapping);
  }

  @Get('imports/:id/preview')
  @ApiOperation({ summary: 'The import’s areas as GeoJSON, and the open cases whose location it moves to another grid' })
  @ApiContract({ response: territoryImportPreviewSchema })
  preview(@Param('id', new ParseUUIDPipe()) id: string): Promise<TerritoryImportPreviewDto> {
    return this.imports.preview(id);
  }

  @Post('imports/:id/apply')
  @HttpCode(200)
  @ApiOperation({ summary: 'Apply a valid import as the next territory version (409 while errors remain); with reroute: true, the open cases it moves get a rerouted event and their new grid, else they keep their grid' })
  @ApiContract({ body: territoryApplySchema, response: territoryApplyResultSchema })
  apply(@CurrentUser() user: AuthUser, @Req() req: Request, @Param('id', new ParseUUIDPipe()) id: string, @Body(new ZodValidationPipe(territoryApplySchema)) body: z.infer<typeof territoryApplySchema>): Promise<TerritoryApplyDto> {
    return this.imports.apply(actorOf(user, req), id, body.reroute);
  }

  @Post('edits')
  @ApiOperation({
    summary:
      'Check one boundary edited on the map — move (a new boundary), split (a grid cut along a line; the new grid gets the village’s next free code) or merge (two neighbouring grids of one village) — as a territory import of the whole territory after it: preview and apply it with imports/:id/preview and imports/:id/apply; 400 with the field at fault when the edit cannot be made',
  })
  @ApiContract({ body: territoryEditSchema, status: 201 })
  edit(@CurrentUser() user: AuthUser, @Req() req: Request, @Body(new ZodValidationPipe(territoryEditSchema)) edit: TerritoryEditRequest): Promise<TerritoryImportDto> {
    return this.edits.create(actorOf(user, req), edit);
  }

  @Get('staffing')
  @ApiOperation({ summary: 'Population, households, staffing quota and staff per 1,000 residents per village and zone' })
  @ApiContract({ response: territoryStaffingListSchema })
  staffing(): Promise<TerritoryStaffingRowDto[]> {
    return this.versions.staffing();
  }
}

@ApiTags('territory')
@ApiBearerAuth()
@Controller('territory')
@Roles('admin', 'zone_leader', 'operator', 'assessor')
export class TerritoryController {
  constructor(private readonly versions: TerritoryVersionsService) {}

  @Get('versions')
  @ApiOperation({ summary: 'Every territory version, newest first' })
  @ApiContract({ response: territoryVersionListSchema })
  list(): Promise<TerritoryVersionDto[]> {
    return this.versions.list();
  }

  @Get('versions/compare')
  @ApiOperation({ summary: 'Areas added, removed and changed between two versions' })
  @ApiContract({ query: territoryCompareQuerySchema, response: territoryCompareDtoSchema })
  compare(@Query(new ZodValidationPipe(territoryCompareQuerySchema)) query: z.infer<typeof territoryCompareQuerySchema>): Promise<TerritoryCompareDto> {
    return this.versions.compare(query.from, query.to);
  }
}
