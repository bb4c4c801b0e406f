import type { Page } from 'playwright-core';
import { ApiClient, uniqueText, type CaseDetail, type UserDto } from './support/api';
import { describeInBrowser, openSignedIn, phoneAt, sharedBrowser, waitForLive } from './support/browser';
import { reportWithPhoto } from './support/phone-report';

/** The code in the "reported: HK…" message. */
async function reportedCode(page: Page): Promise<string> {
  const toast = page.getByTestId('toast').filter({ hasText: /HK\d{8}-\d+/ });
  await toast.waitFor({ timeout: 30_000 });
  const match = /HK\d{8}-\d+/.exec(await toast.innerText());
  if (!match) throw new Error('no case code in the message');
  return match[0];
}

describeInBrowser('reporting from the phone', () => {
  const browser = sharedBrowser();

  it('a worker’s report appears on the zone leader’s desk without reload', async () => {
    const operator = await ApiClient.signIn('operator');
    const { area, centre } = await operator.whereIs('grid001');
    const leaders = await operator.get<UserDto[]>('/api/users?role=zone_leader');
    const zoneLeader = leaders.find((u) => u.areaId !== null && area.path.includes(u.areaId));
    if (!zoneLeader) throw new Error('no zone leader above grid001');

    const desk = await openSignedIn(browser(), 'wall', zoneLeader.username);
    await desk.page.goto('/desk');
    await desk.page.getByTestId('case-table').or(desk.page.getByText('没有符合条件的案件')).first().waitFor();
    await waitForLive(desk.page);

    const phone = await openSignedIn(browser(), 'phone', 'grid001', phoneAt(centre));
    const description = uniqueText('井盖缺失');
    await reportWithPhoto(phone.page, description);
    const code = await reportedCode(phone.page);

    const row = desk.page.locator(`[data-testid=case-table] tr[data-case-code="${code}"]`);
    await row.waitFor({ timeout: 10_000 });
    await expect(row.innerText()).resolves.toContain(description);
    // The report carried its photo.
    await row.click();
    await desk.page.locator(`[data-testid=case-detail][data-case-code="${code}"]`).waitFor();
    await desk.page.getByTestId('case-photo').first().waitFor();

    await desk.context.close();
    await phone.context.close();
  });

  it('queues a report made offline and sends it once when the connection returns, even when an answer is lost', async () => {
    const operator = await ApiClient.signIn('operator');
    const { centre } = await operator.whereIs('grid002');
    const phone = await openSignedIn(browser(), 'phone', 'grid002', phoneAt(centre));
    const { page, context } = phone;
    await page.getByTestId('list-mine').waitFor();

    const keys: string[] = [];
    let uploads = 0;
    page.on('request', (request) => {
      if (request.method() !== 'POST') return;
      if (request.url().endsWith('/api/cases')) keys.push(request.headers()['idempotency-key'] ?? '');
      if (request.url().endsWith('/api/attachments')) uploads += 1;
    });
    // The first answer to the report is lost on the way back (the server did create the case).
    let dropped = false;
    await page.route('**/api/cases', async (route) => {
      if (route.request().method() !== 'POST' || dropped) return route.continue();
      dropped = true;
      await route.fetch();
      await route.abort('connectionreset');
    });

    await context.setOffline(true);
    const description = uniqueText('离线上报');
    await reportWithPhoto(page, description);
    await page.getByTestId('toast').filter({ hasText: '已保存在手机上' }).waitFor();
    await expect(page.getByTestId('outbox').innerText()).resolves.toContain('1 项待发送');
    expect(keys).toEqual([]); // nothing left the phone

    await context.setOffline(false);
    const code = await reportedCode(page);
    await page.getByTestId('outbox').waitFor({ state: 'detached' });

    expect(dropped).toBe(true);
    expect(keys.length).toBe(2); // the lost answer made the phone ask again…
    expect(keys[0]).toBe(keys[1]); // …with the same key, so the server answered with the same case
    expect(uploads).toBe(1); // the photo went once
    const found = await operator.casesMatching(description);
    expect(found.items.map((c) => c.code)).toEqual([code]);
    const detail = await operator.get<CaseDetail>(`/api/cases/${found.items[0].id}`);
    expect(detail.attachments).toHaveLength(1);

    await context.close();
  });
});
