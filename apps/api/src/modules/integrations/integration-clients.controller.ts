import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { createdIntegrationClientSchema, createIntegrationClientSchema, integrationClientDtoSchema, integrationClientListSchema, type CreatedIntegrationClient, type IntegrationClientDto } from '@grid/contracts';
import type { z } from 'zod';
import { ApiContract } from '../../common/api-contract.decorator';
import { ZodValidationPipe } from '../../common/zod-validation.pipe';
import { AuditLog } from '../audit/audit-log.service';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import { IntegrationClientService } from './integration-clients.service';

/** Administration of the systems that talk to ours with signed requests (hotlines, sensor platforms). */
@ApiTags('admin')
@Controller('admin/integration-clients')
@Roles('admin')
export class IntegrationClientsController {
  constructor(
    private readonly clients: IntegrationClientService,
    private readonly audit: AuditLog,
  ) {}

  /** The secret is in this answer only. */
  @Post()
  @ApiOperation({ summary: 'Register a system that signs its requests (a hotline or sensor platform): its id and secret, the secret shown once' })
  @ApiContract({ body: createIntegrationClientSchema, response: createdIntegrationClientSchema, status: 201 })
  async create(@CurrentUser() user: AuthUser, @Body(new ZodValidationPipe(createIntegrationClientSchema)) body: z.output<typeof createIntegrationClientSchema>): Promise<CreatedIntegrationClient> {
    const created = await this.clients.create(body);
    await this.audit.record({ action: 'integration_client_created', actorId: user.id, username: user.username, detail: { id: created.id, name: created.name, kind: created.kind } });
    return created;
  }

  @Get()
  @ApiOperation({ summary: 'The integration clients (without secrets)' })
  @ApiContract({ response: integrationClientListSchema })
  list(): Promise<IntegrationClientDto[]> {
    return this.clients.list();
  }

  @Post(':id/revoke')
  @ApiOperation({ summary: 'Revoke an integration client: its requests are refused from now on' })
  @ApiContract({ response: integrationClientDtoSchema })
  @HttpCode(200)
  async revoke(@CurrentUser() user: AuthUser, @Param('id', new ParseUUIDPipe()) id: string): Promise<IntegrationClientDto> {
    const revoked = await this.clients.revoke(id);
    await this.audit.record({ action: 'integration_client_revoked', actorId: user.id, username: user.username, detail: { id, name: revoked.name } });
    return revoked;
  }
}
