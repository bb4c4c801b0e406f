import * as fs from 'node:fs';
import type { AppealListResponse, AssessmentLedger, AssessmentResponse, UserDto } from '@grid/contracts';
import type { Page } from 'playwright-core';
import { ApiClient } from './support/api';
import { describeInBrowser, openSignedIn, sharedBrowser } from './support/browser';

const rows = (page: Page) => page.getByTestId('ranking-row');

/** The current quarter in the district's time, as the page shows it by default. */
function currentQuarter(): { from: string; to: string } {
  const local = new Date(Date.now() + 8 * 3_600_000);
  const year = local.getUTCFullYear();
  const first = Math.floor(local.getUTCMonth() / 3) * 3;
  const last = new Date(Date.UTC(year, first + 3, 0)).getUTCDate();
  const pad = (n: number) => String(n).padStart(2, '0');
  return { from: `${year}-${pad(first + 1)}-01`, to: `${year}-${pad(first + 3)}-${pad(last)}` };
}

describeInBrowser('the assessment page', () => {
  const browser = sharedBrowser();

  it('ranks the zones and, for the workers, marks the bottom 10 %', async () => {
    const { context, page } = await openSignedIn(browser(), 'wall', 'assessor');
    await page.goto('/assessment');
    await rows(page).first().waitFor();
    await expect(rows(page).count()).resolves.toBe(10);
    await page.locator('[data-testid=zone-chart] canvas').waitFor();
    await page.locator('[data-testid=trend-chart][data-ready=true] canvas').waitFor();

    await page.getByTestId('level-worker').click();
    await page.waitForURL(/level=worker/);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=ranking-row]').length > 100);
    const total = await rows(page).count();
    const bottom = await page.locator('[data-testid=ranking-row][data-bottom=true]').count();
    expect(bottom).toBeGreaterThan(0);
    expect(bottom).toBeLessThanOrEqual(Math.ceil(total * 0.1) + 1);
    // The ranking is in order: ranks ascend down the table.
    const ranks = (await page.locator('[data-testid=ranking-row] td:first-child').allInnerTexts()).map(Number);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    await context.close();
  });

  it('pages a large ranking: ranks run on from page to page, the bottom 10 % are on the last, another level starts at the top', async () => {
    const { context, page } = await openSignedIn(browser(), 'wall', 'assessor');
    await page.goto('/assessment?level=worker&pageSize=100');
    await rows(page).first().waitFor();
    await expect(rows(page).count()).resolves.toBe(100);
    const shown = () => page.locator('[data-testid=ranking-row]').evaluateAll((els) => els.map((e) => [e.getAttribute('data-unit-id'), Number(e.querySelector('td')?.textContent)] as const));
    const first = await shown();
    expect(first[0][1]).toBe(1);
    const pager = page.getByTestId('ranking-pager');
    await pager.getByTestId('page-next').click();
    await page.waitForURL(/[?&]page=2/);
    await page.waitForFunction((firstId) => {
      const top = document.querySelector('[data-testid=ranking-row]');
      return top !== null && top.getAttribute('data-unit-id') !== firstId;
    }, first[0][0]);
    const second = await shown();
    expect(second[0][1]).toBeGreaterThanOrEqual(first[first.length - 1][1]);
    expect(second.filter(([id]) => first.some(([other]) => other === id))).toEqual([]);
    await pager.getByTestId('page-last').click();
    await page.locator('[data-testid=ranking-row][data-bottom=true]').first().waitFor();
    await page.getByTestId('level-grid').click();
    await page.waitForURL((url) => url.searchParams.get('level') === 'grid' && !url.searchParams.has('page'));
    await context.close();
  });

  it('drills from a figure to the cases behind it and opens one', async () => {
    const { context, page } = await openSignedIn(browser(), 'wall', 'assessor');
    await page.goto('/assessment?level=grid');
    await rows(page).first().waitFor();
    // The first grid that reported anything.
    const cell = page.locator('[data-testid=drill-reported]').filter({ hasNotText: /^0$/ }).first();
    const count = Number(await cell.innerText());
    await cell.click();
    const panel = page.getByTestId('drill-down');
    await panel.getByTestId('drill-case').first().waitFor();
    await expect(panel.innerText()).resolves.toContain(String(count));
    const link = panel.locator('[data-testid=drill-case] a').first();
    const code = await link.innerText();
    await link.click();
    await page.waitForURL(/\/desk\/[0-9a-f-]{36}$/);
    await page.locator(`[data-testid=case-detail][data-case-code="${code}"]`).waitFor();
    await context.close();
  });

  it('exports the ranking as Excel and CSV files', async () => {
    const { context, page } = await openSignedIn(browser(), 'wall', 'assessor');
    await page.goto('/assessment?level=zone');
    await rows(page).first().waitFor();
    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-xlsx').click()]);
    expect(xlsx.suggestedFilename()).toMatch(/^assessment-zone-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const xlsxBytes = fs.readFileSync((await xlsx.path()) as string);
    expect(xlsxBytes.subarray(0, 2).toString()).toBe('PK'); // a zip: an Office Open XML workbook
    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
    const text = fs.readFileSync((await csv.path()) as string, 'utf8');
    const lines = text.replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    expect(lines).toHaveLength(11); // a header and the ten zones
    await context.close();
  });

  it('shows a zone leader their zone only', async () => {
    const operator = await ApiClient.signIn('operator');
    const leader = (await operator.get<UserDto[]>('/api/users?role=zone_leader')).find((u) => u.username === 'zone01') as UserDto;
    const day = (daysAgo: number) => new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 10);
    const period = `from=${day(60)}&to=${day(0)}`;
    const { context, page } = await openSignedIn(browser(), 'wall', 'zone01');
    await page.goto(`/assessment?level=village&period=custom&${period}`);
    await rows(page).first().waitFor();
    const shown = await page.locator('[data-testid=ranking-row]').evaluateAll((els) => els.map((e) => e.getAttribute('data-unit-id')));
    const own = await (await ApiClient.signIn('zone01')).get<AssessmentResponse>(`/api/assessment?level=village&${period}`);
    expect(own.rows.length).toBeGreaterThan(0);
    expect(own.rows.every((r) => r.parentAreaId === leader.areaId)).toBe(true);
    expect(shown.sort()).toEqual(own.rows.map((r) => r.unitId).sort());
    await context.close();
  });

  it('lets a worker appeal an attribution (an overdue, a rework) from their ledger and the assessor uphold it', async () => {
    const assessor = await ApiClient.signIn('assessor');
    const { from, to } = currentQuarter();
    const workers = await assessor.get<AssessmentResponse>(`/api/assessment?level=worker&from=${from}&to=${to}`);
    const users = await assessor.get<UserDto[]>('/api/users?role=grid_worker');
    // A grid worker with an attribution they may appeal.
    let found: { username: string; caseCode: string } | null = null;
    for (const row of workers.rows.filter((r) => r.figures.overdue > 0 || r.figures.reworked > 0)) {
      const user = users.find((u) => u.id === row.unitId);
      if (!user) continue;
      const ledger = await assessor.get<AssessmentLedger>(`/api/assessment/ledger?userId=${row.unitId}&from=${from}&to=${to}`);
      const entry = ledger.entries.find((e) => e.appealable !== null);
      if (entry) {
        found = { username: user.username, caseCode: entry.caseCode };
        break;
      }
    }
    if (!found) throw new Error('no grid worker has an appealable attribution in the demo history');

    const worker = await openSignedIn(browser(), 'phone', found.username);
    await worker.page.goto('/assessment');
    await worker.page.getByTestId('my-ledger').click();
    const entry = worker.page.getByTestId('ledger-entry').filter({ hasText: found.caseCode }).filter({ has: worker.page.getByTestId('appeal-open') });
    await entry.first().getByTestId('appeal-open').click();
    await worker.page.getByTestId('appeal-reason').fill('当天暴雨封路，已在案件中说明');
    await worker.page.getByTestId('appeal-submit').click();
    await worker.page.getByTestId('appeal').filter({ hasText: found.caseCode }).waitFor();
    await worker.context.close();

    const desk = await openSignedIn(browser(), 'wall', 'assessor');
    await desk.page.goto('/assessment');
    const appeal = desk.page.getByTestId('appeal').filter({ hasText: found.caseCode });
    await appeal.getByTestId('appeal-note').fill('核实属实，予以核减');
    await appeal.getByTestId('appeal-uphold').click();
    await appeal.waitFor({ state: 'detached' });
    const upheld = await assessor.get<AppealListResponse>('/api/assessment/appeals?status=upheld');
    expect(upheld.items.map((a) => a.caseCode)).toContain(found.caseCode);
    await desk.context.close();
  });
});
