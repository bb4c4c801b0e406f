import type { OnDutyResponse } from '@grid/contracts';
import type { Browser, BrowserContext, Page, WebSocketRoute } from 'playwright-core';
import sharp from 'sharp';
import { ApiClient, TINY_PNG, uniqueText, type CaseDetail } from './support/api';
import { describeInBrowser, openPage, openSignedIn, phoneAt, sharedBrowser, signIn, waitForLive } from './support/browser';
import { seriousViolations } from './support/accessibility';
import { reportWithPhoto } from './support/phone-report';
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
    // The list follows the replay; with two browser-test runs side by side on two cores it can take a while.
    await card.waitFor({ timeout: 25_000 });
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

  it('shrinks a 3 MB camera photo on the phone and keeps where and when it was taken (EXIF)', async () => {
    const operator = await ApiClient.signIn('operator');
    const { username, centre } = await onDutyIn(operator, 'grid034');
    // Taken yesterday morning 150 m north of where the worker now stands (GPS: 0.00135° of latitude).
    const takenAt = '2026-12-06T08:30:00.000Z';
    const north = centre.lat + 0.00135;
    const dms = (deg: number) => `${Math.floor(deg)}/1 ${Math.floor((deg % 1) * 60)}/1 ${Math.round((((deg % 1) * 60) % 1) * 60 * 10000)}/10000`;
    const noise = Buffer.alloc(1000 * 750 * 3);
    for (let i = 0; i < noise.length; i += 1) noise[i] = (Math.sin(i / 997) * 60 + 128 + Math.random() * 60) | 0;
    const photo = await sharp(noise, { raw: { width: 1000, height: 750, channels: 3 } })
      .resize(4000, 3000)
      .jpeg({ quality: 90 })
      .withExif({
        IFD2: { DateTimeOriginal: '2026:12:06 08:30:00' },
        IFD3: { GPSLatitudeRef: 'N', GPSLatitude: dms(north), GPSLongitudeRef: 'E', GPSLongitude: dms(centre.lng) },
      })
      .toBuffer();
    expect(photo.length).toBeGreaterThan(2_500_000);

    const { page, context } = await openSignedIn(browser(), 'phone', username, { ...phoneAt(centre), timezoneId: 'UTC' });
    await page.getByTestId('list-mine').waitFor();
    const description = uniqueText('相机照片');
    await page.getByTestId('report-camera').setInputFiles({ name: 'IMG_2041.jpg', mimeType: 'image/jpeg', buffer: photo });
    await page.getByTestId('category-chip').first().click();
    for (const list of await page.locator('[data-testid=extra-fields] select').all()) await list.selectOption({ index: 1 });
    await page.locator('[data-testid=report-sheet] textarea').first().fill(description);
    await page.locator('[data-testid=report-submit]:not([disabled])').click();
    await page.getByTestId('toast').filter({ hasText: /已上报/ }).waitFor({ timeout: 30_000 });

    const [summary] = (await operator.casesMatching(description)).items;
    const detail = await operator.get<CaseDetail>(`/api/cases/${summary.id}`);
    const [attachment] = detail.attachments;
    // What the desk needs, not what the camera made: at most 1600 px, a fraction of the bytes.
    expect(attachment.size).toBeLessThan(700_000);
    const stored = await sharp(await operator.bytes(attachment.url)).metadata();
    expect(Math.max(stored.width ?? 0, stored.height ?? 0)).toBeLessThanOrEqual(1600);
    // Where and when the camera says, not where the phone is now.
    expect(attachment.takenAt).toBe(takenAt);
    expect(attachment.location?.lat).toBeCloseTo(north, 4);
    expect(attachment.location?.lng).toBeCloseTo(centre.lng, 4);
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
    const worker = await onDutyIn(operator, 'grid034');
    const created = await operator.createCase({ categoryCode: 'city.litter', description: uniqueText('触控目标'), location: worker.centre });
    // Every screen is checked before the verdict, so that one run lists all that is wrong.
    const small: Record<string, string[]> = {};
    const violations: Record<string, string[]> = {};
    for (const language of ['zh-CN', 'en']) {
      await visitWorkerScreens(browser(), { ...worker, created, language }, async (page, where) => {
        const found = await smallTargets(page);
        if (found.length) small[where] = found;
        const failed = await seriousViolations(page);
        if (failed.length) violations[where] = failed;
      });
    }
    expect(small).toEqual({});
    expect(violations).toEqual({});
  }, 180_000);

  it('has a high-contrast theme for sunlight: one tap, remembered, and every worker’s screen passes axe-core in it', async () => {
    const operator = await ApiClient.signIn('operator');
    const worker = await onDutyIn(operator, 'grid036');
    const { page, context } = await openSignedIn(browser(), 'phone', worker.username, phoneAt(worker.centre));
    await page.getByTestId('list-mine').waitFor();
    const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    await expect(background()).resolves.toBe('rgb(10, 19, 30)');
    await page.getByTestId('contrast-switch').click();
    await expect(page.getByTestId('contrast-switch').getAttribute('aria-pressed')).resolves.toBe('true');
    await expect(background()).resolves.toBe('rgb(255, 255, 255)');
    await page.reload();
    await page.getByTestId('list-mine').waitFor();
    await expect(background()).resolves.toBe('rgb(255, 255, 255)');
    await page.getByTestId('contrast-switch').click();
    await expect(background()).resolves.toBe('rgb(10, 19, 30)');
    await context.close();

    const created = await operator.createCase({ categoryCode: 'city.litter', description: uniqueText('高对比'), location: worker.centre });
    const violations: Record<string, string[]> = {};
    await visitWorkerScreens(browser(), { ...worker, created, language: 'zh-CN', highContrast: true }, async (screen, where) => {
      await expect(screen.evaluate(() => document.documentElement.dataset['contrast'])).resolves.toBe('high');
      const failed = await seriousViolations(screen);
      if (failed.length) violations[where] = failed;
    });
    expect(violations).toEqual({});
  }, 120_000);

  it('costs the battery little: a walking worker’s phone wakes its radio about once a heartbeat (measured over a minute)', async () => {
    const operator = await ApiClient.signIn('operator');
    const { username, centre } = await onDutyIn(operator, 'grid037');
    const { page, context } = await openSignedIn(browser(), 'phone', username, phoneAt(centre));
    await page.getByTestId('list-mine').waitFor();
    await waitForLive(page);
    await page.waitForTimeout(3000); // the start's own requests are over
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    const activity: number[] = [];
    let bytes = 0;
    const frame = (e: { timestamp: number; response: { payloadData: string } }) => {
      activity.push(e.timestamp);
      bytes += e.response.payloadData.length;
    };
    cdp.on('Network.webSocketFrameSent', frame);
    cdp.on('Network.webSocketFrameReceived', frame);
    cdp.on('Network.requestWillBeSent', (e: { timestamp: number }) => activity.push(e.timestamp));
    cdp.on('Network.loadingFinished', (e: { encodedDataLength: number }) => void (bytes += e.encodedDataLength));
    // Walking at about 2 m/s: 10 m every 5 s, a new position beyond the 50 m threshold every 25 s.
    const window = 60;
    for (let s = 5; s <= window; s += 5) {
      await page.waitForTimeout(5000);
      await context.setGeolocation({ latitude: centre.lat + (s * 2) / 111_320, longitude: centre.lng, accuracy: 10 });
    }
    // A radio wakes for a burst and stays up for its tail (seconds): activity within 5 s of the last counts once.
    const bursts = activity.sort((a, b) => a - b).filter((t, i, all) => i === 0 || t - all[i - 1] > 5).length;
    const perHour = { wakeUps: Math.round((bursts * 3600) / window), kilobytes: Math.round((bytes * 3600) / window / 1000) };
    console.log(`[battery] ${bursts} radio bursts and ${bytes} bytes in ${window} s while walking: about ${perHour.wakeUps} wake-ups and ${perHour.kilobytes} kB an hour`);
    // The heartbeat every 50 s is the floor; position reports ride on it (each of their own would add 60 an hour).
    expect(bursts).toBeLessThanOrEqual(3);
    expect(perHour.kilobytes).toBeLessThan(500);
    await context.close();
  }, 120_000);

  it('reads at 200 % text size without losing content or scrolling sideways', async () => {
    const operator = await ApiClient.signIn('operator');
    const worker = await onDutyIn(operator, 'grid035');
    const created = await operator.createCase({ categoryCode: 'city.litter', description: uniqueText('大字号'), location: worker.centre });
    const problems: Record<string, string[]> = {};
    for (const language of ['zh-CN', 'en']) {
      await visitWorkerScreens(browser(), { ...worker, created, language, textSize: '200%' }, async (page, where) => {
        const found = await page.evaluate(() => {
          const out: string[] = [];
          const root = document.documentElement;
          if (root.scrollWidth > root.clientWidth) out.push(`scrolls sideways (${root.scrollWidth} > ${root.clientWidth} px)`);
          // Text cut off with an ellipsis (the name in the header, a label): content lost.
          for (const element of document.querySelectorAll<HTMLElement>('[data-testid=current-user] *, button, label, h1, h2, h3')) {
            if (getComputedStyle(element).textOverflow === 'ellipsis' && element.scrollWidth > element.clientWidth + 1) out.push(`cut: ${element.textContent?.trim().slice(0, 30)}`);
          }
          return out;
        });
        if (found.length) problems[where] = found;
      });
    }
    expect(problems).toEqual({});
  }, 180_000);
});

interface WorkerVisit {
  username: string;
  centre: { lat: number; lng: number };
  /** A case of the worker's, for the task detail and the tracking page. */
  created: CaseDetail;
  language: string;
  /** The root font size, as a phone's larger-text setting sets it. */
  textSize?: string;
  /** The high-contrast theme chosen on the device. */
  highContrast?: boolean;
}

/** Opens each screen a worker or a resident uses on the phone (login, tracking, tasks, report sheet, task detail, patrol) and calls `check` on it. */
async function visitWorkerScreens(browser: Browser, visit: WorkerVisit, check: (page: Page, where: string) => Promise<void>): Promise<void> {
  const prepare = async (context: BrowserContext) => {
    await context.addInitScript((language) => localStorage.setItem('grid.language', language), visit.language);
    if (visit.highContrast) await context.addInitScript(() => localStorage.setItem('grid.contrast', 'high'));
    if (visit.textSize) {
      await context.addInitScript((size) => document.addEventListener('DOMContentLoaded', () => void (document.documentElement.style.fontSize = size)), visit.textSize);
    }
  };
  const step = async (page: Page, name: string, open: () => Promise<unknown>) => {
    await open().catch((error: Error) => {
      throw new Error(`${visit.language} ${name}: ${error.message}`);
    });
    await page.waitForTimeout(300);
    await check(page, `${visit.language} ${name}`);
  };

  const visitor = await openPage(browser, 'phone');
  await prepare(visitor.context);
  await step(visitor.page, 'login', () => visitor.page.goto('/login').then(() => visitor.page.locator('input[name=username]').waitFor()));
  // The resident's tracking page, opened from the receipt's link.
  await step(visitor.page, 'tracking', () => visitor.page.goto(`/track/${visit.created.trackingToken}`).then(() => visitor.page.getByTestId('track-code').waitFor()));
  await visitor.context.close();

  const { page, context } = await openPage(browser, 'phone', phoneAt(visit.centre));
  await prepare(context);
  await signIn(page, visit.username);
  await step(page, 'tasks', () => page.getByTestId('list-mine').locator('[data-testid=task-card]').first().waitFor());
  await step(page, 'report sheet', async () => {
    await page.getByTestId('report-camera').setInputFiles({ name: 'photo.png', mimeType: 'image/png', buffer: TINY_PNG });
    await page.getByTestId('report-sheet').waitFor();
    await page.locator('[data-testid=report-sheet] img').first().waitFor();
  });
  await step(page, 'task detail', () => page.goto(`/tasks/${visit.created.id}`).then(() => page.locator('[data-testid=case-detail]').waitFor()));
  await step(page, 'patrol', () => page.goto('/patrol').then(() => page.locator('main').first().waitFor()));
  await context.close();
}
