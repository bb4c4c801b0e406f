import type { PeopleListResponse } from '@grid/contracts';
import iconv from 'iconv-lite';
import { randomInt } from 'node:crypto';
import type { BrowserContext, Page } from 'playwright-core';
import { ApiClient, type AreaDto } from './support/api';
import { describeInBrowser, openPage, saveScreenshot, sharedBrowser, signIn } from './support/browser';

/** The office screen the console is made for. */
const OFFICE = { viewport: { width: 1440, height: 900 } };
const HEADER = '姓名,手机号,用户名,岗位,区域编码,部门编码,起始日期,结束日期';
const phone = () => `199${String(randomInt(0, 1e8)).padStart(8, '0')}`;

describeInBrowser('people console (issue 17)', () => {
  const browser = sharedBrowser();
  let context: BrowserContext;
  let page: Page;
  let admin: ApiClient;
  let grid: AreaDto;

  beforeAll(async () => {
    admin = await ApiClient.signIn('admin');
    grid = (await admin.get<AreaDto[]>('/api/areas?level=grid'))[12];
  });
  beforeEach(async () => {
    ({ context, page } = await openPage(browser(), 'wall', OFFICE));
    await signIn(page, 'admin');
    await page.goto('/admin/people');
    await page.getByTestId('people-table').waitFor();
  });
  afterEach(async () => {
    await context.close();
  });

  async function checkFile(name: string, buffer: Buffer): Promise<void> {
    await page.getByTestId('people-view-import').click();
    await page.getByTestId('import-file').setInputFiles({ name, mimeType: 'text/csv', buffer });
    await page.getByTestId('import-check').click();
    await page.getByTestId('import-result').waitFor();
  }

  it('refuses a GBK CSV with a phone number in the wrong column, row by row, and applies nothing', async () => {
    const [a, b] = [phone(), phone()];
    const csv = [HEADER, `张伟,${a},,grid_worker,${grid.code},,,`, `李娜,网格员,${b},grid_worker,${grid.code},,,`].join('\r\n');
    await checkFile('人员.csv', iconv.encode(csv, 'gbk'));
    await expect(page.getByTestId('import-result').getAttribute('data-status')).resolves.toBe('invalid');
    const problem = page.getByTestId('import-problems').locator('tbody tr');
    await expect(problem.count()).resolves.toBe(1);
    await expect(problem.innerText()).resolves.toMatch(/^3\s+手机号\s+“网格员”不是手机号；手机号填在了“用户名”列，请移到手机号列/);
    await expect(page.getByTestId('import-result').innerText()).resolves.toContain('按 gbk 读取');
    await expect(page.getByTestId('import-apply').count()).resolves.toBe(0);
    await saveScreenshot(page, 'admin-people-import-problems', 'wall');
    for (const p of [a, b]) expect((await admin.get<PeopleListResponse>(`/api/admin/people?q=${p}`)).total).toBe(0);
  });

  it('applies a valid import, and the new person signs in with the one-time password and must change it', async () => {
    const a = phone();
    const username = `web_${a.slice(-6)}`;
    await checkFile('people.csv', Buffer.from([HEADER, `钱芳,${a},${username},专职网格员,${grid.code},,,`, `钱芳,${a},,grid_police,${grid.code},,,`].join('\n')));
    await expect(page.getByTestId('import-result').getAttribute('data-status')).resolves.toBe('valid');
    await page.getByTestId('import-apply').click();
    const row = page.getByTestId('one-time-passwords').locator('tbody tr');
    await row.waitFor();
    const password = (await row.locator('td').nth(2).innerText()).trim();
    expect(password).toMatch(/^[A-Za-z2-9]{12}$/);
    await saveScreenshot(page, 'admin-people-import-applied', 'wall');

    // The people list shows the new person's two posts.
    await page.getByTestId('people-view-people').click();
    await page.getByTestId('people-search').fill(username);
    const person = page.getByTestId(`person-${username}`);
    await person.waitFor();
    await expect(person.innerText()).resolves.toMatch(/专职网格员[\s\S]*网格警长/);
    await saveScreenshot(page, 'admin-people-list', 'wall');
    await page.getByRole('button', { name: /^(English|EN)$/ }).click();
    await expect(person.innerText()).resolves.toMatch(/Grid worker[\s\S]*Grid police officer/);
    await saveScreenshot(page, 'admin-people-list-en', 'wall');

    const fresh = await openPage(browser(), 'wall', OFFICE);
    try {
      await fresh.page.goto('/login');
      await fresh.page.locator('input[name=username]').fill(username);
      await fresh.page.locator('input[name=password]').fill(password);
      await fresh.page.locator('form button[type=submit]').click();
      const form = fresh.page.getByTestId('change-password');
      await form.waitFor();
      await saveScreenshot(fresh.page, 'change-password', 'wall');
      await form.locator('input[name=current]').fill(password);
      await form.locator('input[name=new]').fill('my-own-password-1');
      await form.locator('input[name=repeat]').fill('my-own-password-1');
      await form.locator('button[type=submit]').click();
      await fresh.page.waitForURL('**/tasks');
      await expect(fresh.page.getByTestId('current-user').innerText()).resolves.toContain('钱芳');
    } finally {
      await fresh.context.close();
    }
  });
});
