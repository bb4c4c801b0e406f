import * as path from 'node:path';
import type { AdjustmentListResponse, AssessmentResponse, PublicationDto } from '@grid/contracts';
import type { Page } from 'playwright-core';
import { ApiClient } from './support/api';
import { describeInBrowser, openSignedIn, sharedBrowser } from './support/browser';

// Taken with the tests into the gitignored folder; the README's copies in docs/screenshots are chosen by hand.
const SCREENSHOTS = path.resolve(__dirname, '../screenshots');
const rows = (page: Page) => page.getByTestId('ranking-row');

/** Issue 23 in the browser: reward and penalty points through their four eyes and the appeal, a public notice, the README's screenshots. */
describeInBrowser('the assessment as the reforms run it', () => {
  const browser = sharedBrowser();

  it('enters penalty points, approves them as a second assessor, lets the worker appeal, and publishes the ranking for notice', async () => {
    const assessor = await ApiClient.signIn('assessor');
    const month = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);
    const workers = await assessor.get<AssessmentResponse>(`/api/assessment?level=worker&period=month&from=${month}-01&to=${month}-28`);
    const target = workers.rows[0];

    // The assessor enters −2 for a complaint upheld, in the worker's ledger.
    const desk = await openSignedIn(browser(), 'desk', 'assessor');
    await desk.page.goto(`/assessment?level=worker&period=custom&from=${month}-01&to=${month}-28`);
    await rows(desk.page).first().waitFor();
    await desk.page.locator(`[data-testid=ranking-row][data-unit-id="${target.unitId}"] [data-testid=open-ledger]`).click();
    await desk.page.getByTestId('adjustment-enter').click();
    await desk.page.getByTestId('adjustment-points-input').fill('-2');
    await desk.page.getByTestId('adjustment-category').selectOption('complaint_upheld');
    await desk.page.getByTestId('adjustment-reason').fill('群众投诉属实：垃圾清运不及时');
    await desk.page.getByTestId('adjustment-submit').click();
    // Empty evidence: the field says so, nothing is written.
    await desk.page.locator('[data-testid=adjustment-evidence][aria-invalid=true]').waitFor();
    await desk.page.getByTestId('adjustment-evidence').fill('12345 热线工单 2026-1207-0042');
    await desk.page.getByTestId('adjustment-submit').click();
    const entered = desk.page.getByTestId('adjustment').filter({ hasText: '群众投诉属实' });
    await entered.waitFor();
    // The one who entered them cannot approve them.
    await expect(entered.getByTestId('adjustment-approve').count()).resolves.toBe(0);
    await desk.context.close();

    // The administrator, a second assessor, approves; the ledger's points move by −2.
    const admin = await openSignedIn(browser(), 'desk', 'admin');
    await admin.page.goto(`/assessment?level=worker&period=custom&from=${month}-01&to=${month}-28`);
    await admin.page.locator(`[data-testid=ranking-row][data-unit-id="${target.unitId}"] [data-testid=open-ledger]`).click();
    const pending = admin.page.getByTestId('adjustment').filter({ hasText: '群众投诉属实' });
    await pending.getByTestId('adjustment-note').fill('核实属实');
    await pending.getByTestId('adjustment-approve').click();
    await admin.page.locator('[data-testid=adjustment][data-status=counts]').filter({ hasText: '群众投诉属实' }).waitFor();
    await expect(admin.page.getByTestId('adjustment-points').innerText()).resolves.toBe('-2');
    await admin.context.close();

    // The worker sees them in their own ledger and appeals.
    const worker = await openSignedIn(browser(), 'phone', target.unitCode);
    await worker.page.goto(`/assessment?level=worker&period=custom&from=${month}-01&to=${month}-28`);
    await worker.page.getByTestId('my-ledger').click();
    const mine = worker.page.getByTestId('adjustment').filter({ hasText: '群众投诉属实' });
    await mine.getByTestId('adjustment-appeal-open').click();
    await worker.page.getByTestId('adjustment-appeal-reason').fill('该路段不属本网格');
    const [appealed] = await Promise.all([
      worker.page.waitForResponse((r) => r.url().endsWith('/appeal') && r.request().method() === 'POST'),
      worker.page.getByTestId('adjustment-appeal-submit').click(),
    ]);
    expect([appealed.status(), await appealed.text()]).toEqual([201, expect.any(String)]);
    await mine.filter({ hasText: '申诉理由：该路段不属本网格' }).waitFor();
    await worker.context.close();
    const listed = await assessor.get<AdjustmentListResponse>(`/api/assessment/adjustments?userId=${target.unitId}`);
    expect(listed.items[0]).toMatchObject({ status: 'approved', appeal: { status: 'pending' } });

    // The assessor publishes the zones' ranking of last quarter; the notice shows names, grades and stars.
    const notice = await openSignedIn(browser(), 'desk', 'assessor');
    await notice.page.goto('/assessment?level=zone&period=custom&from=2026-07-01&to=2026-09-30');
    await rows(notice.page).first().waitFor();
    await notice.page.getByTestId('notice-publish').click();
    await notice.page.getByTestId('notice-table').waitFor();
    await expect(notice.page.locator('[data-testid=notice-table] tbody tr').count()).resolves.toBe(10);
    await expect(notice.page.getByTestId('notice-period').innerText()).resolves.toContain('公示期至');
    const id = new URL(notice.page.url()).searchParams.get('notice') as string;
    expect((await assessor.get<PublicationDto>(`/api/assessment/publications/${id}`)).rows).toHaveLength(10);
    await notice.context.close();
  });

  it('shows the grid workers’ ranking (grid workers only) at 1440 and 1920 px, in Chinese and English: the README’s screenshots', async () => {
    for (const viewport of ['desk', 'wall'] as const) {
      const { context, page } = await openSignedIn(browser(), viewport, 'assessor');
      const width = viewport === 'wall' ? 1920 : 1440;
      for (const language of ['zh-CN', 'en'] as const) {
        await page.evaluate((lang) => localStorage.setItem('grid.language', lang), language);
        await page.goto('/assessment?level=worker');
        await page.locator('[data-testid=trend-chart][data-ready=true]').waitFor();
        await rows(page).first().waitFor();
        await page.waitForLoadState('networkidle');
        // The README shows the Chinese one at 1920 (assessment-1920.png).
        const name = language === 'zh-CN' && viewport === 'wall' ? 'assessment-1920' : `assessment-${language === 'en' ? 'en' : 'zh'}-${width}`;
        await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });
        // Nothing sticks out: not the page, not the side panels.
        await expect(page.evaluate(() => [window.innerWidth, document.documentElement.scrollWidth])).resolves.toEqual([width, width]);
        const notices = await page.getByTestId('notices').evaluate((el) => [el.scrollWidth, el.clientWidth]);
        expect(notices[0]).toBeLessThanOrEqual(notices[1]);
      }
      await context.close();
    }
  });
});
