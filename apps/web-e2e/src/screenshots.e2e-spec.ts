import type { Page } from 'playwright-core';
import { describeInBrowser, openPage, saveScreenshot, sharedBrowser, signIn, submitLogin, VIEWPORTS, type ViewportName, waitForGrids } from './support/browser';

/** Every view, as each kind of user first sees it. */
const VIEWS: { name: string; username: string | null; path?: string; ready?: (page: Page) => Promise<unknown> }[] = [
  { name: 'login', username: null },
  { name: 'command-operator', username: 'operator', ready: (page) => waitForGrids(page, 300) },
  { name: 'command-zone-leader', username: 'zone01', ready: (page) => waitForGrids(page, 1) },
  { name: 'tasks-grid-worker', username: 'grid001' },
  { name: 'desk-village-cadre', username: 'village001' },
  { name: 'department', username: 'dept_zhzf' },
  { name: 'front-desk', username: 'operator', path: '/front-desk' },
  { name: 'assessment', username: 'assessor', path: '/assessment' },
];

describeInBrowser('screenshots of every view', () => {
  const browser = sharedBrowser();

  const cases = VIEWS.flatMap((view) => (Object.keys(VIEWPORTS) as ViewportName[]).map((viewport) => [view.name, viewport, view] as const));

  it.each(cases)('%s at %s', async (name, viewport, view) => {
    const { context, page } = await openPage(browser(), viewport);
    await page.goto('/login');
    if (view.username) await signIn(page, view.username);
    if (view.path) await page.goto(view.path);
    await view.ready?.(page);
    await page.waitForLoadState('networkidle');
    await saveScreenshot(page, name, viewport);
    // Nothing may stick out sideways (a phone would widen its layout viewport to show it).
    const width = VIEWPORTS[viewport].viewport.width;
    await expect(page.evaluate(() => [window.innerWidth, document.documentElement.scrollWidth])).resolves.toEqual([width, width]);
    await context.close();
  });

  it.each(Object.keys(VIEWPORTS) as ViewportName[])('login with an error, and the command centre in English, at %s', async (viewport) => {
    const { context, page } = await openPage(browser(), viewport);
    await submitLogin(page, 'operator', 'wrong');
    await page.getByRole('alert').waitFor();
    await saveScreenshot(page, 'login-error', viewport);
    await page.getByRole('button', { name: 'English' }).click();
    await signIn(page, 'operator');
    await waitForGrids(page, 300);
    await saveScreenshot(page, 'command-operator-en', viewport);
    await context.close();
  });
});
