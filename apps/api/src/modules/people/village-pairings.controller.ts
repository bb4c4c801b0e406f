import { Body, Controller, Get, Param, ParseUUIDPipe, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { pairedDepartmentsSchema, villagePairingDtoSchema, villagePairingRequestSchema, type VillagePairingDto, type VillagePairingRequest } from '@grid/contracts';
import { z } from 'zod';
import { ApiContract } from '../../common/api-contract.decorator';
import { ZodValidationPipe } from '../../common/zod-validation.pipe';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import { VillagePairings } from './village-pairings.service';

const areaQuerySchema = z.object({ areaId: z.uuid() });

@ApiTags('admin: people')
@ApiBearerAuth()
@Controller()
export class VillagePairingsController {
  constructor(private readonly pairings: VillagePairings) {}

  @Get('admin/pairings')
  @Roles('admin')
  @ApiOperation({ summary: 'Every department–village pairing (包村)' })
  @ApiContract({ response: z.array(villagePairingDtoSchema) })
  list(): Promise<VillagePairingDto[]> {
    return this.pairings.list();
  }

  @Put('admin/pairings/villages/:villageId')
  @Roles('admin')
  @ApiOperation({ summary: 'Set the departments paired with a village (replaces the list)' })
  @ApiContract({ body: villagePairingRequestSchema, response: z.array(villagePairingDtoSchema) })
  set(@CurrentUser() user: AuthUser, @Param('villageId', new ParseUUIDPipe()) villageId: string, @Body(new ZodValidationPipe(villagePairingRequestSchema)) body: VillagePairingRequest): Promise<VillagePairingDto[]> {
    return this.pairings.setForVillage(user, villageId, body.departmentIds);
  }

  @Get('departments/paired')
  @ApiOperation({ summary: 'The departments paired with the village an area lies in, offered first when its case is whistled' })
  @ApiContract({ query: areaQuerySchema, response: pairedDepartmentsSchema })
  @ApiQuery({ name: 'areaId', required: true, format: 'uuid' })
  async paired(@Query(new ZodValidationPipe(areaQuerySchema)) query: { areaId: string }): Promise<{ departmentIds: string[] }> {
    return { departmentIds: await this.pairings.forArea(query.areaId) };
  }
}
