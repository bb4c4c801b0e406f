/**
 * The authorization matrix (issue 8): every HTTP route and every live-channel room, called by every role
 * in each scope that matters (own grid, another grid, another zone, another department) and anonymously,
 * asserting allow or deny. The routes are read from the running application, so a route without an
 * entry here fails the first test.
 *
 * How to add a route: one line in ROUTES, keyed `'METHOD /path/:param'` exactly as the failure message
 * prints it, with a rule saying who may call it and a function building one call (path and body) from
 * the fixture. Rules:
 *   everyone                      no token needed (login, health, public tracking)
 *   signedIn                      any valid token; what it returns is narrowed by scope
 *   roles('zone_leader', …)       only these roles, whatever their scope (@Roles on the route)
 *   scoped('case')                only callers whose scope covers the subject ('case', 'grid', 'village')
 *   scoped('case', …roles)        both
 *   loopbackOnly                  GET /metrics: no token, this machine only (see security.e2e-spec.ts)
 * Outcomes: allowed = 2xx, or a 400/409/403-with-a-state-machine-reason that shows the request got past
 * authentication, role and scope; denied = 401 (anonymous), 403 (role or scope) or 404 (hidden by scope).
 */
import { ANALYSIS_ROLES, MONTHLY_TASK_OPENERS, CASE_WRITER_ROLES, PATROL_ROLES, PATROL_VIEWER_ROLES, ROOM, USER_LISTING_ROLES, type AreaDto, type Role, type UserDto } from '@grid/contracts';
import ExcelJS from 'exceljs';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { DEPARTMENT_CATEGORY, jpeg, post, report } from './cases-helpers';
import { next, useSockets, type ClientSocket } from './socket-client';
import { DEMO_PASSWORD, useTestApp } from './test-app';

/** The callers: a role and where they stand relative to the subject grid G (its village, its zone, the department on the case). */
const PRINCIPALS = {
  anonymous: null,
  admin: 'admin',
  operator: 'operator',
  assessor: 'assessor',
  'zone_leader/own': 'zone_leader',
  'zone_leader/other_zone': 'zone_leader',
  'village_cadre/own': 'village_cadre',
  'village_cadre/other_zone': 'village_cadre',
  'grid_leader/own': 'grid_leader',
  'grid_leader/other_zone': 'grid_leader',
  'grid_worker/own': 'grid_worker',
  'grid_worker/other_grid': 'grid_worker',
  'grid_worker/other_zone': 'grid_worker',
  'dept_staff/own': 'dept_staff',
  'dept_staff/other_dept': 'dept_staff',
} as const satisfies Record<string, Role | null>;
type Principal = keyof typeof PRINCIPALS;
const ALL = Object.keys(PRINCIPALS) as Principal[];

/** Whose scope covers each subject: the case (in grid G, handled by department zj), grid G, G's village. */
const DISTRICT: Principal[] = ['admin', 'operator', 'assessor'];
const OWN_AREA: Principal[] = ['zone_leader/own', 'village_cadre/own', 'grid_leader/own'];
const SCOPE: Record<'case' | 'grid' | 'village', Principal[]> = {
  case: [...DISTRICT, ...OWN_AREA, 'grid_worker/own', 'dept_staff/own'],
  // Departments serve the whole district: they see every area (their cases are narrowed by department).
  grid: [...DISTRICT, ...OWN_AREA, 'grid_worker/own', 'dept_staff/own', 'dept_staff/other_dept'],
  village: [...DISTRICT, ...OWN_AREA, 'dept_staff/own', 'dept_staff/other_dept'],
};

/** Who sees the assessment of grid G, and the point ledger of G's worker. */
const ASSESSMENT_OF_G: Principal[] = ['admin', 'operator', 'assessor', 'zone_leader/own', 'village_cadre/own', 'grid_leader/own', 'grid_worker/own'];
const LEDGER_OF_G_WORKER: Principal[] = ASSESSMENT_OF_G;

type Rule = (p: Principal) => boolean;
const everyone: Rule = () => true;
const loopbackOnly: Rule = everyone;
const signedIn: Rule = (p) => p !== 'anonymous';
const roles =
  (...allowed: readonly Role[]): Rule =>
  (p) => PRINCIPALS[p] !== null && allowed.includes(PRINCIPALS[p]);
const only =
  (...allowed: readonly Principal[]): Rule =>
  (p) => allowed.includes(p);
const scoped =
  (subject: keyof typeof SCOPE, ...allowed: readonly Role[]): Rule =>
  (p) => SCOPE[subject].includes(p) && (allowed.length === 0 || roles(...allowed)(p));

interface Fixture {
  grid: AreaDto;
  village: AreaDto;
  caseId: string;
  caseCode: string;
  trackingToken: string;
  /** G's grid worker, whose point ledger is the subject of the ledger route. */
  workerId: string;
  photoId: string;
  /** A patrol of G's worker, started an hour ago and ended at `patrolEndedAt`. */
  patrolId: string;
  patrolEndedAt: string;
  /** A rota row in G made by the admin for one call (deleting spends it): its id. */
  freshRota(kind: 'shifts' | 'shift-patterns' | 'leaves'): Promise<string>;
  /** A rota import of the admin's with problems (a header and no rows). */
  rotaImportId: string;
  /** A department (its rota's on-duty answer is for anyone signed in). */
  departmentId: string;
  /** A 每月一题 task on grid G, opened by the admin. */
  monthlyTaskId: string;
  /** Published assessment results (公示), readable by anyone signed in. */
  publicationId: string;
  /** A fresh sign-in of a spare account (for logout and refresh, which spend their token). */
  spareSession(): Promise<{ accessToken: string; refreshToken: string }>;
}
interface Call {
  path: string;
  body?: object;
  /** multipart upload of a small JPEG instead of a JSON body */
  photo?: boolean;
  /** use this token instead of the principal's own (logout spends its token) */
  token?: string;
}
type Entry = [Rule, (f: Fixture) => Call | Promise<Call>];

const ROTA_EDITORS = only('admin', 'zone_leader/own');
const rotaShift = (f: Fixture) => ({ userId: f.workerId, areaId: f.grid.id, start: '2031-01-06T00:00:00Z', end: '2031-01-06T08:00:00Z' });
const rotaPattern = (f: Fixture) => ({ userId: f.workerId, areaId: f.grid.id, weekdays: [6], startTime: '20:00', endTime: '08:00', from: '2031-01-01', to: '2031-01-31' });
const monthlyTask = (f: Pick<Fixture, 'grid' | 'village'>) => ({
  title: '治理占道经营',
  problem: '菜市场周边占道经营反复',
  gridIds: [f.grid.id],
  source: { kind: 'hotspot', from: '2026-11-01', to: '2026-11-30' },
  lead: { kind: 'area', areaId: f.village.id },
  milestones: [{ title: '摸排', due: '2031-01-31' }],
});
const rotaLeave = (f: Fixture) => ({ userId: f.workerId, start: '2031-01-06T00:00:00Z', end: '2031-01-07T00:00:00Z' });

const ROUTES: Record<string, Entry> = {
  'GET /api/health': [everyone, () => ({ path: '/api/health' })],
  'GET /api/config': [everyone, () => ({ path: '/api/config' })],
  'GET /api/docs': [everyone, () => ({ path: '/api/docs' })],
  'GET /api/docs-json': [everyone, () => ({ path: '/api/docs-json' })],
  'GET /api/docs-yaml': [everyone, () => ({ path: '/api/docs-yaml' })],
  'GET /metrics': [loopbackOnly, () => ({ path: '/metrics' })],
  'POST /api/auth/login': [everyone, () => ({ path: '/api/auth/login', body: { username: 'village030', password: DEMO_PASSWORD } })],
  'POST /api/auth/refresh': [everyone, async (f) => ({ path: '/api/auth/refresh', body: { refreshToken: (await f.spareSession()).refreshToken } })],
  // Logout revokes every token of the caller: it is called with a spare account's fresh token.
  'POST /api/auth/logout': [signedIn, async (f) => ({ path: '/api/auth/logout', token: (await f.spareSession()).accessToken })],
  'GET /api/auth/me': [signedIn, () => ({ path: '/api/auth/me' })],
  // An empty body: every signed-in caller gets past authentication to a 400, nothing changes.
  'POST /api/auth/password': [signedIn, () => ({ path: '/api/auth/password', body: {} })],
  'GET /api/areas': [scoped('village'), (f) => ({ path: `/api/areas?parentId=${f.village.id}` })],
  'GET /api/areas/geojson': [signedIn, () => ({ path: '/api/areas/geojson?level=zone' })],
  'GET /api/areas/outlines': [signedIn, () => ({ path: '/api/areas/outlines?level=grid' })],
  'GET /api/areas/locate': [signedIn, (f) => ({ path: `/api/areas/locate?lat=${f.grid.centroid.lat}&lng=${f.grid.centroid.lng}` })],
  'GET /api/areas/:id': [scoped('grid'), (f) => ({ path: `/api/areas/${f.grid.id}` })],
  'GET /api/users': [scoped('grid', ...USER_LISTING_ROLES), (f) => ({ path: `/api/users?areaId=${f.grid.id}` })],
  'GET /api/departments': [signedIn, () => ({ path: '/api/departments' })],
  'GET /api/categories': [signedIn, () => ({ path: '/api/categories' })],
  'GET /api/workers/positions': [roles(...USER_LISTING_ROLES), () => ({ path: '/api/workers/positions' })],
  'POST /api/cases': [roles(...CASE_WRITER_ROLES), (f) => ({ path: '/api/cases', body: { categoryCode: 'city.litter', description: 'matrix', location: f.grid.centroid } })],
  'GET /api/cases': [scoped('grid'), (f) => ({ path: `/api/cases?areaId=${f.grid.id}` })],
  'GET /api/cases/map': [scoped('grid'), (f) => ({ path: `/api/cases/map?areaId=${f.grid.id}` })],
  'GET /api/cases/:id': [scoped('case'), (f) => ({ path: `/api/cases/${f.caseId}` })],
  // `resume` on a case that is not suspended: everyone who reaches the case gets 409, nothing changes.
  'POST /api/cases/:id/:action': [scoped('case', ...CASE_WRITER_ROLES), (f) => ({ path: `/api/cases/${f.caseId}/resume`, body: {} })],
  'POST /api/attachments': [roles(...CASE_WRITER_ROLES), () => ({ path: '/api/attachments', photo: true })],
  'POST /api/cases/:id/attachments': [scoped('case', ...CASE_WRITER_ROLES), (f) => ({ path: `/api/cases/${f.caseId}/attachments`, photo: true })],
  'GET /api/attachments/:id/:variant': [scoped('case'), (f) => ({ path: `/api/attachments/${f.photoId}/thumbnail` })],
  'GET /api/public/cases/:token': [everyone, (f) => ({ path: `/api/public/cases/${f.trackingToken}` })],
  'POST /api/public/cases/lookup': [everyone, () => ({ path: '/api/public/cases/lookup', body: {} })],
  // Residents told and heard (issue 18): no account; empty or malformed requests get past to a 400, nothing changes.
  'POST /api/public/cases/:token/rating': [everyone, (f) => ({ path: `/api/public/cases/${f.trackingToken}/rating`, body: {} })],
  'POST /api/public/cases/:token/reopen': [everyone, (f) => ({ path: `/api/public/cases/${f.trackingToken}/reopen`, body: {} })],
  'GET /api/public/cases/:token/photos/:id/:variant': [everyone, (f) => ({ path: `/api/public/cases/${f.trackingToken}/photos/${f.photoId}/poster` })],
  'POST /api/public/cases/:token/stop-notifications': [everyone, () => ({ path: '/api/public/cases/not!a!token/stop-notifications' })],
  'GET /api/public/nearby-cases': [everyone, (f) => ({ path: `/api/public/nearby-cases?categoryCode=city.litter&lat=${f.grid.centroid.lat}&lng=${f.grid.centroid.lng}` })],
  'POST /api/public/follows': [everyone, () => ({ path: '/api/public/follows', body: {} })],
  // The body is checked before the case is looked up: every writer gets past the role to a 400.
  'PUT /api/cases/:id/attachments/:attachmentId/public': [roles(...CASE_WRITER_ROLES), (f) => ({ path: `/api/cases/${f.caseId}/attachments/${f.photoId}/public`, body: {} })],
  'GET /api/cases/:id/notifications': [scoped('case'), (f) => ({ path: `/api/cases/${f.caseId}/notifications` })],
  'GET /api/calendar': [signedIn, () => ({ path: '/api/calendar' })],
  // An empty body: the admin gets past role and scope to a 400, nothing changes.
  'PUT /api/calendar/years/:year': [roles('admin'), () => ({ path: '/api/calendar/years/2031', body: {} })],
  'PUT /api/calendar/hours': [roles('admin'), () => ({ path: '/api/calendar/hours', body: {} })],
  // Assessment: the units of G (district-wide roles, G's leaders, G's own worker for their grid); a department sees its own line only.
  'GET /api/assessment': [only(...ASSESSMENT_OF_G), (f) => ({ path: `/api/assessment?level=grid&areaId=${f.grid.id}&from=2026-01-01&to=2026-12-31` })],
  'GET /api/assessment/export': [only(...ASSESSMENT_OF_G), (f) => ({ path: `/api/assessment/export?level=grid&areaId=${f.grid.id}&from=2026-01-01&to=2026-12-31&format=csv` })],
  'GET /api/assessment/cases': [only(...ASSESSMENT_OF_G), (f) => ({ path: `/api/assessment/cases?level=grid&unitId=${f.grid.id}&figure=reported&from=2026-01-01&to=2026-12-31` })],
  'GET /api/assessment/ledger': [only(...LEDGER_OF_G_WORKER), (f) => ({ path: `/api/assessment/ledger?userId=${f.workerId}&from=2026-01-01&to=2026-12-31` })],
  'GET /api/assessment/appeals': [signedIn, () => ({ path: '/api/assessment/appeals' })],
  // Empty bodies: whoever may appeal, decide or configure gets past role and scope to a 400; nothing changes.
  'POST /api/assessment/appeals': [signedIn, () => ({ path: '/api/assessment/appeals', body: {} })],
  'POST /api/assessment/appeals/:id/decide': [roles('assessor', 'admin'), () => ({ path: '/api/assessment/appeals/00000000-0000-4000-8000-000000000000/decide', body: {} })],
  // Unlocking an account that is not locked changes nothing but an audit line.
  'POST /api/admin/users/:id/unlock': [roles('admin'), (f) => ({ path: `/api/admin/users/${f.workerId}/unlock` })],
  'GET /api/assessment/config': [signedIn, () => ({ path: '/api/assessment/config' })],
  'GET /api/analysis/hotspots': [scoped('village', ...ANALYSIS_ROLES), (f) => ({ path: `/api/analysis/hotspots?areaId=${f.village.id}&from=2026-01-01&to=2026-01-31` })],
  'POST /api/analysis/monthly-tasks': [scoped('grid', ...MONTHLY_TASK_OPENERS), (f) => ({ path: '/api/analysis/monthly-tasks', body: monthlyTask(f) })],
  'GET /api/analysis/monthly-tasks': [roles(...ANALYSIS_ROLES), () => ({ path: '/api/analysis/monthly-tasks' })],
  'GET /api/analysis/monthly-tasks/:id': [scoped('grid', ...ANALYSIS_ROLES), (f) => ({ path: `/api/analysis/monthly-tasks/${f.monthlyTaskId}` })],
  'POST /api/analysis/monthly-tasks/:id/milestones/:index': [scoped('grid', ...ANALYSIS_ROLES), (f) => ({ path: `/api/analysis/monthly-tasks/${f.monthlyTaskId}/milestones/0`, body: { done: true } })],
  'GET /api/analysis/trends': [scoped('village', ...ANALYSIS_ROLES), (f) => ({ path: `/api/analysis/trends?areaId=${f.village.id}` })],
  'GET /api/briefings/daily': [roles(...ANALYSIS_ROLES), () => ({ path: '/api/briefings/daily' })],
  'GET /api/briefings/weekly': [roles(...ANALYSIS_ROLES), () => ({ path: '/api/briefings/weekly' })],
  'GET /api/briefings': [roles(...ANALYSIS_ROLES), () => ({ path: '/api/briefings' })],
  // Nothing is archived in the matrix's run (no set time passes): everyone allowed past the role gets 404, others 403.
  'GET /api/briefings/archive/:id': [() => false, () => ({ path: `/api/briefings/archive/${randomUUID()}` })],
  'GET /api/analysis/recurrences': [scoped('village', ...ANALYSIS_ROLES), (f) => ({ path: `/api/analysis/recurrences?areaId=${f.village.id}&from=2026-01-01&to=2026-01-31` })],
  // Reward and penalty points, public notice (issue 23): assessors write; anyone signed in reads their own points and the notices.
  'GET /api/assessment/adjustments': [signedIn, () => ({ path: '/api/assessment/adjustments' })],
  'POST /api/assessment/adjustments': [roles('assessor', 'admin'), () => ({ path: '/api/assessment/adjustments', body: {} })],
  'POST /api/assessment/adjustments/:id/decide': [roles('assessor', 'admin'), () => ({ path: '/api/assessment/adjustments/00000000-0000-4000-8000-000000000000/decide', body: {} })],
  'POST /api/assessment/adjustments/:id/appeal': [signedIn, () => ({ path: '/api/assessment/adjustments/00000000-0000-4000-8000-000000000000/appeal', body: {} })],
  'POST /api/assessment/adjustments/:id/appeal/decide': [roles('assessor', 'admin'), () => ({ path: '/api/assessment/adjustments/00000000-0000-4000-8000-000000000000/appeal/decide', body: {} })],
  'GET /api/assessment/publications': [signedIn, () => ({ path: '/api/assessment/publications' })],
  'GET /api/assessment/publications/:id': [signedIn, (f) => ({ path: `/api/assessment/publications/${f.publicationId}` })],
  'POST /api/assessment/publications': [roles('assessor', 'admin'), () => ({ path: '/api/assessment/publications', body: {} })],
  // People administration (issue 17): admins only; writes name a malformed id or carry an empty body, so the admin gets past role to a 400.
  // The responsibility list (issue 17): the public list needs no sign-in; edits are the administrator's.
  'GET /api/public/responsibilities': [everyone, () => ({ path: '/api/public/responsibilities' })],
  'POST /api/admin/categories': [roles('admin'), () => ({ path: '/api/admin/categories', body: {} })],
  'PUT /api/admin/categories/:code': [roles('admin'), () => ({ path: '/api/admin/categories/city.litter', body: {} })],
  'GET /api/admin/categories/:code/versions': [roles('admin'), () => ({ path: '/api/admin/categories/city.litter/versions' })],
  // Territory versions (issue 17): an unknown import id answers 400 past the role check (a uuid is required).
  'POST /api/admin/territory/imports': [roles('admin'), () => ({ path: '/api/admin/territory/imports', body: {} })],
  'GET /api/admin/territory/imports/:id': [roles('admin'), () => ({ path: '/api/admin/territory/imports/not-an-import' })],
  'PUT /api/admin/territory/imports/:id/mapping': [roles('admin'), () => ({ path: '/api/admin/territory/imports/not-an-import/mapping', body: {} })],
  'GET /api/admin/territory/imports/:id/preview': [roles('admin'), () => ({ path: '/api/admin/territory/imports/not-an-import/preview' })],
  'POST /api/admin/territory/imports/:id/apply': [roles('admin'), () => ({ path: '/api/admin/territory/imports/not-an-import/apply', body: {} })],
  'POST /api/admin/territory/edits': [roles('admin'), () => ({ path: '/api/admin/territory/edits', body: {} })],
  'GET /api/admin/territory/staffing': [roles('admin'), () => ({ path: '/api/admin/territory/staffing' })],
  'GET /api/territory/versions': [roles('admin', 'zone_leader', 'operator', 'assessor'), () => ({ path: '/api/territory/versions' })],
  'GET /api/territory/versions/compare': [roles('admin', 'zone_leader', 'operator', 'assessor'), () => ({ path: '/api/territory/versions/compare?from=1&to=1' })],
  'GET /api/admin/people': [roles('admin'), () => ({ path: '/api/admin/people?q=grid' })],
  'GET /api/admin/people/post-types': [roles('admin'), () => ({ path: '/api/admin/people/post-types' })],
  'GET /api/admin/people/:id': [roles('admin'), (f) => ({ path: `/api/admin/people/${f.workerId}` })],
  'POST /api/admin/people/:id/posts': [roles('admin'), (f) => ({ path: `/api/admin/people/${f.workerId}/posts`, body: {} })],
  'POST /api/admin/people/:id/posts/:postId/end': [roles('admin'), (f) => ({ path: `/api/admin/people/${f.workerId}/posts/not-a-post/end`, body: {} })],
  'PUT /api/admin/people/:id/status': [roles('admin'), (f) => ({ path: `/api/admin/people/${f.workerId}/status`, body: {} })],
  'POST /api/admin/people/:id/password-reset': [roles('admin'), () => ({ path: '/api/admin/people/not-a-person/password-reset' })],
  'GET /api/admin/people/template': [roles('admin'), () => ({ path: '/api/admin/people/template?format=csv' })],
  'POST /api/admin/people/imports': [roles('admin'), () => ({ path: '/api/admin/people/imports', body: {} })],
  'GET /api/admin/people/imports/:id': [roles('admin'), () => ({ path: '/api/admin/people/imports/not-an-import' })],
  'POST /api/admin/people/imports/:id/apply': [roles('admin'), () => ({ path: '/api/admin/people/imports/not-an-import/apply' })],
  'GET /api/admin/pairings': [roles('admin'), () => ({ path: '/api/admin/pairings' })],
  'PUT /api/admin/pairings/villages/:villageId': [roles('admin'), (f) => ({ path: `/api/admin/pairings/villages/${f.village.id}`, body: {} })],
  'GET /api/departments/paired': [signedIn, (f) => ({ path: `/api/departments/paired?areaId=${f.grid.id}` })],
  'POST /api/assessment/config': [roles('assessor', 'admin'), () => ({ path: '/api/assessment/config', body: {} })],
  // Open311 is public: residents' apps hold no account; a request needs the client's API key, not a token.
  'GET /open311/v2': [everyone, () => ({ path: '/open311/v2' })],
  'GET /open311/v2/:file': [everyone, () => ({ path: '/open311/v2/services.json' })],
  'GET /open311/v2/services/:file': [everyone, () => ({ path: '/open311/v2/services/livelihood.road.json' })],
  'GET /open311/v2/requests/:file': [everyone, (f) => ({ path: `/open311/v2/requests/${f.caseCode}.json` })],
  'GET /open311/v2/tokens/:file': [everyone, (f) => ({ path: `/open311/v2/tokens/${f.trackingToken}.json` })],
  // An unknown service: every caller with the key gets past authentication to a 400, nothing is written.
  'POST /open311/v2/:file': [everyone, () => ({ path: '/open311/v2/requests.json', body: { api_key: 'demo-open311-key', service_code: 'no.such.service', lat: 0, long: 0 } })],
  // A grid worker's patrol is in their own grid wherever they stand; those serving a village start in G only if it is theirs.
  'POST /api/patrols': [
    (p) => roles('grid_worker')(p) || scoped('grid', 'grid_leader', 'village_cadre')(p),
    (f) => ({ path: '/api/patrols', body: { id: randomUUID(), startedAt: new Date().toISOString(), location: f.grid.centroid } }),
  ],
  // Writes to a patrol are its worker's alone (anyone else: 404). Points after its end get past to a 400.
  'POST /api/patrols/:id/points': [(p) => p === 'grid_worker/own', (f) => ({ path: `/api/patrols/${f.patrolId}/points`, body: { points: [{ ...f.grid.centroid, at: f.patrolEndedAt }] } })],
  'POST /api/patrols/:id/visits': [(p) => p === 'grid_worker/own', (f) => ({ path: `/api/patrols/${f.patrolId}/visits`, body: { id: randomUUID(), kind: 'place', label: '村口桥', location: f.grid.centroid, at: f.patrolEndedAt } })],
  'POST /api/patrols/:id/end': [(p) => p === 'grid_worker/own', (f) => ({ path: `/api/patrols/${f.patrolId}/end`, body: { endedAt: f.patrolEndedAt } })],
  // Listing G's patrols: the district, G's leaders and G's own worker; anyone else naming G is refused (403).
  'GET /api/patrols': [scoped('grid', ...PATROL_ROLES, ...PATROL_VIEWER_ROLES), (f) => ({ path: `/api/patrols?areaId=${f.grid.id}` })],
  // The 12345 hotline bridge. Orders are signed by the client, not a token: without a signature everyone gets 401;
  // photo links are signed too. hotline*.e2e-spec.ts cover the allowed paths of the routes below that need a work order.
  'POST /api/hotline/orders': [only(), () => ({ path: '/api/hotline/orders', body: {} })],
  'GET /api/hotline/photos/:id': [only(), (f) => ({ path: `/api/hotline/photos/${f.photoId}?sig=${'0'.repeat(64)}` })],
  'GET /api/admin/integration-clients': [roles('admin'), () => ({ path: '/api/admin/integration-clients' })],
  'POST /api/admin/integration-clients': [roles('admin'), () => ({ path: '/api/admin/integration-clients', body: {} })],
  // An unknown client: the admin gets past the guard to a 404.
  'POST /api/admin/integration-clients/:id/revoke': [only(), () => ({ path: `/api/admin/integration-clients/${randomUUID()}/revoke`, body: {} })],
  'GET /api/admin/hotline/category-mappings': [roles('admin', 'operator'), () => ({ path: '/api/admin/hotline/category-mappings' })],
  'PUT /api/admin/hotline/category-mappings/:hotlineCategory': [roles('admin'), () => ({ path: '/api/admin/hotline/category-mappings/matrix', body: {} })],
  'DELETE /api/admin/hotline/category-mappings/:hotlineCategory': [roles('admin'), () => ({ path: '/api/admin/hotline/category-mappings/no-such-mapping' })],
  'POST /api/admin/hotline/imports': [roles('admin', 'operator'), () => ({ path: '/api/admin/hotline/imports', body: {} })],
  'GET /api/admin/outbox': [roles('admin', 'operator'), () => ({ path: '/api/admin/outbox' })],
  'GET /api/admin/outbox/summary': [roles('admin', 'operator'), () => ({ path: '/api/admin/outbox/summary' })],
  'GET /api/hotline/work-orders': [roles('admin', 'operator'), () => ({ path: '/api/hotline/work-orders' })],
  'POST /api/hotline/work-orders/:id/place': [roles('admin', 'operator'), () => ({ path: `/api/hotline/work-orders/${randomUUID()}/place`, body: {} })],
  'POST /api/hotline/work-orders/:id/reviewed': [only(), () => ({ path: `/api/hotline/work-orders/${randomUUID()}/reviewed`, body: {} })],
  'GET /api/hotline/figures': [roles('assessor', 'admin', 'operator'), () => ({ path: '/api/hotline/figures?level=zone&from=2026-01-01&to=2026-12-31' })],
  // G's case came from no hotline: whoever passes the guard (and sees the case) gets 404.
  'GET /api/hotline/cases/:caseId/work-order': [only(), (f) => ({ path: `/api/hotline/cases/${f.caseId}/work-order` })],
  'POST /api/hotline/cases/:caseId/return': [roles('grid_worker', 'grid_leader', 'village_cadre', 'zone_leader', 'dept_staff', 'dept_head', 'operator', 'admin'), (f) => ({ path: `/api/hotline/cases/${f.caseId}/return`, body: {} })],
  'POST /api/hotline/cases/:caseId/return/approve': [only(), (f) => ({ path: `/api/hotline/cases/${f.caseId}/return/approve`, body: {} })],
  'POST /api/hotline/cases/:caseId/return/deny': [only(), (f) => ({ path: `/api/hotline/cases/${f.caseId}/return/deny`, body: {} })],
  'GET /api/patrols/:id': [(p) => p === 'grid_worker/own' || scoped('grid', ...PATROL_VIEWER_ROLES)(p), (f) => ({ path: `/api/patrols/${f.patrolId}` })],
  // The rota: administrators, and the zone leader of G's zone (another zone's: 403). Rows in 2031 leave today's dispatch alone;
  // a repeated shift overlaps (409: past role and scope).
  'GET /api/admin/shifts': [ROTA_EDITORS, (f) => ({ path: `/api/admin/shifts?areaId=${f.grid.id}&from=2031-01-01T00:00:00Z&to=2031-01-08T00:00:00Z` })],
  'POST /api/admin/shifts': [ROTA_EDITORS, (f) => ({ path: '/api/admin/shifts', body: rotaShift(f) })],
  'PUT /api/admin/shifts/:id': [ROTA_EDITORS, async (f) => ({ path: `/api/admin/shifts/${await f.freshRota('shifts')}`, body: rotaShift(f) })],
  'DELETE /api/admin/shifts/:id': [ROTA_EDITORS, async (f) => ({ path: `/api/admin/shifts/${await f.freshRota('shifts')}` })],
  'GET /api/admin/shift-patterns': [ROTA_EDITORS, (f) => ({ path: `/api/admin/shift-patterns?areaId=${f.grid.id}` })],
  'POST /api/admin/shift-patterns': [ROTA_EDITORS, (f) => ({ path: '/api/admin/shift-patterns', body: rotaPattern(f) })],
  'PUT /api/admin/shift-patterns/:id': [ROTA_EDITORS, async (f) => ({ path: `/api/admin/shift-patterns/${await f.freshRota('shift-patterns')}`, body: rotaPattern(f) })],
  'DELETE /api/admin/shift-patterns/:id': [ROTA_EDITORS, async (f) => ({ path: `/api/admin/shift-patterns/${await f.freshRota('shift-patterns')}` })],
  'GET /api/admin/leaves': [ROTA_EDITORS, (f) => ({ path: `/api/admin/leaves?areaId=${f.grid.id}&from=2031-01-01T00:00:00Z&to=2031-01-08T00:00:00Z` })],
  'POST /api/admin/leaves': [ROTA_EDITORS, (f) => ({ path: '/api/admin/leaves', body: rotaLeave(f) })],
  'DELETE /api/admin/leaves/:id': [ROTA_EDITORS, async (f) => ({ path: `/api/admin/leaves/${await f.freshRota('leaves')}` })],
  // The template is the same for everyone who may import.
  'GET /api/admin/rota/template': [roles('admin', 'zone_leader'), () => ({ path: '/api/admin/rota/template' })],
  // Not a workbook: whoever may import gets past the role to a 400 (rows are scoped one by one, not the upload).
  'POST /api/admin/rota/imports': [roles('admin', 'zone_leader'), () => ({ path: '/api/admin/rota/imports', photo: true })],
  // An invalid import of the admin's: the admin gets past to a 409; a zone leader sees only their own imports (404).
  'POST /api/admin/rota/imports/:id/apply': [only('admin'), (f) => ({ path: `/api/admin/rota/imports/${f.rotaImportId}/apply`, body: {} })],
  'GET /api/areas/:id/on-duty': [scoped('grid'), (f) => ({ path: `/api/areas/${f.grid.id}/on-duty` })],
  'GET /api/departments/:id/on-duty': [signedIn, (f) => ({ path: `/api/departments/${f.departmentId}/on-duty` })],
  'GET /api/rota/board': [scoped('village'), (f) => ({ path: `/api/rota/board?areaId=${f.village.id}` })],
  // Anyone may check in; without a shift now the answer is 409 (past role and scope).
  'POST /api/shifts/check-in': [signedIn, (f) => ({ path: '/api/shifts/check-in', body: f.grid.centroid })],
  'GET /api/shifts/mine': [signedIn, () => ({ path: '/api/shifts/mine' })],
  // Sensors (物联感知). Alarms are signed by the platform, not a token: without a signature everyone gets 401
  // (sensors*.e2e-spec.ts cover the allowed paths). The wall's devices: every signed-in role, narrowed by scope.
  'POST /api/sensors/alarms': [only(), () => ({ path: '/api/sensors/alarms', body: {} })],
  'GET /api/sensors/devices': [signedIn, () => ({ path: '/api/sensors/devices' })],
  // The registry is the administrators': an empty body or upload gets them past the role to a 400; an unknown id to a 404 (nobody).
  'POST /api/admin/devices': [roles('admin'), () => ({ path: '/api/admin/devices', body: {} })],
  'GET /api/admin/devices': [roles('admin'), () => ({ path: '/api/admin/devices' })],
  'GET /api/admin/devices/:id': [only(), () => ({ path: `/api/admin/devices/${randomUUID()}` })],
  'PATCH /api/admin/devices/:id': [only(), () => ({ path: `/api/admin/devices/${randomUUID()}`, body: {} })],
  'POST /api/admin/devices/:id/retire': [only(), () => ({ path: `/api/admin/devices/${randomUUID()}/retire`, body: {} })],
  'POST /api/admin/devices/imports': [roles('admin'), () => ({ path: '/api/admin/devices/imports', photo: true })],
  'GET /api/admin/devices/imports/:id': [only(), () => ({ path: `/api/admin/devices/imports/${randomUUID()}` })],
  'POST /api/admin/devices/imports/:id/apply': [only(), () => ({ path: `/api/admin/devices/imports/${randomUUID()}/apply`, body: {} })],
  'GET /api/admin/sensor-rules': [roles('admin'), () => ({ path: '/api/admin/sensor-rules' })],
  'PUT /api/admin/sensor-rules/:kind': [roles('admin'), () => ({ path: '/api/admin/sensor-rules/matrix_kind', body: {} })],
};

/**
 * Live-channel rooms (ROOM in @grid/contracts) and who must receive what goes to them. Each is checked
 * with a real push: a case in G handled by department zj (area and department rooms, command), its
 * assignment (the worker's user room), and the position of G's worker (the areas above G, command).
 */
const ROOMS: Record<keyof typeof ROOM, Principal[]> = {
  area: [...OWN_AREA, 'grid_worker/own'],
  department: ['dept_staff/own'],
  command: DISTRICT,
  user: ['grid_worker/own'],
};
const POSITION_RECEIVERS: Principal[] = [...DISTRICT, ...OWN_AREA];

type Outcome = 'allowed' | 'unauthenticated' | 'forbidden' | 'hidden';

/** The state machine's refusals that mean "you reached the case but this step is not yours now", not a denial of access. */
const REACHED_REASONS = new Set(['not_assignee', 'same_actor']);

function outcomeOf(res: request.Response): Outcome {
  if (res.status === 401) return 'unauthenticated';
  if (res.status === 404) return 'hidden';
  if (res.status === 403) return REACHED_REASONS.has(res.body?.reason) ? 'allowed' : 'forbidden';
  if (res.status >= 500) throw new Error(`${res.status}: ${res.text.slice(0, 300)}`);
  return 'allowed';
}

/** Every route the Express router holds, as 'METHOD /path'. */
function registeredRoutes(app: { getHttpAdapter(): { getInstance(): unknown } }): string[] {
  const express = app.getHttpAdapter().getInstance() as { router: { stack: { route?: { path: string; methods: Record<string, boolean> } }[] } };
  return express.router.stack.flatMap((layer) => {
    const methods = Object.keys(layer.route?.methods ?? {}).filter((m) => m !== '_all' && m !== 'head');
    // A route for every method at once is Nest's catch-all for unknown paths (404), not an endpoint; the
    // Swagger UI's own files under /api/docs/ are the static assets of the public docs page.
    if (!layer.route || methods.length > 10 || layer.route.path.startsWith('/api/docs/')) return [];
    return methods.map((m) => `${m.toUpperCase()} ${layer.route?.path}`);
  });
}

describe('authorization matrix', () => {
  const t = useTestApp();
  const sockets = useSockets(t);
  const usernames = {} as Record<Principal, string | null>;
  let fixture: Fixture;
  let rotaCount = 0;

  beforeAll(async () => {
    const grids = (await t.get('admin', '/api/areas?level=grid')).body as AreaDto[];
    const users = (await t.get('admin', '/api/users')).body as UserDto[];
    const grid = grids[7];
    const [districtId, zoneId, villageId] = grid.path;
    const otherGrid = grids.find((g) => g.parentId === villageId && g.id !== grid.id) as AreaDto;
    const otherZoneGrid = grids.find((g) => g.path[1] !== zoneId) as AreaDto;
    const otherVillageId = otherZoneGrid.parentId as string;
    const find = (role: Role, areaId: string | null, departmentCode?: string) => {
      const departments = departmentCode ? users.filter((u) => u.username === `dept_${departmentCode}`) : users.filter((u) => u.role === role && u.areaId === areaId);
      if (!departments[0]) throw new Error(`no ${role} in ${areaId ?? departmentCode}`);
      return departments[0].username;
    };
    Object.assign(usernames, {
      anonymous: null,
      admin: 'admin',
      operator: 'operator',
      assessor: 'assessor',
      'zone_leader/own': find('zone_leader', zoneId),
      'zone_leader/other_zone': find('zone_leader', otherZoneGrid.path[1]),
      'village_cadre/own': find('village_cadre', villageId),
      'village_cadre/other_zone': find('village_cadre', otherVillageId),
      'grid_leader/own': find('grid_leader', villageId),
      'grid_leader/other_zone': find('grid_leader', otherVillageId),
      'grid_worker/own': find('grid_worker', grid.id),
      'grid_worker/other_grid': find('grid_worker', otherGrid.id),
      'grid_worker/other_zone': find('grid_worker', otherZoneGrid.id),
      'dept_staff/own': find('dept_staff', null, 'zj'),
      'dept_staff/other_dept': find('dept_staff', null, 'zhzf'),
    } satisfies Record<Principal, string | null>);
    expect(districtId).toBeDefined();

    const subject = await report(t, 'operator', grid, DEPARTMENT_CATEGORY);
    expect(subject.unit).toMatchObject({ level: 'department' });
    const { accessToken } = await t.login('operator');
    const photo = await request(t.app.getHttpServer()).post(`/api/cases/${subject.id}/attachments`).set('Authorization', `Bearer ${accessToken}`).field('purpose', 'report').attach('file', await jpeg(), 'p.jpg');
    expect(photo.status).toBe(201);
    const patrolId = randomUUID();
    const patrolEndedAt = new Date().toISOString();
    expect((await post(t, usernames['grid_worker/own'] as string, '/api/patrols', { id: patrolId, startedAt: new Date(Date.now() - 3_600_000).toISOString() })).status).toBe(201);
    expect((await post(t, usernames['grid_worker/own'] as string, `/api/patrols/${patrolId}/end`, { endedAt: patrolEndedAt })).status).toBe(200);
    const emptyRota = new ExcelJS.Workbook();
    emptyRota.addWorksheet('rota').addRow(['日期/星期', '网格/部门编码', '用户名', '开始', '结束']);
    const { accessToken: adminToken } = await t.login('admin');
    const rotaImport = await request(t.app.getHttpServer()).post('/api/admin/rota/imports').set('Authorization', `Bearer ${adminToken}`).attach('file', Buffer.from(await emptyRota.xlsx.writeBuffer()), 'rota.xlsx');
    expect(rotaImport.body.status).toBe('invalid');
    const village = (await t.get('admin', `/api/areas/${villageId}`)).body as AreaDto;
    const task = await post(t, 'admin', '/api/analysis/monthly-tasks', monthlyTask({ grid, village }));
    expect(task.status).toBe(201);
    const publication = await post(t, 'assessor', '/api/assessment/publications', { level: 'zone', from: '2026-01-01', to: '2026-01-31' });
    expect(publication.status).toBe(201);
    fixture = {
      publicationId: publication.body.id,
      monthlyTaskId: task.body.id,
      rotaImportId: rotaImport.body.id,
      departmentId: ((await t.get('admin', '/api/departments')).body as { id: string }[])[0].id,
      patrolId,
      patrolEndedAt,
      grid,
      village,
      caseId: subject.id,
      caseCode: subject.code,
      workerId: (users.find((u) => u.username === usernames['grid_worker/own']) as UserDto).id,
      trackingToken: subject.trackingToken as string,
      photoId: photo.body.id,
      freshRota: async (kind) => {
        const bodies = { shifts: { ...rotaShift(fixture), start: `2031-02-${10 + (rotaCount % 15)}T${String(rotaCount % 24).padStart(2, '0')}:00:00Z`, end: `2031-02-${10 + (rotaCount % 15)}T${String(rotaCount % 24).padStart(2, '0')}:30:00Z` }, 'shift-patterns': rotaPattern(fixture), leaves: rotaLeave(fixture) };
        rotaCount += 1;
        const res = await post(t, 'admin', `/api/admin/${kind}`, bodies[kind]);
        if (res.status !== 201) throw new Error(`fresh ${kind}: ${res.status} ${JSON.stringify(res.body)}`);
        return res.body.id as string;
      },
      spareSession: async () => (await request(t.app.getHttpServer()).post('/api/auth/login').send({ username: 'village031', password: DEMO_PASSWORD }).expect(200)).body,
    };
  });

  it('has an entry for every route the application serves, and no entry for a route it does not', () => {
    const served = [...new Set(registeredRoutes(t.app))].sort();
    const listed = Object.keys(ROUTES).sort();
    expect({ missingFromMatrix: served.filter((r) => !listed.includes(r)), notServed: listed.filter((r) => !served.includes(r)) }).toEqual({ missingFromMatrix: [], notServed: [] });
  });

  it.each(Object.entries(ROUTES))('%s', async (route, [rule, build]) => {
    const method = route.split(' ')[0].toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';
    const results: Record<string, string> = {};
    const expected: Record<string, string> = {};
    for (const who of ALL) {
      const call = await build(fixture);
      const username = usernames[who];
      const token = username === null ? null : (call.token ?? (await t.login(username)).accessToken);
      let req = request(t.app.getHttpServer())[method](call.path);
      if (token) req = req.set('Authorization', `Bearer ${token}`);
      const res = call.photo ? await req.field('purpose', 'report').attach('file', await jpeg(), 'p.jpg') : call.body ? await req.send(call.body) : await req;
      const outcome = outcomeOf(res);
      results[who] = outcome === 'allowed' ? 'allow' : who === 'anonymous' && outcome !== 'unauthenticated' ? `deny with ${res.status} (anonymous must get 401)` : 'deny';
      expected[who] = rule(who) ? 'allow' : 'deny';
    }
    expect(results).toEqual(expected);
  });

  it('covers every kind of live-channel room', () => {
    expect(Object.keys(ROOMS).sort()).toEqual(Object.keys(ROOM).sort());
  });

  it('pushes to exactly the rooms each caller belongs to: cases by area, department and command; assignments to the user; positions up the tree', async () => {
    await expect(sockets.connect({})).rejects.toThrow(/unauthorized/);
    const connected = new Map<Principal, ClientSocket>();
    for (const who of ALL) {
      const username = usernames[who];
      if (username) connected.set(who, await sockets.connectAs(username));
    }
    const received = { created: new Set<Principal>(), assigned: new Set<Principal>(), position: new Set<Principal>() };
    let marker = '';
    for (const [who, socket] of connected) {
      // The department's category adds its answer to the description: match its start.
      socket.on('case.created', (push) => marker !== '' && push.case.description.startsWith(marker) && received.created.add(who));
      socket.on('case.assigned', (push) => push.case.description === marker && received.assigned.add(who));
      socket.on('worker.position', (position) => position.lat === 32.7301 && received.position.add(who));
    }
    // A case in G handled by department zj (area, department and command rooms).
    marker = `matrix ${Date.now()}`;
    expect((await post(t, 'operator', '/api/cases', { ...DEPARTMENT_CATEGORY, description: marker, location: fixture.grid.centroid })).status).toBe(201);
    await waitFor(() => received.created.size >= ROOMS.area.length + ROOMS.department.length + ROOMS.command.length);
    expect([...received.created].sort()).toEqual([...ROOMS.area, ...ROOMS.department, ...ROOMS.command].sort());
    // A case dispatched to G's worker: the assignment goes to their user room only.
    marker = `matrix assigned ${Date.now()}`;
    const assigned = next(connected.get('grid_worker/own') as ClientSocket, 'case.assigned');
    expect((await post(t, 'operator', '/api/cases', { categoryCode: 'city.litter', description: marker, location: fixture.grid.centroid })).status).toBe(201);
    await assigned;
    await new Promise((r) => setTimeout(r, 300));
    expect([...received.assigned].sort()).toEqual(ROOMS.user);
    // The worker's position: the leaders of the areas above G and the command centre.
    (connected.get('grid_worker/own') as ClientSocket).emit('worker.position', { lat: 32.7301, lng: 108.8 });
    await waitFor(() => received.position.size >= POSITION_RECEIVERS.length);
    await new Promise((r) => setTimeout(r, 300));
    expect([...received.position].sort()).toEqual([...POSITION_RECEIVERS].sort());
  });
});

async function waitFor(done: () => boolean, ms = 5_000): Promise<void> {
  const until = Date.now() + ms;
  while (!done() && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
  // Give stragglers (a push that should not arrive) a moment to show up.
  await new Promise((r) => setTimeout(r, 300));
}
