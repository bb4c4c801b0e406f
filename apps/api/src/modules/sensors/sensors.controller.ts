import { Controller, Get, Headers, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { deviceListSchema, sensorAlarmAcceptedSchema, sensorAlarmSchema, type DeviceList, type SensorAlarmAccepted } from '@grid/contracts';
import type { Request, Response } from 'express';
import { ApiContract } from '../../common/api-contract.decorator';
import { ZodValidationPipe } from '../../common/zod-validation.pipe';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser, Public } from '../auth/auth.decorators';
import { SignedRequestVerifier } from '../integrations/signed-request.verifier';
import { DeviceAlarmService } from './device-alarms.service';
import { DeviceRegistry } from './devices.service';

/** Sensors (物联感知): the signed alarm intake, and the devices in alarm for the wall (README "Sensors", ADR 0019). */
@ApiTags('sensors')
@Controller('sensors')
export class SensorsController {
  private readonly alarmPipe = new ZodValidationPipe(sensorAlarmSchema);

  constructor(
    private readonly verifier: SignedRequestVerifier,
    private readonly alarms: DeviceAlarmService,
    private readonly devices: DeviceRegistry,
  ) {}

  /** Signed by a sensor platform (a client of kind `sensor`), as the hotline signs its orders: checked on the raw body first. */
  @Public()
  @Post('alarms')
  @ApiOperation({ summary: 'An alarm or recovery of a registered device (X-Client-Id, X-Timestamp, X-Signature)' })
  @ApiContract({ body: sensorAlarmSchema, response: sensorAlarmAcceptedSchema, status: 201, description: 'The alarm opened a case (a repeat on the open case, or a recovery, answers 200)' })
  async alarm(
    @Req() req: Request & { rawBody?: Buffer },
    @Headers('x-client-id') clientId: string | undefined,
    @Headers('x-timestamp') timestamp: string | undefined,
    @Headers('x-signature') signature: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<SensorAlarmAccepted> {
    const client = await this.verifier.verify({ clientId, timestamp, signature, rawBody: req.rawBody }, 'sensor');
    const result = await this.alarms.receive(client, this.alarmPipe.transform(req.body));
    res.status(result.status);
    return result.body;
  }

  /** Every signed-in role: each sees the devices of its own scope (its areas, or its department's cases). */
  @Get('devices')
  @ApiOperation({ summary: 'Devices with an open alarm (in alarm, or recovered while their case is open) in the caller’s scope: the wall’s layer' })
  @ApiContract({ response: deviceListSchema })
  inAlarm(@CurrentUser() user: AuthUser): Promise<DeviceList> {
    return this.devices.inAlarm(user);
  }
}
