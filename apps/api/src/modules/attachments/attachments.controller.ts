import { Body, Controller, Get, Headers, Param, ParseUUIDPipe, Post, Put, Res, StreamableFile, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { attachmentPublicSchema, attachmentUploadSchema, CASE_WRITER_ROLES, type AttachmentDto, attachmentDtoSchema } from '@grid/contracts';
import type { Response } from 'express';
// Brings in the Express.Multer.File type (tsconfig lists only node's global types).
import type {} from 'multer';
import { ApiContract } from '../../common/api-contract.decorator';
import { invalid } from '../../common/app-error';
import { ZodValidationPipe } from '../../common/zod-validation.pipe';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import { AttachmentsService } from './attachments.service';
import { MAX_UPLOAD_BYTES } from './image-processor';

/** Multer keeps the upload in memory, bounded: a larger body is cut off, never written to disk unchecked. */
const UPLOAD = FileInterceptor('file', { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 10 } });

@ApiTags('attachments')
@ApiBearerAuth()
@Controller()
export class AttachmentsController {
  constructor(private readonly attachments: AttachmentsService) {}

  @Post('attachments')
  @Roles(...CASE_WRITER_ROLES)
  @UseInterceptors(UPLOAD)
  @ApiOperation({ summary: 'Upload a photo (JPEG, PNG, WebP ≤ 10 MB) to reference from a report or an action' })
  @ApiContract({ upload: { file: 'file', fields: attachmentUploadSchema }, response: attachmentDtoSchema, status: 201 })
  async upload(
    @CurrentUser() user: AuthUser,
    @UploadedFile() file: Express.Multer.File | undefined,
    @Body(new ZodValidationPipe(attachmentUploadSchema)) meta: ReturnType<typeof attachmentUploadSchema.parse>,
    @Headers('idempotency-key') key: string | undefined,
  ): Promise<AttachmentDto> {
    return (await this.attachments.upload(user, requireFile(file), meta, null, key)).body;
  }

  @Post('cases/:id/attachments')
  @Roles(...CASE_WRITER_ROLES)
  @UseInterceptors(UPLOAD)
  @ApiOperation({ summary: 'Upload a photo to a case in the caller’s scope' })
  @ApiContract({ upload: { file: 'file', fields: attachmentUploadSchema }, response: attachmentDtoSchema, status: 201 })
  async uploadToCase(
    @CurrentUser() user: AuthUser,
    @Param('id', new ParseUUIDPipe()) id: string,
    @UploadedFile() file: Express.Multer.File | undefined,
    @Body(new ZodValidationPipe(attachmentUploadSchema)) meta: ReturnType<typeof attachmentUploadSchema.parse>,
    @Headers('idempotency-key') key: string | undefined,
  ): Promise<AttachmentDto> {
    return (await this.attachments.upload(user, requireFile(file), meta, id, key)).body;
  }

  @Put('cases/:id/attachments/:attachmentId/public')
  @Roles(...CASE_WRITER_ROLES)
  @ApiOperation({ summary: 'Show a result photo on the resident’s tracking page (or stop showing it): handler, leaders over the case, command centre' })
  @ApiContract({ body: attachmentPublicSchema, response: attachmentDtoSchema })
  markPublic(
    @CurrentUser() user: AuthUser,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Param('attachmentId', new ParseUUIDPipe()) attachmentId: string,
    @Body(new ZodValidationPipe(attachmentPublicSchema)) body: ReturnType<typeof attachmentPublicSchema.parse>,
  ): Promise<AttachmentDto> {
    return this.attachments.markPublic(user, id, attachmentId, body.public);
  }

  @Get('attachments/:id/:variant')
  @ApiOperation({ summary: 'A photo (variant file) or its thumbnail (variant thumbnail)' })
  @ApiContract({ produces: { 'image/jpeg': { type: 'string', format: 'binary' }, 'image/png': { type: 'string', format: 'binary' }, 'image/webp': { type: 'string', format: 'binary' } } })
  async read(@CurrentUser() user: AuthUser, @Param('id', new ParseUUIDPipe()) id: string, @Param('variant') variant: string, @Res({ passthrough: true }) res: Response): Promise<StreamableFile> {
    if (variant !== 'file' && variant !== 'thumbnail') throw invalid('variant: file or thumbnail', { variant: 'unknown' });
    const { data, mime } = await this.attachments.read(user, id, variant);
    res.setHeader('Cache-Control', 'private, max-age=86400');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    return new StreamableFile(data, { type: mime });
  }
}

function requireFile(file: Express.Multer.File | undefined): Buffer {
  if (!file) throw invalid('a file is required (multipart field "file")', { file: 'required' });
  return file.buffer;
}
