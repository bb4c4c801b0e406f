import type { Role } from '@grid/contracts';

/** The pages of the app, each with the roles that work there (DESIGN §1). */
export const PAGES = {
  // Village cadres get their village's map too (区村两级综治中心, issue 20); their home stays the desk.
  command: { path: '/command', roles: ['operator', 'admin', 'assessor', 'zone_leader', 'village_cadre'] },
  // Assessors read the cases behind a figure here (their actions are none).
  desk: { path: '/desk', roles: ['village_cadre', 'zone_leader', 'operator', 'admin', 'assessor'] },
  tasks: { path: '/tasks', roles: ['grid_worker', 'grid_leader'] },
  department: { path: '/department', roles: ['dept_staff', 'dept_head'] },
  frontDesk: { path: '/front-desk', roles: ['operator', 'admin'] },
  // Everyone sees their part: leaders their area's ranking, a worker or department their own line, ledger and appeals.
  assessment: { path: '/assessment', roles: ['assessor', 'admin', 'operator', 'zone_leader', 'village_cadre', 'grid_leader', 'grid_worker', 'dept_staff', 'dept_head'] },
  patrol: { path: '/patrol', roles: ['grid_worker', 'grid_leader', 'village_cadre'] },
  // The administrator's console (territory, people, rota, responsibility list); zone leaders edit their zone's rota.
  admin: { path: '/admin', roles: ['admin', 'zone_leader'] },
} as const satisfies Record<string, { path: string; roles: readonly Role[] }>;

export type PageKey = keyof typeof PAGES;

/** Navigation order; the first page a role may use is its home page (a zone leader's is the map). */
const ORDER: readonly PageKey[] = ['command', 'tasks', 'desk', 'department', 'frontDesk', 'assessment', 'patrol', 'admin'];

export function mayUse(role: Role, page: PageKey): boolean {
  return (PAGES[page].roles as readonly Role[]).includes(role);
}

export function pagesFor(role: Role): PageKey[] {
  return ORDER.filter((page) => mayUse(role, page));
}

/** Where a role opens one case: the first case page it may use (desk, phone, department). */
export function casePathOf(role: Role, caseId: string): string | null {
  const page = (['desk', 'tasks', 'department'] as const).find((p) => mayUse(role, p));
  return page ? `${PAGES[page].path}/${encodeURIComponent(caseId)}` : null;
}

/** Roles whose home is not the first page of ORDER they may use. */
const HOME: Partial<Record<Role, PageKey>> = { village_cadre: 'desk' };

export function homePathOf(role: Role): string {
  const home = HOME[role] ?? pagesFor(role)[0];
  return home ? PAGES[home].path : '/login';
}

/** The page a path belongs to, if any. */
export function pageAt(pathname: string): PageKey | undefined {
  return ORDER.find((page) => pathname === PAGES[page].path || pathname.startsWith(`${PAGES[page].path}/`));
}
