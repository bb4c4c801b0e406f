import { All, Body, Controller, Get, Param, Post, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { notFound } from '../../common/app-error';
import { Public } from '../auth/auth.decorators';
import { Open311ExceptionFilter } from './open311-exception.filter';
import { OPEN311_CONTENT_TYPES, renderOpen311, splitResource } from './open311-format';
import { apiKeyOf, Open311ThrottlerGuard } from './open311-throttler.guard';
import { Open311Service } from './open311.service';
import type { Open311Format } from './open311.types';

export const OPEN311_BASE_PATH = 'open311/v2';

/** `name.json` or `name.xml`; anything else is not a resource here. */
function resource(file: string, expected?: string): { name: string; format: Open311Format } {
  const split = splitResource(file);
  if (!split || (expected !== undefined && split.name !== expected)) throw notFound(`${file} (resources end in .json or .xml)`);
  return split;
}

function send(res: Response, format: Open311Format, root: string, value: unknown): void {
  res.status(200).type(OPEN311_CONTENT_TYPES[format]).send(renderOpen311(format, root, value));
}

/** Open311 GeoReport v2 (documented in the README and docs/open311.md, not in the /api OpenAPI). */
@Public()
@ApiExcludeController()
@UseFilters(Open311ExceptionFilter)
@Controller(OPEN311_BASE_PATH)
export class Open311Controller {
  constructor(private readonly open311: Open311Service) {}

  /** The base URL itself answers the discovery document, so a client given only the base finds its way. */
  @Get()
  root(@Req() req: Request, @Res() res: Response): void {
    send(res, 'json', 'discovery', this.open311.discovery(baseUrlOf(req)));
  }

  @Get('services/:file')
  async definition(@Param('file') file: string, @Res() res: Response): Promise<void> {
    const { name, format } = resource(file);
    send(res, format, 'service_definition', await this.open311.serviceDefinition(name));
  }

  @Get('requests/:file')
  async request(@Param('file') file: string, @Res() res: Response): Promise<void> {
    const { name, format } = resource(file);
    send(res, format, 'service_requests', await this.open311.request(name));
  }

  @Get('tokens/:file')
  async token(@Param('file') file: string, @Res() res: Response): Promise<void> {
    const { name, format } = resource(file);
    send(res, format, 'service_requests', await this.open311.token(name));
  }

  @Post(':file')
  @UseGuards(Open311ThrottlerGuard)
  async create(@Param('file') file: string, @Body() body: unknown, @Query() query: Record<string, unknown>, @Res() res: Response): Promise<void> {
    const { format } = resource(file, 'requests');
    const form = body !== null && typeof body === 'object' ? (body as Record<string, unknown>) : {};
    send(res, format, 'service_requests', await this.open311.create(form, apiKeyOf(form, query)));
  }

  @Get(':file')
  async list(@Param('file') file: string, @Query() query: Record<string, unknown>, @Req() req: Request, @Res() res: Response): Promise<void> {
    const { name, format } = resource(file);
    if (name === 'discovery') return send(res, format, 'discovery', this.open311.discovery(baseUrlOf(req)));
    if (name === 'services') return send(res, format, 'services', await this.open311.services());
    if (name === 'requests') return send(res, format, 'service_requests', await this.open311.requests(query));
    throw notFound(file);
  }

  /** Everything else under the base answers the spec's 404, not the framework's. */
  @All('{*rest}')
  unknown(@Req() req: Request): never {
    throw notFound(req.path);
  }
}

function baseUrlOf(req: Request): string {
  return `${req.protocol}://${req.get('host') ?? 'localhost'}/${OPEN311_BASE_PATH}`;
}
