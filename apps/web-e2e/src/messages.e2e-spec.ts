import { ApiClient, uniqueText, type UserDto } from './support/api';
import { describeInBrowser, openCase, openSignedIn, openSignedInIn, sharedBrowser } from './support/browser';

/** A case the village cadre of `gridWorker`'s village has accepted and started (so the cadre may complete it). */
async function startedByVillage(operator: ApiClient, gridWorker: string): Promise<{ id: string; code: string; cadre: UserDto }> {
  const { area: grid, centre } = await operator.whereIs(gridWorker);
  const [cadre] = await operator.get<UserDto[]>(`/api/users?areaId=${grid.parentId}&role=village_cadre`);
  const created = await operator.createCase({ categoryCode: 'city.litter', description: uniqueText('路边垃圾堆放'), location: centre });
  await operator.post(`/api/cases/${created.id}/dispatch`, { unit: { level: 'village', areaId: grid.parentId }, assigneeId: cadre.id });
  const village = await ApiClient.signIn(cadre.username);
  await village.post(`/api/cases/${created.id}/accept`, {});
  await village.post(`/api/cases/${created.id}/start`, {});
  return { id: created.id, code: created.code, cadre };
}

describeInBrowser('refusals in the user’s language, at the field, gone once fixed', () => {
  const browser = sharedBrowser();

  it.each([
    ['zh-CN', '请至少选择一个部门', '综合执法'],
    ['en', 'Choose at least one department', 'Comprehensive law enforcement'],
  ] as const)('in %s, whistling with no department names the field, and ticking one clears it', async (language, problem, department) => {
    const operator = await ApiClient.signIn('operator');
    const { centre } = await operator.whereIs('grid011');
    const created = await operator.createCase({ categoryCode: 'city.litter', description: uniqueText('占道经营'), location: centre });
    const { context, page } = await openSignedInIn(browser(), language, 'wall', 'operator');
    await openCase(page, `/desk/${created.id}`, created.code);
    await page.click('button[data-action=whistle]');
    const form = page.getByTestId('action-form-whistle');
    await page.getByTestId('action-submit').click();
    await form.getByText(problem).waitFor();
    expect(await form.innerText()).not.toMatch(/Too small|expected|>=/);
    await form.locator('label', { hasText: department }).locator('input[type=checkbox]').check();
    await form.getByText(problem).waitFor({ state: 'detached' });
    await context.close();
  });

  it('the completion form asks for the result the server requires, and the problem goes once it is written', async () => {
    const operator = await ApiClient.signIn('operator');
    const { id, code, cadre } = await startedByVillage(operator, 'grid012');
    const { context, page } = await openSignedIn(browser(), 'wall', cadre.username);
    await openCase(page, `/desk/${id}`, code);
    await page.click('button[data-action=complete]');
    const form = page.getByTestId('action-form-complete');
    expect(await form.innerText()).not.toContain('选填');
    await page.getByTestId('action-submit').click();
    await form.getByText('请填写处置结果').waitFor();
    await form.locator('textarea').fill('已清运');
    await form.getByText('请填写处置结果').waitFor({ state: 'detached' });
    await context.close();
  });

  it('the front desk clears a field’s problem when that field is corrected, and keeps the others', async () => {
    const { context, page } = await openSignedIn(browser(), 'wall', 'operator');
    await page.goto('/front-desk');
    const intake = page.getByTestId('front-desk-form');
    await intake.waitFor();
    await page.getByTestId('front-desk-submit').click();
    await intake.getByText('请填写反映人姓名。').waitFor();
    await page.locator('input[name=name]').fill('王女士');
    await intake.getByText('请填写反映人姓名。').waitFor({ state: 'detached' });
    await page.getByTestId('front-desk-category').selectOption('city.litter');
    await intake.getByText('请选择类别。').waitFor({ state: 'detached' });
    expect(await intake.innerText()).toContain('请填写有效的联系电话。');
    await context.close();
  });
});
