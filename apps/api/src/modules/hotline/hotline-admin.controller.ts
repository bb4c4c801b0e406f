import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { categoryMappingDtoSchema, categoryMappingListSchema, hotlineImportFormSchema, hotlineImportResultSchema, putCategoryMappingSchema, type CategoryMappingDto, type HotlineImportResult } from '@grid/contracts';
import type { z } from 'zod';
import { ApiContract } from '../../common/api-contract.decorator';
import { ZodValidationPipe } from '../../common/zod-validation.pipe';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import { HotlineCategoryMappings } from './category-mappings.service';
import { MAX_IMPORT_BYTES } from './work-order-import';
import { WorkOrderService } from './work-orders.service';
import { invalid } from '../../common/app-error';

/** The hotline's administration: batch import of work orders, and its category mapping. */
@ApiTags('admin')
@Controller('admin')
@Roles('admin')
export class HotlineAdminController {
  constructor(
    private readonly mappings: HotlineCategoryMappings,
    private readonly orders: WorkOrderService,
  ) {}

  /** multipart `file` (.xlsx, ≤ 10 MB, ≤ 5,000 rows) and `clientId` (the hotline the export comes from). */
  @Post('hotline/imports')
  @ApiOperation({ summary: 'Import hotline work orders from an .xlsx export (rows checked and reported; each row through the same intake)' })
  @ApiContract({ upload: { file: 'file', fields: hotlineImportFormSchema }, response: hotlineImportResultSchema, status: 201 })
  @Roles('admin', 'operator')
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: MAX_IMPORT_BYTES, files: 1, fields: 5 } }))
  async importOrders(
    @CurrentUser() user: AuthUser,
    @UploadedFile() file: Express.Multer.File | undefined,
    @Body(new ZodValidationPipe(hotlineImportFormSchema)) form: z.output<typeof hotlineImportFormSchema>,
  ): Promise<HotlineImportResult> {
    if (!file) throw invalid('a file is required (multipart field "file")', { file: 'required' });
    return this.orders.importSheet(user, form.clientId, file.buffer);
  }

  @Get('hotline/category-mappings')
  @ApiOperation({ summary: 'The mapping of the hotline’s category names to our categories' })
  @ApiContract({ response: categoryMappingListSchema })
  @Roles('admin', 'operator')
  mappingList(): Promise<CategoryMappingDto[]> {
    return this.mappings.list();
  }

  @Put('hotline/category-mappings/:hotlineCategory')
  @ApiOperation({ summary: 'Map one hotline category name to one of our categories' })
  @ApiContract({ body: putCategoryMappingSchema, response: categoryMappingDtoSchema })
  putMapping(
    @CurrentUser() user: AuthUser,
    @Param('hotlineCategory') hotlineCategory: string,
    @Body(new ZodValidationPipe(putCategoryMappingSchema)) body: z.output<typeof putCategoryMappingSchema>,
  ): Promise<CategoryMappingDto> {
    return this.mappings.put(user, hotlineCategory, body.categoryCode);
  }

  @Delete('hotline/category-mappings/:hotlineCategory')
  @ApiOperation({ summary: 'Remove a hotline category mapping (its orders then open under the default and are flagged)' })
  @ApiContract({ status: 204 })
  @HttpCode(204)
  removeMapping(@CurrentUser() user: AuthUser, @Param('hotlineCategory') hotlineCategory: string): Promise<void> {
    return this.mappings.remove(user, hotlineCategory);
  }
}
