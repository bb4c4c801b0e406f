import { ApiClient, uniqueText } from './support/api';
import { describeInBrowser, openSignedIn, phoneAt, sharedBrowser } from './support/browser';

describeInBrowser('starting offline', () => {
  const browser = sharedBrowser();

  it('a phone that starts without a connection opens the app and still knows its tasks, its grid’s cases and the categories', async () => {
    const operator = await ApiClient.signIn('operator');
    const { user, centre } = await operator.whereIs('grid006');
    const created = await operator.createCase({ categoryCode: 'city.litter', description: uniqueText('路灯不亮'), location: centre });
    expect(created.assigneeId).toBe(user.id);

    const { context, page } = await openSignedIn(browser(), 'phone', user.username, phoneAt(centre));
    const card = (list: string) => page.locator(`[data-testid=list-${list}] [data-testid=task-card][data-case-code="${created.code}"]`);
    await card('mine').waitFor();
    await page.getByTestId('tab-grid').click();
    await card('grid').waitFor();
    // The service worker has the shell, and the lists are kept on the device (written at most once a second).
    await page.waitForFunction(() => navigator.serviceWorker?.controller !== null && navigator.serviceWorker?.controller !== undefined, undefined, { timeout: 30_000 });
    await page.waitForFunction(
      (code) => Object.keys(localStorage).some((key) => (localStorage.getItem(key) ?? '').includes(code) && (localStorage.getItem(key) ?? '').includes('/api/categories')),
      created.code,
      { timeout: 15_000 },
    );

    await context.setOffline(true);
    await page.reload();
    await card('mine').waitFor();
    // Said once the list's request has failed (or waits for a connection).
    await page.getByTestId('list-mine').getByText('离线：显示的是上次保存的内容。').waitFor({ timeout: 15_000 });
    await page.getByTestId('tab-grid').click();
    await card('grid').waitFor();
    await page.getByTestId('report-without-photo').click();
    await page.getByTestId('report-sheet').waitFor();
    expect(await page.getByTestId('category-chip').count()).toBeGreaterThan(0);
    await context.close();
  });
});
