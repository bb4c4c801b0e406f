import type { AreaDto, CaseDetail, UserDto } from '@grid/contracts';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { TestContext } from './test-app';

/** A grid, its worker and the zone leader above it, found through the API as any client would. */
export interface GridFixture {
  grid: AreaDto;
  worker: UserDto;
  zoneLeader: UserDto;
}

export async function gridFixture(t: TestContext, gridIndex: number): Promise<GridFixture> {
  const grids: AreaDto[] = (await t.get('admin', '/api/areas?level=grid')).body;
  const grid = grids[gridIndex];
  const [worker] = (await t.get('admin', `/api/users?areaId=${grid.id}&role=grid_worker`)).body as UserDto[];
  const zoneLeader = ((await t.get('admin', '/api/users?role=zone_leader')).body as UserDto[]).find((u) => u.areaId === grid.path[1]) as UserDto;
  return { grid, worker, zoneLeader };
}

export async function post(t: TestContext, username: string, url: string, body: object, idempotencyKey?: string): Promise<request.Response> {
  const { accessToken } = await t.login(username);
  const req = request(t.app.getHttpServer()).post(url).set('Authorization', `Bearer ${accessToken}`);
  if (idempotencyKey) req.set('Idempotency-Key', idempotencyKey);
  return req.send(body);
}

/** A report in a category handled by a department (zj), with the answer its extra field requires. */
export const DEPARTMENT_CATEGORY = { categoryCode: 'city.facility', extraFields: { facility: 'streetlight' } } as const;

/** Reports at the grid's centroid; answers the created case. */
export async function report(t: TestContext, username: string, grid: AreaDto, extra: object = {}): Promise<CaseDetail> {
  const res = await post(t, username, '/api/cases', { categoryCode: 'city.litter', description: `test ${randomUUID()}`, location: grid.centroid, ...extra });
  if (res.status !== 201) throw new Error(`report: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as CaseDetail;
}

export async function act(t: TestContext, username: string, caseId: string, action: string, body: object = {}): Promise<request.Response> {
  return post(t, username, `/api/cases/${caseId}/${action}`, body);
}

/** A small real JPEG (a photo from the phone, as far as the server can tell). */
export async function jpeg(width = 64, height = 48): Promise<Buffer> {
  const sharp = (await import('sharp')).default;
  return sharp({ create: { width, height, channels: 3, background: { r: 120, g: 160, b: 90 } } }).jpeg().toBuffer();
}

export async function upload(t: TestContext, username: string, url: string, file: Buffer, fields: Record<string, string> = {}, filename = 'photo.jpg'): Promise<request.Response> {
  const { accessToken } = await t.login(username);
  const req = request(t.app.getHttpServer()).post(url).set('Authorization', `Bearer ${accessToken}`);
  for (const [k, v] of Object.entries(fields)) req.field(k, v);
  return req.attach('file', file, filename);
}
