import type { Page } from 'playwright-core';
import { describeInBrowser, openSignedIn, sharedBrowser } from './support/browser';

/** Chooses the last village of the list (far from the district's centre) and answers its option's value. */
async function chooseFarVillage(page: Page): Promise<void> {
  const village = page.getByTestId('front-desk-village');
  const value = await village.locator('option:last-child').getAttribute('value');
  if (!value) throw new Error('no village to choose');
  await village.selectOption(value);
}

describeInBrowser('the front desk (一窗受理)', () => {
  const browser = sharedBrowser();

  it('registers an anonymous phone call (来电), and 复制 works or says what to do where the page has no clipboard API', async () => {
    const { context, page } = await openSignedIn(browser(), 'wall', 'operator');
    // A plain-HTTP intranet address has no navigator.clipboard (not a secure context).
    await page.addInitScript(() => Object.defineProperty(Navigator.prototype, 'clipboard', { get: () => undefined }));
    await page.goto('/front-desk');
    const intake = page.getByTestId('front-desk-form');
    await intake.waitFor();
    await intake.getByRole('button', { name: '来电' }).click();
    await page.getByTestId('front-desk-category').selectOption('city.litter');
    await chooseFarVillage(page);
    await page.getByTestId('front-desk-where').filter({ hasText: '网格' }).waitFor();
    await page.getByTestId('front-desk-submit').click();
    const receipt = page.getByTestId('front-desk-receipt');
    await receipt.waitFor();

    await page.getByTestId('receipt-copy').click();
    await page.getByTestId('receipt-copy').filter({ hasText: '已复制' }).or(page.getByTestId('copy-manual')).waitFor({ timeout: 5_000 });
    await context.close();
  });

  it('choosing a village moves the map to it', async () => {
    const { context, page } = await openSignedIn(browser(), 'wall', 'operator');
    await page.goto('/front-desk');
    await page.getByTestId('front-desk-form').waitFor();
    await page.getByTestId('location-picker').locator('.leaflet-container').waitFor();
    await chooseFarVillage(page);
    const marker = page.getByTestId('location-picker').locator('path[stroke="#ffd166"]');
    await marker.waitFor();
    await page.waitForTimeout(500);
    const offset = await page.evaluate(() => {
      const map = document.querySelector('[data-testid=location-picker] .leaflet-container')?.getBoundingClientRect();
      const dot = document.querySelector('[data-testid=location-picker] path[stroke="#ffd166"]')?.getBoundingClientRect();
      if (!map || !dot) return Infinity;
      return Math.hypot(dot.x + dot.width / 2 - (map.x + map.width / 2), dot.y + dot.height / 2 - (map.y + map.height / 2));
    });
    expect(offset).toBeLessThan(30);
    await context.close();
  });
});
