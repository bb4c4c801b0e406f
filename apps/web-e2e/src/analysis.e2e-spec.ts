import type { HotspotResponse, RecurrenceList } from '@grid/contracts';
import { ApiClient, eventually, uniqueText, type AreaDto } from './support/api';
import { baseUrl, describeInBrowser, openCase, openSignedInIn, saveScreenshot, sharedBrowser, type ViewportName, waitForGrids } from './support/browser';

/** The categories of the demo's recurring places (libs/demo-data history-patterns.ts). */
const PLANTED = ['city.garbage_collection', 'street.outside_shop', 'order.noise', 'ecology.dumping', 'city.posters'];

const localDate = (daysAgo = 0) => new Date(Date.now() + 8 * 3_600_000 - daysAgo * 86_400_000).toISOString().slice(0, 10);

/** 研判 (issue 20): the wall's hotspot layer, a recurrence flagged on a new report, a village cadre's own map. */
describeInBrowser('analysis', () => {
  const browser = sharedBrowser();

  it('draws the week’s hotspots on the wall with their statistics, in both languages and three widths', async () => {
    const operator = await ApiClient.signIn('operator');
    const expected = await operator.get<HotspotResponse>(`/api/analysis/hotspots?from=${localDate(6)}&to=${localDate()}`);
    expect(expected.status).toBe('ok');
    expect(expected.hotspots.length).toBeGreaterThan(0);
    for (const [language, viewport] of [['zh-CN', 'wall'], ['en', 'wall'], ['zh-CN', 'desk'], ['en', 'phone']] as const) {
      const { context, page } = await openSignedInIn(browser(), language, viewport, 'operator');
      await page.goto('/command?hotspots=7');
      await waitForGrids(page, 300);
      await page.locator('[data-testid=hotspot-status][data-status=ok]').waitFor();
      await expect(page.getByTestId('hotspot-list').locator('li').count()).resolves.toBe(Math.min(6, expected.hotspots.length));
      await expect(page.getByTestId('hotspot-days-7').getAttribute('aria-pressed')).resolves.toBe('true');
      if (viewport === 'wall') {
        const top = expected.hotspots[0].name;
        await expect(page.getByTestId('hotspot-list').innerText()).resolves.toContain(top);
        // Readable from 5 m on a 1920 × 1080 wall: key figures at least 48 px, their labels 20 px.
        const sizes = await page.getByTestId('key-open').evaluate((dd) => [getComputedStyle(dd).fontSize, getComputedStyle(dd.previousElementSibling as Element).fontSize].map(parseFloat));
        expect(sizes[0]).toBeGreaterThanOrEqual(48);
        expect(sizes[1]).toBeGreaterThanOrEqual(20);
      }
      await saveScreenshot(page, `hotspots-${language}`, viewport as ViewportName);
      await context.close();
    }
  });

  it('opens a 每月一题 task from a hotspot on the wall and shows its before/after measure', async () => {
    const operator = await ApiClient.signIn('operator');
    const departments = await operator.get<{ id: string; code: string }[]>('/api/departments');
    const { context, page } = await openSignedInIn(browser(), 'zh-CN', 'wall', 'operator');
    await page.goto('/command?hotspots=7');
    await page.locator('[data-testid=hotspot-status][data-status=ok]').waitFor();
    await page.getByTestId('open-monthly-task').first().click();
    const form = page.getByTestId('monthly-task-form');
    await form.getByTestId('monthly-task-lead').selectOption((departments.find((d) => d.code === 'zhzf') ?? departments[0]).id);
    await form.getByTestId('monthly-task-submit').click();
    const task = page.getByTestId('monthly-task').first();
    await task.waitFor();
    const measure = task.getByTestId('monthly-task-measure');
    await expect(measure.getAttribute('data-status')).resolves.toBe('too_early');
    await expect(measure.innerText()).resolves.toMatch(/立项前 8 周每周 [\d.]+ 件/);
    await saveScreenshot(page, 'monthly-task', 'wall');
    await context.close();
  });

  it('flags a new report at a recurring place in the case view', async () => {
    const operator = await ApiClient.signIn('operator');
    const list = await operator.get<RecurrenceList>(`/api/analysis/recurrences?from=${localDate(59)}&to=${localDate()}`);
    expect(list.items.length).toBeGreaterThan(0);
    // One of the demo's recurring places (a category whose report needs no extra answers).
    const place = (list.items.find((i) => PLANTED.includes(i.case.categoryCode)) ?? list.items[0]).case;
    const created = await operator.createCase({ categoryCode: place.categoryCode, description: uniqueText('又有人反映'), location: place.location });
    expect(created.recurrence?.timesReported).toBeGreaterThanOrEqual(3);
    for (const language of ['zh-CN', 'en'] as const) {
      const { context, page } = await openSignedInIn(browser(), language, 'desk', 'operator');
      await openCase(page, `/desk/${created.id}`, created.code);
      const note = page.getByTestId('recurrence-note');
      await expect(note.innerText()).resolves.toContain(created.recurrence?.lastClosed.code ?? '?');
      await expect(note.innerText()).resolves.toMatch(language === 'zh-CN' ? /第 \d+ 次上报/ : /Reported here .* \d+ times/);
      await saveScreenshot(page, `recurrence-${language}`, 'desk');
      await context.close();
    }
  });

  it('prints the daily briefing of a zone with its map and chart', async () => {
    const leader = await ApiClient.signIn('zone01');
    const html = await (await fetch(`${baseUrl()}/api/briefings/daily`, { headers: { authorization: `Bearer ${leader.token}` } })).text();
    const { context, page } = await openSignedInIn(browser(), 'zh-CN', 'desk', 'zone01');
    await page.setViewportSize({ width: 900, height: 1400 }); // about an A4 page
    await page.setContent(html);
    await expect(page.locator('h1').innerText()).resolves.toContain('每日简报 · 第一片区');
    await expect(page.locator('svg').count()).resolves.toBeGreaterThanOrEqual(1);
    await saveScreenshot(page, 'briefing', 'desk');
    await context.close();
  });

  it('gives a village cadre the map of their village, live, with its hotspots', async () => {
    const operator = await ApiClient.signIn('operator');
    const { area: village } = await operator.whereIs('village001');
    const grids = await operator.get<AreaDto[]>(`/api/areas?level=grid&parentId=${village.id}`);
    const { context, page } = await openSignedInIn(browser(), 'zh-CN', 'wall', 'village001');
    await page.waitForURL(/\/desk/);
    // The desk keeps its case list first: the analysis unfolds under one line.
    await page.getByTestId('analysis-digest').locator('summary').click();
    await page.getByTestId('week-hotspots').waitFor();
    await saveScreenshot(page, 'village-desk', 'wall');
    await page.goto('/command?hotspots=7');
    await expect(waitForGrids(page, 1)).resolves.toBe(grids.length);
    // Named after the village once its name has arrived (the territory's name until then).
    await page.locator('#map-panel-title', { hasText: village.name }).waitFor();
    await page.locator('[data-testid=hotspot-status]').waitFor();
    const open = async () => Number(await page.getByTestId('key-open').innerText());
    const before = await eventually(open, (n) => Number.isFinite(n));
    await operator.createCase({ categoryCode: 'city.litter', description: uniqueText('村口垃圾'), location: grids[0].centroid });
    await eventually(open, (n) => n === before + 1, 15_000);
    await saveScreenshot(page, 'village-map', 'wall');
    await context.close();
  });
});
