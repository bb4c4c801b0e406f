import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Put, Query, UploadedFile, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  createDeviceSchema,
  deviceDtoSchema,
  deviceImportApplyResponseSchema,
  deviceImportResponseSchema,
  deviceListQuerySchema,
  deviceListSchema,
  MAX_DEVICE_FILE_BYTES,
  putSensorRuleSchema,
  sensorRuleListSchema,
  sensorRuleSchema,
  updateDeviceSchema,
  type DeviceDto,
  type DeviceImportApplyResponse,
  type DeviceImportResponse,
  type DeviceList,
  type SensorRuleDto,
} from '@grid/contracts';
import type {} from 'multer';
import { z } from 'zod';
import { invalid } from '../../common/app-error';
import { ApiContract } from '../../common/api-contract.decorator';
import { singleFileUpload } from '../../common/upload-limit';
import { ZodValidationPipe } from '../../common/zod-validation.pipe';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import { DeviceImportService } from './device-import.service';
import { DeviceRegistry } from './devices.service';
import { SensorRules } from './sensor-rules.service';

const UPLOAD = singleFileUpload(MAX_DEVICE_FILE_BYTES, 'split the registry into several files');

/** Device registry imports: registered before the devices controller, whose `:id` would otherwise take `imports`. */
@ApiTags('admin: sensors')
@ApiBearerAuth()
@Roles('admin')
@Controller('admin/devices/imports')
export class DeviceImportsController {
  constructor(private readonly imports: DeviceImportService) {}

  @Post()
  @UseInterceptors(...UPLOAD)
  @ApiOperation({ summary: 'Check a device registry (.xlsx, or .csv in UTF-8 or GBK): every problem with its row and column; nothing is registered yet' })
  @ApiContract({ upload: { file: 'file', fields: z.object({}) }, response: deviceImportResponseSchema, status: 201 })
  check(@CurrentUser() user: AuthUser, @UploadedFile() file: Express.Multer.File | undefined): Promise<DeviceImportResponse> {
    if (!file) throw invalid('upload the file as the multipart field "file"', { file: 'required' });
    return this.imports.check({ id: user.id, username: user.username }, file);
  }

  @Get(':id')
  @ApiOperation({ summary: 'A checked device import and its problems' })
  @ApiContract({ response: deviceImportResponseSchema })
  get(@Param('id', new ParseUUIDPipe()) id: string): Promise<DeviceImportResponse> {
    return this.imports.get(id);
  }

  @Post(':id/apply')
  @HttpCode(200)
  @ApiOperation({ summary: 'Register every device of a valid import in one transaction (409 while problems remain)' })
  @ApiContract({ response: deviceImportApplyResponseSchema })
  apply(@CurrentUser() user: AuthUser, @Param('id', new ParseUUIDPipe()) id: string): Promise<DeviceImportApplyResponse> {
    return this.imports.apply({ id: user.id, username: user.username }, id);
  }
}

/** The device registry and the per-kind sensor rules (administrators). */
@ApiTags('admin: sensors')
@ApiBearerAuth()
@Roles('admin')
@Controller('admin')
export class DevicesAdminController {
  constructor(
    private readonly devices: DeviceRegistry,
    private readonly rules: SensorRules,
  ) {}

  @Post('devices')
  @ApiOperation({ summary: 'Register a device: its grid is resolved from its place' })
  @ApiContract({ body: createDeviceSchema, response: deviceDtoSchema, status: 201 })
  register(@CurrentUser() user: AuthUser, @Body(new ZodValidationPipe(createDeviceSchema)) body: z.output<typeof createDeviceSchema>): Promise<DeviceDto> {
    return this.devices.register(user, body);
  }

  @Get('devices')
  @ApiOperation({ summary: 'The device registry (every live device, or those in one state), devices in alarm first' })
  @ApiContract({ query: deviceListQuerySchema, response: deviceListSchema })
  list(@Query(new ZodValidationPipe(deviceListQuerySchema)) query: z.output<typeof deviceListQuerySchema>): Promise<DeviceList> {
    return this.devices.list(query);
  }

  @Get('devices/:id')
  @ApiOperation({ summary: 'One device with its open alarm' })
  @ApiContract({ response: deviceDtoSchema })
  get(@Param('id', new ParseUUIDPipe()) id: string): Promise<DeviceDto> {
    return this.devices.get(id);
  }

  @Patch('devices/:id')
  @ApiOperation({ summary: 'Edit a device (kind, place, department, name, address); a new place re-resolves its grid' })
  @ApiContract({ body: updateDeviceSchema, response: deviceDtoSchema })
  update(@CurrentUser() user: AuthUser, @Param('id', new ParseUUIDPipe()) id: string, @Body(new ZodValidationPipe(updateDeviceSchema)) body: z.output<typeof updateDeviceSchema>): Promise<DeviceDto> {
    return this.devices.update(user, id, body);
  }

  @Post('devices/:id/retire')
  @HttpCode(200)
  @ApiOperation({ summary: 'Retire a device: its alarms are refused from now on; its code may be registered again' })
  @ApiContract({ response: deviceDtoSchema })
  retire(@CurrentUser() user: AuthUser, @Param('id', new ParseUUIDPipe()) id: string): Promise<DeviceDto> {
    return this.devices.retire(user, id);
  }

  @Get('sensor-rules')
  @ApiOperation({ summary: 'The per-kind rules: the category, department and priority of a kind’s alarm cases, and what a recovery does' })
  @ApiContract({ response: sensorRuleListSchema })
  ruleList(): Promise<SensorRuleDto[]> {
    return this.rules.list();
  }

  @Put('sensor-rules/:kind')
  @ApiOperation({ summary: 'Create or replace the rule of a kind of device' })
  @ApiContract({ body: putSensorRuleSchema, response: sensorRuleSchema })
  putRule(@CurrentUser() user: AuthUser, @Param('kind') kind: string, @Body(new ZodValidationPipe(putSensorRuleSchema)) body: z.output<typeof putSensorRuleSchema>): Promise<SensorRuleDto> {
    return this.rules.put(user, kind, body);
  }
}
