import type { BrowserContext, Page } from 'playwright-core';
import { describeInBrowser, openPage, sharedBrowser, signIn, submitLogin } from './support/browser';

describeInBrowser('login', () => {
  const browser = sharedBrowser();
  let context: BrowserContext;
  let page: Page;

  beforeEach(async () => {
    ({ context, page } = await openPage(browser()));
  });
  afterEach(async () => {
    await context.close();
  });

  it.each([
    ['admin', '/command', '系统管理员'],
    ['operator', '/command', '指挥中心值班员'],
    ['assessor', '/command', '考核人员'],
    ['zone01', '/command', '片区负责人'],
    ['grid001', '/tasks', '网格员'],
    ['leader001', '/tasks', '网格长'],
    ['village001', '/desk', '村（社区）干部'],
    ['dept_zhzf', '/department', '部门工作人员'],
  ])('%s lands on %s and the header names the role', async (username, path, roleName) => {
    await page.goto('/');
    await page.waitForURL('**/login');
    await signIn(page, username);
    expect(new URL(page.url()).pathname).toBe(path);
    await expect(page.getByTestId('current-user').innerText()).resolves.toContain(roleName);
  });

  it('says so when the password is wrong, and stays on the login page', async () => {
    await submitLogin(page, 'operator', 'not-the-password');
    const alert = page.getByRole('alert');
    await expect(alert.innerText()).resolves.toContain('用户名或密码错误');
    expect(new URL(page.url()).pathname).toBe('/login');
  });

  it('asks for both fields before calling the server', async () => {
    await page.goto('/login');
    await page.locator('form button[type=submit]').click();
    await expect(page.getByRole('alert').innerText()).resolves.toContain('请填写用户名和密码');
  });

  it('tells how long to wait when the server rate-limits logins (429) and disables the button', async () => {
    await page.route('**/api/auth/login', (route) =>
      route.fulfill({
        status: 429,
        contentType: 'application/json',
        headers: { 'Retry-After-login': '42' },
        body: JSON.stringify({ statusCode: 429, error: 'TOO_MANY_REQUESTS', message: 'ThrottlerException: Too Many Requests' }),
      }),
    );
    await submitLogin(page, 'operator');
    await expect(page.getByRole('alert').innerText()).resolves.toMatch(/登录尝试次数过多，请在 (4[0-2]) 秒后再试/);
    await expect(page.locator('form button[type=submit]').isDisabled()).resolves.toBe(true);
  });

  it('shows the demo accounts and fills the username from them', async () => {
    await page.goto('/login');
    await page.getByText('所有演示账号的密码均为 demo1234').waitFor(); // shown once GET /api/config says this is the demo
    await page.getByRole('button', { name: 'zone01' }).click();
    await expect(page.locator('input[name=username]').inputValue()).resolves.toBe('zone01');
  });

  it('sends a signed-out visitor to the login page and back to the page asked for', async () => {
    await page.goto('/assessment');
    await page.waitForURL('**/login');
    await signIn(page, 'zone01');
    expect(new URL(page.url()).pathname).toBe('/assessment');
  });

  it('keeps a role out of pages that are not its own', async () => {
    await signIn(page, 'grid001');
    await page.goto('/command');
    await page.waitForURL('**/tasks');
    // A worker's menu: their tasks, their own assessment, patrols; no command centre or desk.
    await expect(page.getByRole('navigation').getByRole('link').allInnerTexts()).resolves.toEqual(['任务', '考核评价', '巡查']);
  });

  it('renews a refused access token silently with the refresh token, once', async () => {
    await signIn(page, 'operator');
    const home = new URL(page.url()).pathname;
    const before = await page.evaluate(() => {
      const stored = JSON.parse(localStorage.getItem('grid.session') ?? '{}');
      localStorage.setItem('grid.session', JSON.stringify({ ...stored, token: 'forged.token.value' }));
      return stored.refreshToken as string;
    });
    await page.reload();
    await page.waitForFunction((spent) => {
      const stored = JSON.parse(localStorage.getItem('grid.session') ?? '{}');
      return stored.token !== 'forged.token.value' && stored.refreshToken && stored.refreshToken !== spent;
    }, before);
    expect(new URL(page.url()).pathname).toBe(home);
  });

  it('ends the session on a 401 a refresh cannot cure, and says why', async () => {
    await signIn(page, 'operator');
    await page.evaluate(() => {
      const stored = JSON.parse(localStorage.getItem('grid.session') ?? '{}');
      localStorage.setItem('grid.session', JSON.stringify({ ...stored, token: 'forged.token.value', refreshToken: 'x'.repeat(43) }));
    });
    await page.reload();
    await page.waitForURL('**/login');
    await expect(page.getByRole('status').innerText()).resolves.toContain('登录已过期');
  });

  it('signs out from the header', async () => {
    await signIn(page, 'village001');
    await page.getByRole('button', { name: '退出' }).click();
    await page.waitForURL('**/login');
    await page.goto('/desk');
    await page.waitForURL('**/login');
  });
});
