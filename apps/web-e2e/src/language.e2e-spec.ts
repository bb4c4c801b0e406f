import { describeInBrowser, openPage, sharedBrowser, signIn, submitLogin } from './support/browser';

describeInBrowser('language switch', () => {
  const browser = sharedBrowser();

  it('starts in Chinese, switches the login page to English, and remembers it', async () => {
    const { context, page } = await openPage(browser());
    await page.goto('/login');
    await expect(page.locator('h1').innerText()).resolves.toBe('登录');
    await expect(page.evaluate(() => document.documentElement.lang)).resolves.toBe('zh-CN');

    await page.getByRole('button', { name: /^(English|EN)$/ }).click();
    await expect(page.locator('h1').innerText()).resolves.toBe('Sign in');
    await expect(page.locator('label', { hasText: 'Password' }).count()).resolves.toBe(1);
    await expect(page.evaluate(() => document.documentElement.lang)).resolves.toBe('en');

    await page.reload();
    await expect(page.locator('h1').innerText()).resolves.toBe('Sign in');
    await context.close();
  });

  it('switches the app (navigation, role, map note, wrong-password message) to English and back', async () => {
    const { context, page } = await openPage(browser());
    await submitLogin(page, 'operator', 'wrong-password');
    await expect(page.getByRole('alert').innerText()).resolves.toContain('用户名或密码错误');
    await page.getByRole('button', { name: /^(English|EN)$/ }).click();
    await expect(page.getByRole('alert').innerText()).resolves.toContain('Wrong username or password');

    await signIn(page, 'operator');
    await expect(page.getByRole('navigation').innerText()).resolves.toContain('Command centre');
    await expect(page.getByTestId('current-user').innerText()).resolves.toContain('Command centre operator');
    await expect(page.getByTestId('synthetic-note').innerText()).resolves.toContain('Synthetic boundaries');

    await page.getByRole('button', { name: '中文' }).click();
    await expect(page.getByRole('navigation').innerText()).resolves.toContain('指挥中心');
    await context.close();
  });
});
