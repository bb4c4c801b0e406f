import { RequestMethod, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import serveStatic from 'serve-static';
import { Logger } from 'nestjs-pino';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { AppModule } from './app.module';
import { withContractSchemas } from './common/api-contract.decorator';
import { HttpExceptionFilter } from './common/http-exception.filter';
import type { AppConfig } from './config/app-config';
import { RedisConnection } from './modules/redis/redis-connection';
import { RedisIoAdapter } from './modules/realtime/redis-io.adapter';

/** Paths the API owns; everything else under GET falls back to the web app's index.html. */
const API_PREFIXES = ['/api', '/open311', '/socket.io', '/metrics'];

/** Builds the whole application (HTTP API, docs, web app) without listening; shared by main and tests. */
export async function createApp(config: AppConfig, databaseUrl: string): Promise<INestApplication> {
  // rawBody: signed requests (the hotline's, ADR 0014) are checked against the bytes as sent, not re-serialised JSON.
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, databaseUrl), { bufferLogs: true, rawBody: true });
  app.useLogger(app.get(Logger));
  // Whose X-Forwarded-For names the client (audit log, per-address login limit, /metrics); TRUST_PROXY, default loopback.
  app.set('trust proxy', config.trustProxy);
  setRoutePrefix(app);
  app.useGlobalFilters(new HttpExceptionFilter());
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          'img-src': ["'self'", 'data:', 'blob:', 'https:'],
          'connect-src': ["'self'", 'ws:', 'wss:'],
          // Served over plain http on an office network (a wall-screen PC), upgrading would blank the page.
          'upgrade-insecure-requests': null,
        },
      },
    }),
  );
  if (config.corsOrigins.length) app.enableCors({ origin: config.corsOrigins, credentials: false });

  SwaggerModule.setup('api/docs', app, () => openApiDocument(app));

  const redis = app.get(RedisConnection);
  if (redis.enabled) {
    if (!(await redis.connect())) app.get(Logger).warn('Redis is not reachable yet: the live channel reaches only this instance until it is');
    app.useWebSocketAdapter(new RedisIoAdapter(app, redis));
  }

  serveWebApp(app, config.webDist);
  return app;
}

/** Everything under /api, except Open311's own well-known base, /open311/v2 (DESIGN §7), and Prometheus' /metrics. */
export function setRoutePrefix(app: INestApplication): void {
  app.setGlobalPrefix('api', { exclude: [{ path: 'metrics', method: RequestMethod.GET }, { path: 'open311/v2', method: RequestMethod.ALL }, { path: 'open311/v2/{*rest}', method: RequestMethod.ALL }] });
}

/** The OpenAPI document of /api/docs: every operation's schemas come from the zod contracts (docs/openapi.md). */
export function openApiDocument(app: INestApplication): OpenAPIObject {
  const openapi = new DocumentBuilder()
    .setTitle('Grid governance API')
    .setDescription('网格化基层治理 · 指挥调度: cases, territory, accounts. See the README for the live channel.')
    .setVersion('1')
    .setLicense('MIT', 'https://opensource.org/license/mit')
    .addServer('/', 'This server')
    .addBearerAuth()
    .build();
  return withContractSchemas(SwaggerModule.createDocument(app, openapi));
}

function serveWebApp(app: NestExpressApplication, webDist: string): void {
  const index = path.join(webDist, 'index.html');
  if (!fs.existsSync(index)) return;
  const isApi = (req: Request) => API_PREFIXES.some((p) => req.path === p || req.path.startsWith(`${p}/`));
  // The web app's files never shadow the API: an API request costs no look-up on disk.
  const assets = serveStatic(webDist, {
    index: false,
    maxAge: '1h',
    // The service worker (built by vite-plugin-pwa) is how a new version is found: never kept by a cache on the way.
    setHeaders: (res, file) => {
      if (path.basename(file) === 'sw.js') res.setHeader('Cache-Control', 'no-cache');
    },
  });
  app.use((req: Request, res: Response, next: NextFunction) => (isApi(req) ? next() : assets(req, res, next)));
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' || isApi(req)) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
}
