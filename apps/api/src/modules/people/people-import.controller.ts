import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { MAX_PEOPLE_FILE_BYTES, peopleImportApplyResponseSchema, peopleImportResponseSchema, templateQuerySchema, type PeopleImportApplyResponse, type PeopleImportResponse } from '@grid/contracts';
import type { Response } from 'express';
import type {} from 'multer';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { invalid } from '../../common/app-error';
import { ApiContract } from '../../common/api-contract.decorator';
import { singleFileUpload } from '../../common/upload-limit';
import { ZodValidationPipe } from '../../common/zod-validation.pipe';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import { PeopleAdminService } from './people-admin.service';
import { PeopleImportService } from './people-import.service';
import { templateCsv, templateXlsx } from './people-template';

const UPLOAD = singleFileUpload(MAX_PEOPLE_FILE_BYTES, 'split the list into several files');

/** Registered before the people controller, whose `:id` would otherwise take `template` and `imports`. */
@ApiTags('admin: people')
@ApiBearerAuth()
@Roles('admin')
@Controller('admin/people')
export class PeopleImportController {
  constructor(
    private readonly imports: PeopleImportService,
    private readonly people: PeopleAdminService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  @Get('template')
  @ApiOperation({ summary: 'The import template (.xlsx or .csv in UTF-8): one row per post, rows with the same phone are one person' })
  @ApiContract({ produces: { 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { type: 'string', format: 'binary' }, 'text/csv': { type: 'string' } }, description: 'The template, as format= asks' })
  @ApiQuery({ name: 'format', required: false, enum: ['xlsx', 'csv'] })
  async template(@Query(new ZodValidationPipe(templateQuerySchema)) query: { format: 'xlsx' | 'csv' }, @Res() res: Response): Promise<void> {
    const [example] = (await this.dataSource.query(
      `SELECT g.code AS "gridCode", v.code AS "villageCode", (SELECT code FROM departments ORDER BY code LIMIT 1) AS "departmentCode"
       FROM areas g JOIN areas v ON v.id = g.parent_id WHERE g.level = 'grid' ORDER BY g.code LIMIT 1`,
    )) as { gridCode: string; villageCode: string; departmentCode: string | null }[];
    const codes = { gridCode: example?.gridCode ?? '', villageCode: example?.villageCode ?? '', departmentCode: example?.departmentCode ?? '' };
    const body = query.format === 'csv' ? templateCsv(codes) : await templateXlsx(codes, await this.people.postTypes());
    res.setHeader('Content-Type', query.format === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    res.setHeader('Content-Disposition', `attachment; filename="people-template.${query.format}"`);
    res.send(body);
  }

  @Post('imports')
  @UseInterceptors(...UPLOAD)
  @ApiOperation({ summary: 'Check a people file (.xlsx, or .csv in UTF-8 or GBK): every problem with its row and column; nothing is created yet' })
  @ApiContract({ upload: { file: 'file', fields: z.object({}) }, response: peopleImportResponseSchema, status: 201 })
  check(@CurrentUser() user: AuthUser, @UploadedFile() file: Express.Multer.File | undefined): Promise<PeopleImportResponse> {
    if (!file) throw invalid('upload the file as the multipart field "file"', { file: 'required' });
    return this.imports.check({ id: user.id, username: user.username }, file);
  }

  @Get('imports/:id')
  @ApiOperation({ summary: 'A checked import and its problems' })
  @ApiContract({ response: peopleImportResponseSchema })
  get(@Param('id', new ParseUUIDPipe()) id: string): Promise<PeopleImportResponse> {
    return this.imports.get(id);
  }

  @Post('imports/:id/apply')
  @HttpCode(200)
  @ApiOperation({ summary: 'Create every person and post of a valid import in one transaction (409 while problems remain); answers the one-time passwords, once' })
  @ApiContract({ response: peopleImportApplyResponseSchema })
  apply(@CurrentUser() user: AuthUser, @Param('id', new ParseUUIDPipe()) id: string): Promise<PeopleImportApplyResponse> {
    return this.imports.apply({ id: user.id, username: user.username }, id);
  }
}
