import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
// Brings in the Express.Multer.File type.
import type {} from 'multer';
import {
  createLeaveSchema,
  createPatternSchema,
  createShiftSchema,
  leaveDtoSchema,
  leaveListQuerySchema,
  MAX_ROTA_FILE_BYTES,
  patternDtoSchema,
  ROTA_EDITOR_ROLES,
  rotaImportDtoSchema,
  shiftDtoSchema,
  shiftListQuerySchema,
  updateShiftSchema,
  type LeaveDto,
  type PatternDto,
  type RotaImportDto,
  type ShiftDto,
  type ShiftListQuery,
} from '@grid/contracts';
import { z } from 'zod';
import { ApiContract } from '../../common/api-contract.decorator';
import { singleFileUpload } from '../../common/upload-limit';
import { ZodValidationPipe } from '../../common/zod-validation.pipe';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import { RotaAdminService, type LeaveInput, type PatternInput, type ShiftInput } from './rota-admin.service';
import { assertXlsx, importerOf, RotaImportService } from './rota-import.service';
import { rotaTemplate } from './rota-workbook';

const UPLOAD = singleFileUpload(MAX_ROTA_FILE_BYTES, 'a district’s year of shifts is far smaller: is it the right file?');

const placeQuerySchema = z
  .object({ areaId: z.uuid().optional(), departmentId: z.uuid().optional() })
  .refine((v) => !v.areaId !== !v.departmentId, { message: 'give exactly one of areaId and departmentId', path: ['areaId'] });

/** The rota's editing (DESIGN §7a): administrators anywhere, zone leaders in their own zone; every change audited. */
@ApiTags('rota')
@ApiBearerAuth()
@Controller('admin')
@Roles(...ROTA_EDITOR_ROLES)
export class RotaAdminController {
  constructor(
    private readonly rota: RotaAdminService,
    private readonly imports: RotaImportService,
  ) {}

  @Get('rota/template')
  @ApiOperation({ summary: 'The rota import template (.xlsx): the columns, example rows and notes' })
  @ApiContract({ produces: { 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { type: 'string', format: 'binary' } }, description: 'The template workbook' })
  async template(@Res() res: Response): Promise<void> {
    res.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    res.setHeader('Content-Disposition', 'attachment; filename="rota-template.xlsx"');
    res.send(await rotaTemplate());
  }

  @Post('rota/imports')
  @UseInterceptors(...UPLOAD)
  @ApiConsumes('multipart/form-data')
  @ApiOperation({ summary: 'Upload a rota workbook (.xlsx ≤ 5 MB): every row checked (row, column, reason); nothing applied yet' })
  @ApiContract({ upload: { file: 'file', fields: z.object({}) }, response: rotaImportDtoSchema, status: 201 })
  checkImport(@CurrentUser() user: AuthUser, @UploadedFile() file: Express.Multer.File | undefined): Promise<RotaImportDto> {
    const checked = assertXlsx(file);
    return this.imports.check(importerOf(user), checked.originalname, checked.buffer);
  }

  @Post('rota/imports/:id/apply')
  @HttpCode(200)
  @ApiOperation({ summary: 'Apply a valid rota import, all rows or none (409 while it has problems or once applied)' })
  @ApiContract({ response: rotaImportDtoSchema })
  applyImport(@CurrentUser() user: AuthUser, @Param('id', new ParseUUIDPipe()) id: string): Promise<RotaImportDto> {
    return this.imports.apply(importerOf(user), id);
  }

  @Get('shifts')
  @ApiOperation({ summary: 'Shifts of a grid or department in [from, to): one-off shifts and the weekly patterns’ occurrences (patternId set)' })
  @ApiContract({ query: shiftListQuerySchema, response: z.array(shiftDtoSchema) })
  listShifts(@CurrentUser() user: AuthUser, @Query(new ZodValidationPipe(shiftListQuerySchema)) query: ShiftListQuery): Promise<ShiftDto[]> {
    return this.rota.listShifts(user, query);
  }

  @Post('shifts')
  @ApiOperation({ summary: 'Add a one-off shift {userId, areaId | departmentId, start, end} (ISO times); 409 when it overlaps another of the person’s' })
  @ApiContract({ body: createShiftSchema, response: shiftDtoSchema, status: 201 })
  createShift(@CurrentUser() user: AuthUser, @Body(new ZodValidationPipe(createShiftSchema)) body: ShiftInput): Promise<ShiftDto> {
    return this.rota.createShift(user, body);
  }

  @Put('shifts/:id')
  @ApiOperation({ summary: 'Replace a one-off shift' })
  @ApiContract({ body: updateShiftSchema, response: shiftDtoSchema })
  updateShift(@CurrentUser() user: AuthUser, @Param('id', new ParseUUIDPipe()) id: string, @Body(new ZodValidationPipe(updateShiftSchema)) body: ShiftInput): Promise<ShiftDto> {
    return this.rota.updateShift(user, id, body);
  }

  @Delete('shifts/:id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a one-off shift' })
  @ApiContract({ status: 204 })
  deleteShift(@CurrentUser() user: AuthUser, @Param('id', new ParseUUIDPipe()) id: string): Promise<void> {
    return this.rota.deleteShift(user, id);
  }

  @Get('shift-patterns')
  @ApiOperation({ summary: 'Weekly patterns of a grid or department' })
  @ApiContract({ query: placeQuerySchema, response: z.array(patternDtoSchema) })
  listPatterns(@CurrentUser() user: AuthUser, @Query(new ZodValidationPipe(placeQuerySchema)) query: z.output<typeof placeQuerySchema>): Promise<PatternDto[]> {
    return this.rota.listPatterns(user, query);
  }

  @Post('shift-patterns')
  @ApiOperation({ summary: 'Add a weekly pattern (weekdays, HH:MM start and end local; an end at or before the start runs overnight; skipDates are the exceptions)' })
  @ApiContract({ body: createPatternSchema, response: patternDtoSchema, status: 201 })
  createPattern(@CurrentUser() user: AuthUser, @Body(new ZodValidationPipe(createPatternSchema)) body: PatternInput): Promise<PatternDto> {
    return this.rota.createPattern(user, body);
  }

  @Put('shift-patterns/:id')
  @ApiOperation({ summary: 'Replace a weekly pattern (e.g. add an exception to skipDates)' })
  @ApiContract({ body: createPatternSchema, response: patternDtoSchema })
  updatePattern(@CurrentUser() user: AuthUser, @Param('id', new ParseUUIDPipe()) id: string, @Body(new ZodValidationPipe(createPatternSchema)) body: PatternInput): Promise<PatternDto> {
    return this.rota.updatePattern(user, id, body);
  }

  @Delete('shift-patterns/:id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a weekly pattern' })
  @ApiContract({ status: 204 })
  deletePattern(@CurrentUser() user: AuthUser, @Param('id', new ParseUUIDPipe()) id: string): Promise<void> {
    return this.rota.deletePattern(user, id);
  }

  @Get('leaves')
  @ApiOperation({ summary: 'Leave overlapping [from, to) of the people of an area (a zone leader: their zone)' })
  @ApiContract({ query: leaveListQuerySchema, response: z.array(leaveDtoSchema) })
  listLeaves(@CurrentUser() user: AuthUser, @Query(new ZodValidationPipe(leaveListQuerySchema)) query: z.output<typeof leaveListQuerySchema>): Promise<LeaveDto[]> {
    return this.rota.listLeaves(user, query);
  }

  @Post('leaves')
  @ApiOperation({ summary: 'Record leave {userId, start, end, substituteId?, reason?}: the substitute stands in for the person’s duty' })
  @ApiContract({ body: createLeaveSchema, response: leaveDtoSchema, status: 201 })
  createLeave(@CurrentUser() user: AuthUser, @Body(new ZodValidationPipe(createLeaveSchema)) body: LeaveInput): Promise<LeaveDto> {
    return this.rota.createLeave(user, body);
  }

  @Delete('leaves/:id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete leave' })
  @ApiContract({ status: 204 })
  deleteLeave(@CurrentUser() user: AuthUser, @Param('id', new ParseUUIDPipe()) id: string): Promise<void> {
    return this.rota.deleteLeave(user, id);
  }
}
