import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { categoryMappingDtoSchema, categoryMappingListSchema, createdIntegrationClientSchema, createIntegrationClientSchema, hotlineImportFormSchema, hotlineImportResultSchema, integrationClientDtoSchema, integrationClientListSchema, putCategoryMappingSchema, type CategoryMappingDto, type CreatedIntegrationClient, type HotlineImportResult, type IntegrationClientDto } from '@grid/contracts';
import type { z } from 'zod';
import { ApiContract } from '../../common/api-contract.decorator';
import { ZodValidationPipe } from '../../common/zod-validation.pipe';
import { AuditLog } from '../audit/audit-log.service';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import { HotlineCategoryMappings } from './category-mappings.service';
import { IntegrationClientService } from './integration-clients.service';
import { MAX_IMPORT_BYTES } from './work-order-import';
import { WorkOrderService } from './work-orders.service';
import { invalid } from '../../common/app-error';

/** Administration of the systems that talk to ours, and of the hotline's category mapping. */
@ApiTags('admin')
@Controller('admin')
@Roles('admin')
export class IntegrationAdminController {
  constructor(
    private readonly clients: IntegrationClientService,
    private readonly mappings: HotlineCategoryMappings,
    private readonly audit: AuditLog,
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

  /** The secret is in this answer only. */
  @Post('integration-clients')
  @ApiOperation({ summary: 'Register a system that signs its requests (a hotline or sensor platform): its id and secret, the secret shown once' })
  @ApiContract({ body: createIntegrationClientSchema, response: createdIntegrationClientSchema, status: 201 })
  async create(@CurrentUser() user: AuthUser, @Body(new ZodValidationPipe(createIntegrationClientSchema)) body: z.output<typeof createIntegrationClientSchema>): Promise<CreatedIntegrationClient> {
    const created = await this.clients.create(body);
    await this.audit.record({ action: 'integration_client_created', actorId: user.id, username: user.username, detail: { id: created.id, name: created.name, kind: created.kind } });
    return created;
  }

  @Get('integration-clients')
  @ApiOperation({ summary: 'The integration clients (without secrets)' })
  @ApiContract({ response: integrationClientListSchema })
  list(): Promise<IntegrationClientDto[]> {
    return this.clients.list();
  }

  @Post('integration-clients/:id/revoke')
  @ApiOperation({ summary: 'Revoke an integration client: its requests are refused from now on' })
  @ApiContract({ response: integrationClientDtoSchema })
  @HttpCode(200)
  async revoke(@CurrentUser() user: AuthUser, @Param('id', new ParseUUIDPipe()) id: string): Promise<IntegrationClientDto> {
    const revoked = await this.clients.revoke(id);
    await this.audit.record({ action: 'integration_client_revoked', actorId: user.id, username: user.username, detail: { id, name: revoked.name } });
    return revoked;
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
