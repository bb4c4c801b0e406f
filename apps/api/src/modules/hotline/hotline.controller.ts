import { Body, Controller, Get, Headers, Inject, Param, ParseUUIDPipe, Post, Query, Req, Res, StreamableFile } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  decideWorkOrderReturnSchema,
  hotlineFiguresQuerySchema,
  hotlineFiguresSchema,
  hotlineOrderAcceptedSchema,
  hotlineOrderSchema,
  placeWorkOrderSchema,
  requestWorkOrderReturnSchema,
  workOrderDtoSchema,
  workOrderListQuerySchema,
  workOrderListSchema,
  type HotlineFigures,
  type HotlineOrderAccepted,
  type WorkOrderDto,
} from '@grid/contracts';
import type { Request, Response } from 'express';
import type { z } from 'zod';
import { AppError, notFound } from '../../common/app-error';
import { ApiContract } from '../../common/api-contract.decorator';
import { ZodValidationPipe } from '../../common/zod-validation.pipe';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser, Public, Roles } from '../auth/auth.decorators';
import { BLOB_STORE, type BlobStore } from '../attachments/blob-store';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { PhotoLinks } from './photo-links';
import { SignedRequestVerifier } from '../integrations/signed-request.verifier';
import { WorkOrderService } from './work-orders.service';
import { HotlineFiguresService } from './hotline-figures.service';

const DESK = ['operator', 'admin'] as const;
/** Who works cases and may ask for a return (退单); the state machine decides who approves it. */
const HANDLERS = ['grid_worker', 'grid_leader', 'village_cadre', 'zone_leader', 'dept_staff', 'dept_head', 'operator', 'admin'] as const;

/** The 12345 hotline bridge (README "12345 hotline bridge", ADR 0014). */
@ApiTags('hotline')
@Controller('hotline')
export class HotlineController {
  private readonly orderPipe = new ZodValidationPipe(hotlineOrderSchema);

  constructor(
    private readonly verifier: SignedRequestVerifier,
    private readonly orders: WorkOrderService,
    private readonly photos: PhotoLinks,
    @Inject(BLOB_STORE) private readonly blobs: BlobStore,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly figureService: HotlineFiguresService,
  ) {}

  /** 三率 per unit and period, for those who assess the whole district. */
  @Roles('assessor', ...DESK)
  @Get('figures')
  @ApiOperation({ summary: 'The hotline’s 三率 (response, resolution, satisfaction rates) per unit and period' })
  @ApiContract({ query: hotlineFiguresQuerySchema, response: hotlineFiguresSchema })
  figures(@Query(new ZodValidationPipe(hotlineFiguresQuerySchema)) query: z.output<typeof hotlineFiguresQuerySchema>): Promise<HotlineFigures> {
    return this.figureService.figures(query);
  }

  /** Signed by the hotline, not by a user: the signature is checked on the raw body before the body is read. */
  @Public()
  @Post('orders')
  @ApiOperation({ summary: 'A work order pushed by the hotline (X-Client-Id, X-Timestamp, X-Signature)' })
  @ApiContract({ body: hotlineOrderSchema, response: hotlineOrderAcceptedSchema, status: 201, description: 'A new work order (the same orderNo again answers 200, one not located 202 with no case yet)' })
  async receive(
    @Req() req: Request & { rawBody?: Buffer },
    @Headers('x-client-id') clientId: string | undefined,
    @Headers('x-timestamp') timestamp: string | undefined,
    @Headers('x-signature') signature: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<HotlineOrderAccepted> {
    const client = await this.verifier.verify({ clientId, timestamp, signature, rawBody: req.rawBody }, 'hotline');
    const result = await this.orders.receive(client, this.orderPipe.transform(req.body));
    res.status(result.status);
    return result.body;
  }

  @Roles(...DESK)
  @Get('work-orders')
  @ApiOperation({ summary: 'Work orders, e.g. those waiting for the desk (attention=true: not located, or category not mapped)' })
  @ApiContract({ query: workOrderListQuerySchema, response: workOrderListSchema })
  list(@CurrentUser() user: AuthUser, @Query(new ZodValidationPipe(workOrderListQuerySchema)) query: z.output<typeof workOrderListQuerySchema>): Promise<{ items: WorkOrderDto[]; total: number }> {
    return this.orders.list(user, query);
  }

  @Roles(...DESK)
  @Post('work-orders/:id/place')
  @ApiOperation({ summary: 'Place a work order that could not be located by hand: opens its case' })
  @ApiContract({ body: placeWorkOrderSchema, response: workOrderDtoSchema, status: 201 })
  place(@CurrentUser() user: AuthUser, @Param('id', new ParseUUIDPipe()) id: string, @Body(new ZodValidationPipe(placeWorkOrderSchema)) body: z.output<typeof placeWorkOrderSchema>): Promise<WorkOrderDto> {
    return this.orders.place(user, id, body);
  }

  @Roles(...DESK)
  @Post('work-orders/:id/reviewed')
  @ApiOperation({ summary: 'Mark a work order’s unmapped category as reviewed by the desk' })
  @ApiContract({ response: workOrderDtoSchema, status: 201 })
  reviewed(@CurrentUser() user: AuthUser, @Param('id', new ParseUUIDPipe()) id: string): Promise<WorkOrderDto> {
    return this.orders.reviewed(user, id);
  }

  @Get('cases/:caseId/work-order')
  @ApiOperation({ summary: 'The hotline work order a case came from (its order number, deadline and notes)' })
  @ApiContract({ response: workOrderDtoSchema })
  ofCase(@CurrentUser() user: AuthUser, @Param('caseId', new ParseUUIDPipe()) caseId: string): Promise<WorkOrderDto> {
    return this.orders.ofCase(user, caseId);
  }

  @Roles(...HANDLERS)
  @Post('cases/:caseId/return')
  @ApiOperation({ summary: 'Ask to return a hotline case to the hotline (退单), with a reason' })
  @ApiContract({ body: requestWorkOrderReturnSchema, response: workOrderDtoSchema, status: 201 })
  requestReturn(
    @CurrentUser() user: AuthUser,
    @Param('caseId', new ParseUUIDPipe()) caseId: string,
    @Body(new ZodValidationPipe(requestWorkOrderReturnSchema)) body: z.output<typeof requestWorkOrderReturnSchema>,
  ): Promise<WorkOrderDto> {
    return this.orders.requestReturn(user, caseId, body.reason);
  }

  @Roles('zone_leader', ...DESK)
  @Post('cases/:caseId/return/approve')
  @ApiOperation({ summary: 'Approve a return to the hotline (the case’s zone leader or the command centre): the case is cancelled and the hotline told' })
  @ApiContract({ body: decideWorkOrderReturnSchema, response: workOrderDtoSchema, status: 201 })
  approveReturn(
    @CurrentUser() user: AuthUser,
    @Param('caseId', new ParseUUIDPipe()) caseId: string,
    @Body(new ZodValidationPipe(decideWorkOrderReturnSchema)) body: z.output<typeof decideWorkOrderReturnSchema>,
  ): Promise<WorkOrderDto> {
    return this.orders.approveReturn(user, caseId, body.note);
  }

  @Roles('zone_leader', ...DESK)
  @Post('cases/:caseId/return/deny')
  @ApiOperation({ summary: 'Deny a return to the hotline: the case stays with its unit' })
  @ApiContract({ response: workOrderDtoSchema, status: 201 })
  denyReturn(@CurrentUser() user: AuthUser, @Param('caseId', new ParseUUIDPipe()) caseId: string): Promise<WorkOrderDto> {
    return this.orders.denyReturn(user, caseId);
  }

  /** A result photo of a hotline case, for the hotline: the link's signature is the permission. */
  @Public()
  @Get('photos/:id')
  @ApiOperation({ summary: 'A result photo sent to the hotline, by its signed link' })
  @ApiContract({ produces: { 'image/*': { type: 'string', format: 'binary' } }, description: 'The photo' })
  async photo(@Param('id', new ParseUUIDPipe()) id: string, @Query('sig') sig: string | undefined, @Res({ passthrough: true }) res: Response): Promise<StreamableFile> {
    if (!sig || !this.photos.verify(id, sig)) throw new AppError('unauthorized', 'the link is not signed for this photo', { sig: 'invalid' });
    const [row] = (await this.dataSource.query(`SELECT storage_key, mime FROM attachments WHERE id = $1`, [id])) as { storage_key: string; mime: string }[];
    const data = row ? await this.blobs.get(row.storage_key) : null;
    if (!row || !data) throw notFound('photo');
    res.setHeader('Content-Type', row.mime);
    res.setHeader('Cache-Control', 'private, max-age=86400');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    return new StreamableFile(data);
  }
}
