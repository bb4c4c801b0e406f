// The API's own types, so a changed shape breaks the tests at compile time.
import type { AreaDto, CaseDetail, CaseListResponse, CategoryDto, CreateCaseRequest, DepartmentDto, LatLng, LoginResponse, Priority, UserDto } from '@grid/contracts';

export type { AreaDto, CaseDetail, CategoryDto, DepartmentDto, Priority, UserDto };
import { randomUUID } from 'node:crypto';
import { baseUrl, DEMO_PASSWORD } from './browser';

/** Calls of the API made by the tests themselves (the "other side" of what the browser shows). */
export class ApiClient {
  private constructor(
    readonly token: string,
    readonly user: LoginResponse['user'],
  ) {}

  static async signIn(username: string): Promise<ApiClient> {
    const response = await fetch(`${baseUrl()}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: DEMO_PASSWORD }),
    });
    if (!response.ok) throw new Error(`login ${username}: HTTP ${response.status}`);
    const body = (await response.json()) as LoginResponse;
    return new ApiClient(body.accessToken, body.user);
  }

  async get<T>(path: string): Promise<T> {
    const response = await fetch(`${baseUrl()}${path}`, { headers: { authorization: `Bearer ${this.token}` } });
    if (!response.ok) throw new Error(`GET ${path}: HTTP ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  }

  async post<T>(path: string, body: unknown): Promise<T> {
    const response = await fetch(`${baseUrl()}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${this.token}`, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`POST ${path}: HTTP ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  }

  /** The bytes at `path` (a photo's url), signed in. */
  async bytes(path: string): Promise<Buffer> {
    const response = await fetch(`${baseUrl()}${path}`, { headers: { authorization: `Bearer ${this.token}` } });
    if (!response.ok) throw new Error(`GET ${path}: HTTP ${response.status}`);
    return Buffer.from(await response.arrayBuffer());
  }

  createCase(request: CreateCaseRequest): Promise<CaseDetail> {
    return this.post<CaseDetail>('/api/cases', request);
  }

  /** Cases whose code, description or address contain `text`. */
  async casesMatching(text: string): Promise<CaseListResponse> {
    return this.get<CaseListResponse>(`/api/cases?q=${encodeURIComponent(text)}`);
  }

  /** A demo account's user record and the centre of the area it serves (leaders list users). */
  async whereIs(username: string): Promise<{ user: UserDto; area: AreaDto; centre: LatLng }> {
    const users = await this.get<UserDto[]>('/api/users');
    const user = users.find((u) => u.username === username);
    if (!user?.areaId) throw new Error(`${username} has no area in ${this.user.username}'s scope`);
    const area = await this.get<AreaDto>(`/api/areas/${user.areaId}`);
    return { user, area, centre: area.centroid };
  }
}

/** Text no other test writes, to find one test's case among all. */
export function uniqueText(prefix: string): string {
  return `${prefix} ${randomUUID().slice(0, 8)}`;
}

/** A 1×1 PNG: what the camera input receives in the tests. */
export const TINY_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

/** Polls `read` until `done` says yes (the server finishes things after answering, e.g. a delivery receipt). */
export async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
