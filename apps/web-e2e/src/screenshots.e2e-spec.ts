import type { Page } from 'playwright-core';
import { ApiClient, TINY_PNG, type AreaDto, type CaseDetail, type CategoryDto, type DepartmentDto, type Priority } from './support/api';
import { describeInBrowser, openPage, phoneAt, saveScreenshot, sharedBrowser, signIn, submitLogin, VIEWPORTS, type ViewportName, waitForGrids } from './support/browser';

/** What the views show: cases across the territory, one of them whistled to a department. */
interface Seed {
  workerCase: CaseDetail;
  deskCase: CaseDetail;
  centre: { lat: number; lng: number };
}

const DESCRIPTIONS: Record<string, string> = {
  'city.litter': '路口垃圾堆放，气味较大',
  'street.parking': '电动车乱停占用盲道',
  'safety.ebike': '楼道内电动车充电',
  'livelihood.road': '村道路面坑洼积水',
  'ecology.burning': '田间焚烧秸秆',
  'dispute.neighbour': '邻里因排水发生纠纷',
  'street.vending': '早市占道经营',
  'livelihood.utilities': '路灯不亮',
};

async function seed(): Promise<Seed> {
  const operator = await ApiClient.signIn('operator');
  const grids = await operator.get<AreaDto[]>('/api/areas?level=grid');
  const codes = (await operator.get<CategoryDto[]>('/api/categories')).map((c) => c.code).filter((c) => c in DESCRIPTIONS);
  const priorities: Priority[] = ['normal', 'normal', 'normal', 'urgent', 'normal', 'emergency'];
  for (let i = 0; i < 36; i++) {
    const grid = grids[(i * 37) % grids.length];
    const code = codes[i % codes.length];
    const answers = code === 'livelihood.road' ? { extraFields: { size: 'medium' } } : {};
    await operator.createCase({ categoryCode: code, description: DESCRIPTIONS[code], location: grid.centroid, priority: priorities[i % priorities.length], ...answers });
  }
  const { centre } = await operator.whereIs('grid001');
  const workerCase = await operator.createCase({ categoryCode: 'city.litter', description: '老街口垃圾桶满溢，需清运', location: centre });
  await operator.createCase({ categoryCode: 'safety.ebike', description: '单元楼道电动车飞线充电', location: { lat: centre.lat + 0.001, lng: centre.lng + 0.001 }, priority: 'urgent' });
  const deskCase = await operator.createCase({ categoryCode: 'livelihood.road', description: '老街路面塌陷约一米见方，雨后积水，行人绕行', location: centre, address: '老街 36 号门前', extraFields: { size: 'medium', traffic_blocked: 'yes' } });
  const departments = await operator.get<DepartmentDto[]>('/api/departments');
  const zhzf = departments.find((d) => d.code === 'zhzf');
  if (zhzf) {
    await operator.post(`/api/cases/${deskCase.id}/whistle`, {
      whistleKind: 'tough',
      departments: [{ departmentId: zhzf.id, lead: true, reportInHours: 0.5, handleHours: 48 }],
      note: '请综合执法牵头处置',
    });
  }
  return { workerCase, deskCase, centre };
}

interface View {
  name: string;
  username: string | null;
  path?: (seed: Seed) => string;
  /** Extra steps before the picture (open a sheet, submit a form). */
  act?: (page: Page, seed: Seed) => Promise<unknown>;
  ready?: (page: Page) => Promise<unknown>;
}

/** Every view, as each kind of user sees it on a working day. */
const VIEWS: View[] = [
  { name: 'login', username: null },
  { name: 'command-operator', username: 'operator', ready: (page) => waitForGrids(page, 300).then(() => page.locator('.case-cluster, .case-marker').first().waitFor()) },
  { name: 'command-zone-leader', username: 'zone01', ready: (page) => waitForGrids(page, 1) },
  { name: 'desk-zone-leader', username: 'zone01', path: (s) => `/desk/${s.deskCase.id}`, ready: (page) => page.getByTestId('case-timeline').waitFor() },
  { name: 'desk-village-cadre', username: 'village001', ready: (page) => page.getByTestId('case-table').waitFor() },
  { name: 'tasks-grid-worker', username: 'grid001', ready: (page) => page.getByTestId('task-card').first().waitFor() },
  {
    name: 'tasks-report',
    username: 'grid001',
    act: async (page) => {
      await page.getByTestId('report-camera').setInputFiles({ name: 'photo.png', mimeType: 'image/png', buffer: TINY_PNG });
      await page.getByTestId('category-chip').first().click();
    },
    ready: (page) => page.getByTestId('report-where').filter({ hasText: '网格' }).waitFor(),
  },
  { name: 'tasks-case', username: 'grid001', path: (s) => `/tasks/${s.workerCase.id}`, ready: (page) => page.getByTestId('case-timeline').waitFor() },
  { name: 'department', username: 'dept_zhzf', ready: (page) => page.getByTestId('case-table').waitFor() },
  { name: 'front-desk', username: 'operator', path: () => '/front-desk', ready: (page) => page.locator('path.grid-boundary').first().waitFor() },
  {
    name: 'front-desk-receipt',
    username: 'operator',
    path: () => '/front-desk',
    act: async (page) => {
      await page.locator('input[name=name]').fill('王建国');
      await page.locator('input[name=phone]').fill('13912345678');
      await page.getByTestId('front-desk-category').selectOption('livelihood.assistance');
      await page.getByTestId('front-desk-village').selectOption({ index: 3 });
      await page.locator('input[name=address]').fill('幸福路 8 号');
      await page.getByTestId('front-desk-submit').click();
    },
    ready: (page) => page.getByTestId('receipt-code').waitFor(),
  },
  { name: 'track', username: null, path: (s) => `/track/${s.deskCase.trackingToken}`, ready: (page) => page.getByTestId('track-code').waitFor() },
  { name: 'assessment', username: 'assessor', path: () => '/assessment?level=worker', ready: (page) => page.locator('[data-testid=trend-chart][data-ready=true]').waitFor() },
  { name: 'patrol', username: 'grid001', path: () => '/patrol', ready: (page) => page.locator('[data-testid=patrol-start]:not([disabled])').waitFor() },
];

describeInBrowser('screenshots of every view', () => {
  const browser = sharedBrowser();
  let seeded: Seed;
  beforeAll(async () => {
    seeded = await seed();
  });

  const cases = VIEWS.flatMap((view) => (Object.keys(VIEWPORTS) as ViewportName[]).map((viewport) => [view.name, viewport, view] as const));

  it.each(cases)('%s at %s', async (name, viewport, view) => {
    const { context, page } = await openPage(browser(), viewport, phoneAt(seeded.centre));
    await page.goto('/login');
    if (view.username) await signIn(page, view.username);
    if (view.path) await page.goto(view.path(seeded));
    await view.act?.(page, seeded);
    await view.ready?.(page);
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(300); // map tiles of our own boundaries and fonts settle
    await saveScreenshot(page, name, viewport);
    // Nothing may stick out sideways (a phone would widen its layout viewport to show it).
    const width = VIEWPORTS[viewport].viewport.width;
    await expect(page.evaluate(() => [window.innerWidth, document.documentElement.scrollWidth])).resolves.toEqual([width, width]);
    await context.close();
  });

  it.each(Object.keys(VIEWPORTS) as ViewportName[])('login with an error, and the command centre and the phone in English, at %s', async (viewport) => {
    const { context, page } = await openPage(browser(), viewport, phoneAt(seeded.centre));
    await submitLogin(page, 'operator', 'wrong');
    await page.getByRole('alert').waitFor();
    await saveScreenshot(page, 'login-error', viewport);
    await page.getByRole('button', { name: /^(English|EN)$/ }).click();
    await signIn(page, 'operator');
    await waitForGrids(page, 300);
    await page.waitForLoadState('networkidle');
    await saveScreenshot(page, 'command-operator-en', viewport);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await signIn(page, 'grid001');
    await page.getByTestId('task-card').first().waitFor();
    await saveScreenshot(page, 'tasks-grid-worker-en', viewport);
    await context.close();
  });
});
