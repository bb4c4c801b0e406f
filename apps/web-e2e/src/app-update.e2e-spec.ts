import * as fs from 'node:fs';
import * as path from 'node:path';
import { describeInBrowser, openSignedIn, saveScreenshot, sharedBrowser } from './support/browser';
import { WEB_DIST } from './support/test-server';

// The copy of the build that this run's server serves (another shard's server serves its own).
const SW = path.join(process.env['WEB_E2E_WEB_DIST'] ?? WEB_DIST, 'sw.js');

describeInBrowser('a new version deployed', () => {
  const browser = sharedBrowser();
  const original = fs.readFileSync(SW, 'utf8');
  afterAll(() => fs.writeFileSync(SW, original));

  it.each([
    ['zh-CN', '新版本已发布。', '立即更新'],
    ['en', 'A new version is available.', 'Update now'],
  ])('is offered, not forced, and taken on "update" (%s)', async (locale, text, button) => {
    const { context, page } = await openSignedIn(browser(), 'phone', 'grid001', { locale });
    if (locale === 'en') await page.evaluate(() => localStorage.setItem('grid.language', 'en'));
    await page.waitForFunction(() => navigator.serviceWorker?.controller != null, undefined, { timeout: 30_000 });
    await page.reload();

    // A deploy: the service worker file changes; the next load finds it, and it waits for the user.
    fs.writeFileSync(SW, `${original}\n// deployed for ${locale} at ${Date.now()}\n`);
    await page.reload();
    const banner = page.getByTestId('pwa-update');
    await banner.waitFor({ timeout: 30_000 });
    await expect(banner.innerText()).resolves.toContain(text);
    await expect(page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.waiting != null)).resolves.toBe(true);
    await saveScreenshot(page, `pwa-update-${locale}`, 'phone');

    // The new worker takes over and the page reloads itself.
    await Promise.all([page.waitForEvent('load', { timeout: 30_000 }), banner.getByRole('button', { name: button }).click()]);
    await banner.waitFor({ state: 'detached' });
    await expect(page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.waiting == null)).resolves.toBe(true);
    await context.close();
  });
});
