import type { CategoryVersionDto } from '@grid/contracts';
import { ApiClient, uniqueText, type AreaDto, type CaseDetail } from './support/api';
import { describeInBrowser, openCase, openPage, openSignedIn, saveScreenshot, sharedBrowser } from './support/browser';

/** A category no other browser test reports in, so its edit here changes nobody else's expectations. */
const CODE = 'ecology.sewage';
/** The office screen the console is made for (the wall viewport is wider still). */
const OFFICE = { viewport: { width: 1440, height: 900 } };

describeInBrowser('the responsibility list in the console and on the public page (issue 17)', () => {
  const browser = sharedBrowser();

  it('an admin edits a category’s limits with a reason; the history shows the version; the public page shows the new limits without signing in; an old case keeps its due time', async () => {
    // An old case, reported before the edit: an emergency runs on calendar hours, so its due times are plain sums.
    const operator = await ApiClient.signIn('operator');
    const [grid] = await operator.get<AreaDto[]>('/api/areas?level=grid');
    const old = await operator.createCase({ categoryCode: CODE, priority: 'emergency', description: uniqueText('污水直排'), location: grid.centroid });
    const oldAcceptDue = old.clocks.find((c) => c.clock === 'accept')?.dueAt;
    expect(oldAcceptDue).toBeTruthy();

    // The console: pick the category, change the emergency limits, say why, save.
    const admin = await openSignedIn(browser(), 'wall', 'admin', OFFICE);
    await admin.page.goto('/admin/categories');
    await admin.page.locator(`[data-testid=category-item][data-code="${CODE}"]`).click();
    const editor = admin.page.locator(`[data-testid=category-editor][data-code="${CODE}"]`);
    await editor.locator('input[name="emergency.acceptHours"]').fill('0.25');
    await editor.locator('input[name="emergency.handleHours"]').fill('2');
    await editor.locator('textarea[name=reason]').fill('汛期污水直排从严：特急事项 15 分钟内签收');
    await editor.getByTestId('category-save').click();
    await editor.getByTestId('category-saved').waitFor();
    const versions = await (await ApiClient.signIn('admin')).get<CategoryVersionDto[]>(`/api/admin/categories/${CODE}/versions`);
    const saved = versions[0];
    expect(saved).toMatchObject({ status: 'current', reason: '汛期污水直排从严：特急事项 15 分钟内签收', createdBy: { username: 'admin' }, timeLimits: { emergency: { acceptHours: 0.25, handleHours: 2 } } });

    // The history shows the new version with who and why, the one before it superseded.
    const newest = admin.page.locator(`[data-testid=category-version][data-version="${saved.version}"]`);
    await newest.waitFor();
    expect(await newest.getAttribute('data-status')).toBe('current');
    expect(await newest.textContent()).toContain('汛期污水直排从严');
    expect(await newest.textContent()).toContain('admin');
    expect(await admin.page.locator(`[data-testid=category-version][data-version="${saved.version - 1}"]`).getAttribute('data-status')).toBe('past');
    await saveScreenshot(admin.page, 'admin-categories', 'wall');
    await admin.context.close();

    // The public page, no sign-in: the new limits, in Chinese and in English.
    const visitor = await openPage(browser(), 'wall', OFFICE);
    await visitor.page.goto('/responsibilities');
    const row = visitor.page.locator(`[data-testid=responsibility][data-code="${CODE}"]`);
    const emergency = row.locator('td[data-priority=emergency]');
    await emergency.waitFor();
    expect(await emergency.textContent()).toContain('签收 15 分钟');
    expect(await emergency.textContent()).toContain('办结 2 小时');
    expect(visitor.page.url()).toMatch(/\/responsibilities$/);
    await saveScreenshot(visitor.page, 'responsibilities-zh', 'wall');
    await visitor.page.locator('button[lang=en]').click();
    await visitor.page.getByRole('heading', { name: 'Responsibility list' }).waitFor();
    expect(await emergency.textContent()).toContain('accept 15 min');
    await saveScreenshot(visitor.page, 'responsibilities-en', 'wall');
    await visitor.context.close();

    // The old case, in the operator's desk: its accept clock is due when it was, under its own list version.
    const desk = await openSignedIn(browser(), 'wall', 'operator');
    await openCase(desk.page, `/desk/${old.id}`, old.code);
    const accept = desk.page.locator('[data-testid=case-detail] li[data-clock=accept]');
    expect(await accept.getAttribute('data-due')).toBe(oldAcceptDue);
    expect(await desk.page.getByTestId('case-category-version').textContent()).toContain(String(old.categoryVersion));
    const now: CaseDetail = await operator.get<CaseDetail>(`/api/cases/${old.id}`);
    expect(now.categoryVersion).toBe(saved.version - 1);
    expect(now.acceptDueAt).toBe(old.acceptDueAt);
    await desk.context.close();

    // A case reported now runs on the new limits.
    const fresh = await operator.createCase({ categoryCode: CODE, priority: 'emergency', description: uniqueText('污水直排'), location: grid.centroid });
    expect(fresh.categoryVersion).toBe(saved.version);
    expect(Date.parse(fresh.acceptDueAt as string) - Date.parse(fresh.reportedAt)).toBe(15 * 60_000);
  });

  it('the public page reads on a phone and prints without its controls', async () => {
    const phone = await openPage(browser(), 'phone');
    await phone.page.goto('/responsibilities');
    await phone.page.locator('[data-testid=responsibility]').first().waitFor();
    // Cards, not a table wider than the screen.
    expect(await phone.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await saveScreenshot(phone.page, 'responsibilities-zh', 'phone');
    await phone.page.emulateMedia({ media: 'print' });
    expect(await phone.page.locator('button[lang=en]').isVisible()).toBe(false);
    await phone.context.close();

    // On paper at the office: black on white, no controls.
    const office = await openPage(browser(), 'wall', OFFICE);
    await office.page.emulateMedia({ media: 'print' });
    await office.page.goto('/responsibilities');
    await office.page.locator('[data-testid=responsibility]').first().waitFor();
    expect(await office.page.getByRole('button', { name: '打印' }).isVisible()).toBe(false);
    await saveScreenshot(office.page, 'responsibilities-print', 'wall');
    await office.context.close();
  });

  it('the console reads on a phone, in English', async () => {
    const { context, page } = await openSignedIn(browser(), 'phone', 'admin');
    await page.locator('button[lang=en]').first().click();
    await page.goto('/admin/categories');
    await page.locator(`[data-testid=category-item][data-code="${CODE}"]`).click();
    await page.locator('[data-testid=category-version]').first().waitFor();
    await page.getByText('Time limits (hours)').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await saveScreenshot(page, 'admin-categories-en', 'phone');
    await context.close();
  });
});
