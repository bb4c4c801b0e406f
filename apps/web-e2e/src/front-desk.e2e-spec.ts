import type { Page } from 'playwright-core';
import { describeInBrowser, openSignedIn, sharedBrowser } from './support/browser';

/** Chooses the last village of the list (far from the district's centre) and answers its option's value. */
async function chooseFarVillage(page: Page): Promise<void> {
  const village = page.getByTestId('front-desk-village');
  const value = await village.locator('option:last-child').getAttribute('value');
  if (!value) throw new Error('no village to choose');
  await village.selectOption(value);
}

/** Litter in the far village, registered: the form filled (the caller's fields before this) and sent. */
async function registerLitter(page: Page): Promise<void> {
  await page.getByTestId('front-desk-category').selectOption('city.litter');
  await chooseFarVillage(page);
  await page.getByTestId('front-desk-where').filter({ hasText: '网格' }).waitFor();
  await page.getByTestId('front-desk-submit').click();
  await page.getByTestId('front-desk-receipt').waitFor();
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
    await registerLitter(page);

    await page.getByTestId('receipt-copy').click();
    await page.getByTestId('receipt-copy').filter({ hasText: '已复制' }).or(page.getByTestId('copy-manual')).waitFor({ timeout: 5_000 });
    await context.close();
  });

  it('prints a receipt slip (code, QR of the tracking link, category, times) without the page around it, and the code with the phone’s last four digits finds the request', async () => {
    const { context, page } = await openSignedIn(browser(), 'wall', 'operator');
    await page.goto('/front-desk');
    await page.getByTestId('front-desk-form').waitFor();
    await page.locator('input[name=name]').fill('李秀英');
    await page.locator('input[name=phone]').fill('139 0000 4321');
    await registerLitter(page);
    const code = (await page.getByTestId('receipt-code').innerText()).trim();
    const link = await page.getByTestId('receipt-link').getAttribute('href');
    await page.getByTestId('receipt-qr').waitFor();
    await expect(page.getByTestId('receipt-qr').evaluate((img: HTMLImageElement) => img.naturalWidth > 0 && img.src.startsWith('data:image/svg+xml'))).resolves.toBe(true);
    // The category by its name, the promise as a date (both wait for the reference data and the case's clocks).
    await page.getByTestId('receipt-category').filter({ hasText: '垃圾' }).waitFor();
    await page.getByTestId('receipt-promised').filter({ hasText: /\d/ }).waitFor();

    // On paper: the slip, not the navigation, the header or the buttons.
    await page.emulateMedia({ media: 'print' });
    const shown = (selector: string) => page.locator(selector).first().evaluate((el) => getComputedStyle(el).visibility === 'visible' && getComputedStyle(el).display !== 'none');
    await expect(shown('[data-testid=receipt-code]')).resolves.toBe(true);
    await expect(shown('[data-testid=receipt-qr]')).resolves.toBe(true);
    await expect(shown('nav')).resolves.toBe(false);
    await expect(shown('[data-testid=receipt-print]')).resolves.toBe(false);
    await page.emulateMedia({ media: 'screen' });
    await context.close();

    // The resident at home, with the slip but without the link.
    const resident = await browser().newContext({ baseURL: process.env['WEB_E2E_BASE_URL'], viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const phone = await resident.newPage();
    await phone.goto('/track');
    await phone.locator('input[name=code]').fill(code);
    await phone.locator('input[name=phoneLast4]').fill('4320');
    await phone.getByRole('button', { name: '查询' }).click();
    await phone.getByTestId('lookup-problem').filter({ hasText: '未找到' }).waitFor();
    await phone.locator('input[name=phoneLast4]').fill('4321');
    await phone.getByRole('button', { name: '查询' }).click();
    await phone.waitForURL((url) => url.pathname === new URL(link as string).pathname);
    await expect(phone.getByTestId('track-code').innerText()).resolves.toContain(code);
    await resident.close();
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
