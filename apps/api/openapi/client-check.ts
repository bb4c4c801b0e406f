/**
 * Compiled by `nx run api:openapi` against the client openapi-typescript generates from the API's OpenAPI
 * document (apps/api/openapi/generated/schema.d.ts): a few answers and requests of the generated client must be exactly the
 * contracts' types, so a document that drifts from libs/contracts fails the build.
 */
import type { CaseDetail, CaseListResponse, CreateCaseRequest, DeviceDto, DeviceList, LoginRequest, LoginResponse, OnDutyResponse, PatrolDetail, PeopleListResponse, PublicResponsibilities, SensorAlarm, SensorAlarmAccepted, ShiftDto, TerritoryImportDto, WorkCalendarDto, WorkOrderDto } from '@grid/contracts';
import type { paths } from './generated/schema';

type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;
type Answer<P extends keyof paths, M extends keyof paths[P], S extends number> = paths[P][M] extends { responses: Record<S, infer R> } ? Json<R> : never;
type RequestBody<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends { requestBody?: infer R } ? Json<NonNullable<R>> : never;
/** Compiles only when A and B are the same type. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/** Compiles when every A is a B: what a generated client sends, the contract accepts. */
type Fits<A, B> = [A] extends [B] ? true : false;
const yes = <T extends true>(value: T): T => value;

export const checks = [
  yes<Same<Answer<'/api/auth/login', 'post', 200>, LoginResponse>>(true),
  yes<Fits<RequestBody<'/api/auth/login', 'post'>, LoginRequest>>(true),
  yes<Same<Answer<'/api/cases', 'get', 200>, CaseListResponse>>(true),
  yes<Same<Answer<'/api/cases/{id}', 'get', 200>, CaseDetail>>(true),
  yes<Same<Answer<'/api/patrols/{id}', 'get', 200>, PatrolDetail>>(true),
  yes<Same<Answer<'/api/calendar', 'get', 200>, WorkCalendarDto>>(true),
  // Issue 17 and 18's operations: territory, people, rota, the public list, the hotline.
  yes<Same<Answer<'/api/admin/territory/imports/{id}', 'get', 200>, TerritoryImportDto>>(true),
  yes<Same<Answer<'/api/admin/people', 'get', 200>, PeopleListResponse>>(true),
  yes<Same<Answer<'/api/admin/shifts', 'post', 201>, ShiftDto>>(true),
  yes<Same<Answer<'/api/areas/{id}/on-duty', 'get', 200>, OnDutyResponse>>(true),
  yes<Same<Answer<'/api/public/responsibilities', 'get', 200>, PublicResponsibilities>>(true),
  yes<Same<Answer<'/api/hotline/cases/{caseId}/work-order', 'get', 200>, WorkOrderDto>>(true),
  // Sensors (ADR 0019).
  yes<Same<Answer<'/api/admin/devices', 'post', 201>, DeviceDto>>(true),
  yes<Same<Answer<'/api/sensors/devices', 'get', 200>, DeviceList>>(true),
  yes<Same<Answer<'/api/sensors/alarms', 'post', 201>, SensorAlarmAccepted>>(true),
  yes<Fits<RequestBody<'/api/sensors/alarms', 'post'>, SensorAlarm>>(true),
  // The request's input side is looser in the contract (coerced numbers accept strings too).
  yes<Fits<RequestBody<'/api/cases', 'post'>, CreateCaseRequest>>(true),
];
