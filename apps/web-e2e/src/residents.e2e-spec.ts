import type { AttachmentDto, CaseDetail, UserDto } from '@grid/contracts';
import type { Browser } from 'playwright-core';
import { ApiClient, TINY_PNG, uniqueText } from './support/api';
import { baseUrl, describeInBrowser, openCase, openPage, openSignedIn, saveScreenshot, sharedBrowser } from './support/browser';

/** A call the ApiClient does not make: PUT, or a multipart photo. */
async function send<T>(client: ApiClient, method: 'PUT' | 'POST', path: string, body: unknown): Promise<T> {
  const multipart = body instanceof FormData;
  const response = await fetch(`${baseUrl()}${path}`, {
    method,
    headers: { authorization: `Bearer ${client.token}`, ...(multipart ? {} : { 'content-type': 'application/json' }) },
    body: multipart ? body : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path}: HTTP ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** The resident's phone on the tracking page, in a language, without an account. */
async function residentPage(browser: Browser, token: string, language: 'zh-CN' | 'en') {
  const opened = await openPage(browser, 'phone', { locale: language });
  await opened.page.addInitScript((chosen) => localStorage.setItem('grid.language', chosen), language);
  await opened.page.goto(`/track/${token}`);
  await opened.page.getByTestId('track-code').waitFor();
  return opened;
}

describeInBrowser('a resident told and heard on the tracking page (issue 18)', () => {
  const browser = sharedBrowser();

  it('sees the promised time and step, then the result and its public photo; rates, reopens; the case is back at its unit', async () => {
    const operator = await ApiClient.signIn('operator');
    const { centre } = await operator.whereIs('grid001');
    const made = await operator.createCase({ categoryCode: 'city.litter', description: uniqueText('路口垃圾'), location: centre, reporter: { name: '李女士', phone: '13712345678' } });
    // The grid's worker on duty (a grid with two workers gives it to the less loaded one).
    const assignee = (await operator.get<UserDto[]>(`/api/users?areaId=${made.gridId}`)).find((u) => u.id === made.assigneeId);
    if (!assignee) throw new Error(`${made.code} went to nobody in its grid`);
    const worker = await ApiClient.signIn(assignee.username);

    const { context, page } = await residentPage(browser(), made.trackingToken, 'zh-CN');
    await page.locator('[data-testid=track-step][data-step=handling]').waitFor();
    await page.getByTestId('track-promise').filter({ hasText: '承诺办结时间' }).waitFor();
    await page.getByTestId('track-notifications').filter({ hasText: '137****5678' }).waitFor();
    await saveScreenshot(page, 'track-handling-zh-CN', 'phone');

    // The grid worker handles it with a result photo marked public; the front desk verifies and closes.
    for (const action of ['accept', 'start']) await worker.post(`/api/cases/${made.id}/${action}`, {});
    const form = new FormData();
    form.set('purpose', 'result');
    form.set('file', new Blob([TINY_PNG], { type: 'image/png' }), 'result.png');
    const photo = await send<AttachmentDto>(worker, 'POST', `/api/cases/${made.id}/attachments`, form);
    await worker.post(`/api/cases/${made.id}/complete`, { note: '垃圾已清运，路口已冲洗', photoIds: [photo.id] });
    await send(worker, 'PUT', `/api/cases/${made.id}/attachments/${photo.id}/public`, { public: true });
    for (const action of ['verify', 'close']) await operator.post(`/api/cases/${made.id}/${action}`, {});

    await page.reload();
    await page.getByTestId('track-result').filter({ hasText: '垃圾已清运，路口已冲洗' }).waitFor();
    await page.getByTestId('track-photo').waitFor();
    // The public photo is drawn (decoded), not just placed: wait for its pixels.
    await page.waitForFunction(() => {
      const img = document.querySelector<HTMLImageElement>('[data-testid=track-photo]');
      return img !== null && img.complete && img.naturalWidth > 0;
    });
    await page.getByTestId('track-rate').getByRole('radio', { name: '满意', exact: true }).check();
    await page.getByTestId('track-rate').locator('textarea').fill('清理及时');
    await page.getByTestId('track-rate').getByRole('button', { name: '提交评价' }).click();
    await page.getByTestId('track-rated').filter({ hasText: '4 星' }).waitFor();
    await saveScreenshot(page, 'track-closed-zh-CN', 'phone');

    await page.getByTestId('track-reopen-open').click();
    await page.getByTestId('track-reopen').locator('textarea').fill('第二天又有人倒垃圾');
    await page.getByTestId('track-reopen').getByRole('button', { name: '提交重办申请' }).click();
    await page.locator('[data-testid=track-step][data-step=handling]').waitFor();
    await context.close();

    // English, at the phone's width, as the resident left it.
    const english = await residentPage(browser(), made.trackingToken, 'en');
    await english.page.getByTestId('track-promise').filter({ hasText: 'Promised by' }).waitFor();
    await saveScreenshot(english.page, 'track-reopened-en', 'phone');
    await english.context.close();

    // On the desk the case is back with the grid and its worker, the resident's words in its timeline.
    const back = await operator.get<CaseDetail>(`/api/cases/${made.id}`);
    expect(back).toMatchObject({ status: 'dispatched', assigneeId: worker.user.id, unit: { level: 'grid' }, rating: 4 });
    const desk = await openSignedIn(browser(), 'desk', 'operator');
    await openCase(desk.page, `/desk/${made.id}`, made.code);
    await desk.page.locator('[data-testid=case-timeline] [data-kind=reopened]').filter({ hasText: '第二天又有人倒垃圾' }).waitFor();
    await desk.page.getByTestId('notification-log').waitFor();
    await saveScreenshot(desk.page, 'desk-reopened', 'desk');
    await desk.context.close();
  });
});
