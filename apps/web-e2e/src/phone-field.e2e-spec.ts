import type { OnDutyResponse } from '@grid/contracts';
import type { BrowserContext, Page, WebSocketRoute } from 'playwright-core';
import { ApiClient, TINY_PNG, uniqueText, type CaseDetail } from './support/api';
import { describeInBrowser, openPage, openSignedIn, phoneAt, sharedBrowser, signIn, waitForLive } from './support/browser';
import { seriousViolations } from './support/accessibility';
import { smallTargets } from './support/touch-targets';

/** The worker who gets the next case of `grid`'s worker (the on-duty pick), and where to stand. */
async function onDutyIn(operator: ApiClient, grid: string): Promise<{ username: string; centre: { lat: number; lng: number } }> {
  const { area, centre } = await operator.whereIs(grid);
  const duty = await operator.get<OnDutyResponse>(`/api/areas/${area.id}/on-duty`);
  const worker = duty.users.find((u) => u.id === duty.assigneeId);
  if (!worker) throw new Error(`nobody on duty in ${grid}`);
  return { username: worker.username, centre };
}

/** Counts the phone's vibrations (the alert of a new task) in `window.__vibrations`. */
async function countVibrations(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const counted = window as unknown as { __vibrations: number };
    counted.__vibrations = 0;
    Object.defineProperty(navigator, 'vibrate', { configurable: true, value: () => ((counted.__vibrations += 1), true) });
  });
}

/**
 * Lets the page's live channel through a proxy that `lose` cuts as a lost signal does (Chromium's offline
 * switch leaves an open WebSocket alone), refusing new connections until `regain`.
 */
async function signalOf(page: Page, context: BrowserContext): Promise<{ lose(): Promise<void>; regain(): Promise<void> }> {
  let cut = false;
  const open = new Set<WebSocketRoute>();
  await page.routeWebSocket(/socket\.io/, (ws) => {
    if (cut) return void ws.close();
    ws.connectToServer();
    open.add(ws);
  });
  return {
    async lose() {
      cut = true;
      await context.setOffline(true);
      for (const ws of open) await ws.close();
      open.clear();
    },
    async regain() {
      cut = false;
      await context.setOffline(false);
    },
  };
}

async function reportWithPhoto(page: Page, description: string): Promise<void> {
  await page.getByTestId('report-camera').setInputFiles({ name: 'photo.png', mimeType: 'image/png', buffer: TINY_PNG });
  await page.getByTestId('report-sheet').waitFor();
  await page.getByTestId('category-chip').first().click();
  for (const list of await page.locator('[data-testid=extra-fields] select').all()) await list.selectOption({ index: 1 });
  await page.locator('[data-testid=report-sheet] textarea').first().fill(description);
  await page.locator('[data-testid=report-submit]:not([disabled])').click();
}

describeInBrowser('the phone in the field', () => {
  const browser = sharedBrowser();

  it('does not announce the worker’s own offline report as a new task once it is sent', async () => {
    const operator = await ApiClient.signIn('operator');
    const { username, centre } = await onDutyIn(operator, 'grid031');
    const { page, context } = await openSignedIn(browser(), 'phone', username, phoneAt(centre));
    await countVibrations(page);
    const signal = await signalOf(page, context);
    await page.reload();
    await page.getByTestId('list-mine').waitFor();
    await waitForLive(page);

    await signal.lose();
    const description = uniqueText('离线上报');
    await reportWithPhoto(page, description);
    await page.getByTestId('toast').filter({ hasText: '已保存在手机上' }).waitFor();
    await signal.regain();

    const toast = page.getByTestId('toast').filter({ hasText: /HK\d{8}-\d+/ });
    await toast.waitFor({ timeout: 30_000 });
    const code = /HK\d{8}-\d+/.exec(await toast.innerText())?.[0];
    // The channel is back and has replayed what it missed (the creation and the dispatch back to the reporter).
    await waitForLive(page);
    const card = page.locator(`[data-testid=list-mine] [data-testid=task-card][data-case-code="${code}"]`);
    await card.waitFor({ timeout: 10_000 });
    await page.waitForTimeout(1500);
    await expect(card.getAttribute('data-new')).resolves.toBe('false');
    await expect(page.evaluate(() => (window as unknown as { __vibrations: number }).__vibrations)).resolves.toBe(0);
    await context.close();
  });

  it('keeps "reported" on screen its full time after a slow upload', async () => {
    const operator = await ApiClient.signIn('operator');
    const { username, centre } = await onDutyIn(operator, 'grid032');
    const { page, context } = await openSignedIn(browser(), 'phone', username, phoneAt(centre));
    await page.getByTestId('list-mine').waitFor();
    // A 3-second upload on one bar of signal.
    await page.route('**/api/cases', async (route) => {
      if (route.request().method() === 'POST') await new Promise((resolve) => setTimeout(resolve, 3000));
      await route.continue();
    });
    await reportWithPhoto(page, uniqueText('慢速上传'));
    const reported = page.getByTestId('toast').filter({ hasText: /已上报/ });
    await reported.waitFor({ timeout: 20_000 });
    const shownAt = Date.now();
    await reported.waitFor({ state: 'detached', timeout: 10_000 });
    // Five seconds from when it appeared (not from "sending…"), give or take the test's own polling.
    expect(Date.now() - shownAt).toBeGreaterThan(4000);
    await context.close();
  });

  it('puts a newly dispatched case at the top of my tasks, and says how the list is sorted', async () => {
    const operator = await ApiClient.signIn('operator');
    const { username, centre } = await onDutyIn(operator, 'grid033');
    const worker = await ApiClient.signIn(username);
    // Three tasks already waiting, with deadlines before the new one's.
    for (let i = 0; i < 3; i += 1) {
      const created = await operator.createCase({ categoryCode: 'city.litter', description: uniqueText('旧任务'), location: centre });
      expect(created.assigneeId).toBe(worker.user.id);
    }
    const { page, context } = await openSignedIn(browser(), 'phone', username, phoneAt(centre));
    await page.getByTestId('list-mine').waitFor();
    await waitForLive(page);
    await expect(page.getByTestId('sort-note').innerText()).resolves.toContain('新任务在前');

    const created: CaseDetail = await operator.createCase({ categoryCode: 'city.litter', description: uniqueText('新派任务'), location: centre });
    const card = page.locator(`[data-testid=list-mine] [data-testid=task-card][data-case-code="${created.code}"]`);
    await card.waitFor({ timeout: 10_000 });
    await expect(page.locator('[data-testid=list-mine] [data-testid=task-card]').first().getAttribute('data-case-code')).resolves.toBe(created.code);
    await context.close();
  });

  it('gives every control of the worker’s screens a 44 × 44 px target and passes axe-core (WCAG 2.1 AA), in both languages', async () => {
    const operator = await ApiClient.signIn('operator');
    const { username, centre } = await onDutyIn(operator, 'grid034');
    const created = await operator.createCase({ categoryCode: 'city.litter', description: uniqueText('触控目标'), location: centre });
    // Every screen is checked before the verdict, so that one run lists all that is wrong.
    const small: Record<string, string[]> = {};
    const violations: Record<string, string[]> = {};
    const measure = async (page: Page, where: string) => {
      const found = await smallTargets(page);
      if (found.length) small[where] = found;
      const failed = await seriousViolations(page);
      if (failed.length) violations[where] = failed;
    };
    for (const locale of ['zh-CN', 'en']) {
      const login = await openPage(browser(), 'phone');
      await login.context.addInitScript((language) => localStorage.setItem('grid.language', language), locale);
      await login.page.goto('/login');
      await login.page.locator('input[name=username]').waitFor();
      await measure(login.page, `${locale} login`);
      // The resident's tracking page, opened from the receipt's link.
      await login.page.goto(`/track/${created.trackingToken}`);
      await login.page.getByTestId('track-code').waitFor();
      await measure(login.page, `${locale} tracking`);
      await login.context.close();

      const { page, context } = await openPage(browser(), 'phone', phoneAt(centre));
      await context.addInitScript((language) => localStorage.setItem('grid.language', language), locale);
      await signIn(page, username);
      const screens: [string, () => Promise<void>][] = [
        ['tasks', () => page.getByTestId('list-mine').locator('[data-testid=task-card]').first().waitFor()],
        [
          'report sheet',
          async () => {
            await page.getByTestId('report-camera').setInputFiles({ name: 'photo.png', mimeType: 'image/png', buffer: TINY_PNG });
            await page.getByTestId('report-sheet').waitFor();
            await page.locator('[data-testid=report-photo] img, [data-testid=report-sheet] img').first().waitFor();
          },
        ],
        ['task detail', () => page.goto(`/tasks/${created.id}`).then(() => page.locator('[data-testid=case-detail]').waitFor())],
        ['patrol', () => page.goto('/patrol').then(() => page.locator('main').first().waitFor())],
      ];
      for (const [name, open] of screens) {
        await open().catch((error: Error) => {
          throw new Error(`${locale} ${name}: ${error.message}`);
        });
        await page.waitForTimeout(300);
        await measure(page, `${locale} ${name}`);
      }
      await context.close();
    }
    expect(small).toEqual({});
    expect(violations).toEqual({});
  }, 180_000);
});
