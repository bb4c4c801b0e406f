import * as fs from 'node:fs';
import * as path from 'node:path';
import { type Browser, type BrowserContext, type BrowserContextOptions, chromium, type Page } from 'playwright-core';
import { CHROMIUM_ARGS } from '@grid/headless-chromium';

export const VIEWPORTS = {
  wall: { viewport: { width: 1920, height: 1080 }, deviceScaleFactor: 1, isMobile: false, hasTouch: false },
  /** An office desk's screen: the narrowest the desks must fit without sideways scrolling. */
  desk: { viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1, isMobile: false, hasTouch: false },
  phone: { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true },
} as const;
export type ViewportName = keyof typeof VIEWPORTS;

export const DEMO_PASSWORD = 'demo1234';
const SCREENSHOT_DIR = path.resolve(__dirname, '../../screenshots');

/** `describe` when the browser tests can run, `describe.skip` when global setup found no Chromium. */
export const describeInBrowser: jest.Describe = process.env['WEB_E2E_SKIP'] ? describe.skip : describe;

export function baseUrl(): string {
  const url = process.env['WEB_E2E_BASE_URL'];
  if (!url) throw new Error('WEB_E2E_BASE_URL is not set: run through `npx nx test web-e2e` (its global setup starts the server)');
  return url;
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env['WEB_E2E_CHROMIUM'], args: CHROMIUM_ARGS, headless: true });
}

/** A fresh context (its own storage, so its own session and language) with one page. */
export async function openPage(browser: Browser, viewport: ViewportName = 'wall', options: BrowserContextOptions = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ ...VIEWPORTS[viewport], baseURL: baseUrl(), locale: 'zh-CN', ...options });
  const page = await context.newPage();
  return { context, page };
}

/** One Chromium for the tests of a file: launched before them, closed after them. */
export function sharedBrowser(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (!browser) throw new Error('the browser is not running');
    return browser;
  };
}

/** Fills and submits the login form (opening it if needed), without waiting for the outcome. */
export async function submitLogin(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  if (!page.url().includes('/login')) await page.goto('/login');
  await page.locator('input[name=username]').fill(username);
  await page.locator('input[name=password]').fill(password);
  await page.locator('form button[type=submit]').click();
}

/** Signs in through the login form and waits for the page the role lands on. */
export async function signIn(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await submitLogin(page, username, password);
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

/** A fresh page at `viewport`, signed in as `username`. */
export async function openSignedIn(browser: Browser, viewport: ViewportName, username: string, options: BrowserContextOptions = {}): Promise<{ context: BrowserContext; page: Page }> {
  const opened = await openPage(browser, viewport, options);
  await signIn(opened.page, username);
  return opened;
}

/** Opens a case's page (desk, department, the phone's task) and waits for its detail. */
export async function openCase(page: Page, path: string, code: string): Promise<void> {
  await page.goto(path);
  await page.locator(`[data-testid=case-detail][data-case-code="${code}"]`).waitFor();
}

/** A fresh page at `viewport` in `language` (as if chosen earlier with the switch), signed in as `username`. */
export async function openSignedInIn(browser: Browser, language: 'zh-CN' | 'en', viewport: ViewportName, username: string, options: BrowserContextOptions = {}): Promise<{ context: BrowserContext; page: Page }> {
  const opened = await openPage(browser, viewport, options);
  await opened.page.addInitScript((chosen) => localStorage.setItem('grid.language', chosen), language);
  await signIn(opened.page, username);
  return opened;
}

/** A phone standing at `at` with GPS allowed (the worker's view). */
export function phoneAt(at: { lat: number; lng: number }): BrowserContextOptions {
  return { permissions: ['geolocation'], geolocation: { latitude: at.lat, longitude: at.lng, accuracy: 10 } };
}

/** Waits until the page's live channel is connected (the header's dot is green). */
export async function waitForLive(page: Page): Promise<void> {
  await page.locator('[data-testid=live-status][data-state=live]').waitFor({ timeout: 15_000 });
}

export async function waitForGrids(page: Page, atLeast: number): Promise<number> {
  await page.waitForFunction((n) => document.querySelectorAll('path.grid-boundary').length >= n, atLeast);
  return page.locator('path.grid-boundary').count();
}

/** Saves apps/web-e2e/screenshots/<name>-<viewport>.png (gitignored; the best are copied to docs/). */
export async function saveScreenshot(page: Page, name: string, viewport: ViewportName): Promise<void> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.mouse.move(0, 0); // no hover tooltip left over from the last click
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}-${viewport}.png`) });
}
