import { ApiClient, eventually, uniqueText, type CaseDetail, type DepartmentDto, type UserDto } from './support/api';
import { describeInBrowser, openCase, openPage, openSignedIn, phoneAt, sharedBrowser } from './support/browser';

/** Waits until the API reports `status` for the case, and answers the case. */
function statusOf(client: ApiClient, id: string, status: CaseDetail['status']): Promise<CaseDetail> {
  return eventually(
    () => client.get<CaseDetail>(`/api/cases/${id}`),
    (c) => c.status === status,
  );
}

/**
 * A case handled by the village cadre of `grid`'s village (so that the grid's worker, who did not
 * handle it, may verify it on site).
 */
async function handledByVillage(operator: ApiClient, gridWorker: string, description: string): Promise<{ handled: CaseDetail; worker: UserDto }> {
  const { user: worker, area: grid, centre } = await operator.whereIs(gridWorker);
  const [cadre] = await operator.get<UserDto[]>(`/api/users?areaId=${grid.parentId}&role=village_cadre`);
  const created = await operator.createCase({ categoryCode: 'city.litter', description, location: centre });
  await operator.post(`/api/cases/${created.id}/dispatch`, { unit: { level: 'village', areaId: grid.parentId }, assigneeId: cadre.id });
  const village = await ApiClient.signIn(cadre.username);
  await village.post(`/api/cases/${created.id}/accept`, {});
  await village.post(`/api/cases/${created.id}/start`, {});
  const handled = await village.post<CaseDetail>(`/api/cases/${created.id}/complete`, { note: '已清运' });
  expect(handled.status).toBe('handled');
  return { handled, worker };
}

describeInBrowser('case steps in the browser', () => {
  const browser = sharedBrowser();

  it('a grid worker verifies a handled case of their grid on the phone, and the operator closes it from the desk', async () => {
    const operator = await ApiClient.signIn('operator');
    const { handled, worker } = await handledByVillage(operator, 'grid006', uniqueText('垃圾清运待核查'));

    // The phone: the case waits in "to verify"; verifying is a button and an optional note.
    const { centre } = await operator.whereIs(worker.username);
    const phone = await openSignedIn(browser(), 'phone', worker.username, phoneAt(centre));
    await phone.page.getByTestId('tab-verify').click();
    await phone.page.locator(`[data-testid=list-verify] [data-testid=task-card][data-case-code="${handled.code}"]`).click();
    await phone.page.click('button[data-action=verify]');
    await phone.page.getByTestId('action-form-verify').locator('textarea').fill('现场核查：已清理干净');
    await phone.page.getByTestId('action-submit').click();
    const verified = await statusOf(operator, handled.id, 'verified');
    expect(verified.timeline.find((e) => e.kind === 'verified')).toMatchObject({ actorId: worker.id, note: '现场核查：已清理干净' });
    await phone.context.close();

    // The desk: closing is one click; the detail follows the answer.
    const desk = await openSignedIn(browser(), 'wall', 'operator');
    await openCase(desk.page, `/desk/${handled.id}`, handled.code);
    await desk.page.click('button[data-action=close]');
    await desk.page.getByTestId('action-submit').click();
    await desk.page.getByTestId('case-status').filter({ hasText: '已结案' }).first().waitFor();
    expect((await statusOf(operator, handled.id, 'closed')).closedAt).not.toBeNull();
    await expect(desk.page.locator('button[data-action=close]').count()).resolves.toBe(0);
    await desk.context.close();
  });

  it('a grid worker sends poor work back for rework on the phone, with a reason', async () => {
    const operator = await ApiClient.signIn('operator');
    const { handled, worker } = await handledByVillage(operator, 'grid007', uniqueText('路面垃圾待核查'));
    const { centre } = await operator.whereIs(worker.username);

    const { context, page } = await openSignedIn(browser(), 'phone', worker.username, phoneAt(centre));
    await openCase(page, `/tasks/${handled.id}`, handled.code);
    await page.click('button[data-action=rework]');
    await page.getByTestId('action-submit').click();
    await expect(page.getByTestId('action-form-rework').innerText()).resolves.toContain('请填写原因');
    await page.getByTestId('action-form-rework').locator('textarea').fill('仍有垃圾未清');
    await page.getByTestId('action-submit').click();
    const back = await statusOf(operator, handled.id, 'in_progress');
    expect(back.timeline.at(-1)).toMatchObject({ kind: 'rework', actorId: worker.id, note: '仍有垃圾未清' });
    await context.close();
  });

  it('whistles two departments from the desk; the summoned department sees its due time, reports in and finishes its part', async () => {
    const operator = await ApiClient.signIn('operator');
    const { user: worker, centre } = await operator.whereIs('grid008');
    const departments = await operator.get<DepartmentDto[]>('/api/departments');
    const zhzf = departments.find((d) => d.code === 'zhzf');
    const scjg = departments.find((d) => d.code === 'scjg');
    if (!zhzf || !scjg) throw new Error('demo departments missing');
    const created = await operator.createCase({ categoryCode: 'city.litter', description: uniqueText('占道经营需多部门联合处置'), location: centre });
    const field = await ApiClient.signIn(worker.username);
    await field.post(`/api/cases/${created.id}/accept`, {});

    const desk = await openSignedIn(browser(), 'wall', 'operator');
    await openCase(desk.page, `/desk/${created.id}`, created.code);
    await desk.page.click('button[data-action=whistle]');
    const form = desk.page.getByTestId('action-form-whistle');
    await form.locator('select').first().selectOption('emergency');
    await form.locator('label', { hasText: '综合执法' }).locator('input[type=checkbox]').check();
    await form.locator('label', { hasText: '市场监管' }).locator('input[type=checkbox]').check();
    // The lead is the first one ticked until another is chosen.
    await form.locator('div[data-on=true]', { hasText: '市场监管' }).locator('input[type=radio]').check();
    await form.locator('textarea').fill('应急哨：请两部门30分钟内到场');
    await desk.page.getByTestId('action-submit').click();

    const whistled = await eventually(
      () => operator.get<CaseDetail>(`/api/cases/${created.id}`),
      (c) => c.coHandlers.length === 2,
    );
    expect(whistled.coHandlers.map((c) => [c.departmentId, c.lead, c.status]).sort()).toEqual(
      [
        [zhzf.id, false, 'summoned'],
        [scjg.id, true, 'summoned'],
      ].sort(),
    );
    expect(whistled.timeline.at(-1)).toMatchObject({ kind: 'whistled', note: '应急哨：请两部门30分钟内到场', data: expect.objectContaining({ whistleKind: 'emergency' }) });
    // Each department has its own due times: report in first, then handle.
    for (const part of whistled.coHandlers) expect(Date.parse(part.reportInDueAt ?? '')).toBeLessThan(Date.parse(part.handleDueAt ?? ''));
    await desk.context.close();

    // The department's desk: the case with its own part and due time; report in, then finish.
    const dept = await openSignedIn(browser(), 'wall', 'dept_scjg');
    const row = dept.page.locator('[data-testid=case-table] tr', { hasText: created.code });
    await row.filter({ hasText: '待报到' }).waitFor();
    await openCase(dept.page, `/department/${created.id}`, created.code);
    await dept.page.click('button[data-action=report_in]');
    await eventually(
      () => operator.get<CaseDetail>(`/api/cases/${created.id}`),
      (c) => c.coHandlers.find((h) => h.departmentId === scjg.id)?.status === 'reported_in',
    );
    await dept.page.click('button[data-action=dept_complete]');
    await dept.page.getByTestId('action-form-dept_complete').locator('textarea').fill('已取缔占道摊点');
    await dept.page.getByTestId('action-submit').click();
    const done = await eventually(
      () => operator.get<CaseDetail>(`/api/cases/${created.id}`),
      (c) => c.coHandlers.find((h) => h.departmentId === scjg.id)?.status === 'completed',
    );
    expect(done.coHandlers.find((h) => h.departmentId === zhzf.id)?.status).toBe('summoned');
    // Its part done, the case leaves the department's 在办 list (it stays open for the handling unit).
    await row.waitFor({ state: 'detached' });
    await dept.context.close();
  });
});

describeInBrowser('front desk', () => {
  const browser = sharedBrowser();

  it('names every missing field, then registers a hotline request and hands over a code and a tracking link that works', async () => {
    const { context, page } = await openSignedIn(browser(), 'wall', 'operator');
    await page.goto('/front-desk');
    const intake = page.getByTestId('front-desk-form');
    await intake.waitFor();
    await page.getByTestId('front-desk-submit').click();
    const text = await intake.innerText();
    for (const message of ['请填写反映人姓名。', '请填写有效的联系电话。', '请选择类别。', '请在地图上点选位置或选择所在村（社区）。']) expect(text).toContain(message);

    const description = uniqueText('楼道堆放杂物');
    await intake.getByRole('button', { name: '来电' }).click();
    await page.locator('input[name=name]').fill('王女士');
    await page.locator('input[name=phone]').fill('13800138000');
    await page.getByTestId('front-desk-category').selectOption('city.litter');
    await page.locator('textarea[name=description]').fill(description);
    const village = await page.getByTestId('front-desk-village').locator('option:nth-child(2)').getAttribute('value');
    if (!village) throw new Error('no village to choose');
    await page.getByTestId('front-desk-village').selectOption(village);
    await page.locator('input[name=address]').fill('3号楼2单元');
    await page.getByTestId('front-desk-where').filter({ hasText: '网格' }).waitFor();
    await page.getByTestId('front-desk-submit').click();

    const code = await page.getByTestId('receipt-code').innerText();
    expect(code).toMatch(/^HK\d{8}-\d{4}$/);
    const link = await page.getByTestId('receipt-link').innerText();
    const operator = await ApiClient.signIn('operator');
    const [registered] = (await operator.casesMatching(description)).items;
    expect(registered).toMatchObject({ code, source: 'hotline', categoryCode: 'city.litter', address: '3号楼2单元' });
    expect(registered.areaPath).toContain(village);
    const detail = await operator.get<CaseDetail>(`/api/cases/${registered.id}`);
    expect(detail).toMatchObject({ reporterName: '王女士', reporterPhone: '13800138000' });
    expect(link).toBe(`${new URL(page.url()).origin}/track/${detail.trackingToken}`);

    // The resident's page: no sign-in, the code and the status.
    const resident = await openPage(browser(), 'phone');
    await resident.page.goto(link);
    await expect(resident.page.getByTestId('track-code').innerText()).resolves.toBe(code);
    await expect(resident.page.getByTestId('track-status').innerText()).resolves.toBe('已派遣');
    await resident.context.close();

    // The next resident gets an empty form.
    await page.getByTestId('front-desk-next').click();
    await expect(page.locator('input[name=name]').inputValue()).resolves.toBe('');
    await expect(page.getByTestId('front-desk-village').inputValue()).resolves.toBe('');
    await context.close();
  });

  it('asks the questions of the chosen category, and will not register without the required answers', async () => {
    const { context, page } = await openSignedIn(browser(), 'wall', 'operator');
    await page.goto('/front-desk');
    await page.getByTestId('front-desk-form').waitFor();
    const description = uniqueText('路口路面塌陷');
    await page.locator('input[name=name]').fill('李先生');
    await page.locator('input[name=phone]').fill('13900139000');
    await page.getByTestId('front-desk-category').selectOption('livelihood.road');
    const questions = page.getByTestId('extra-fields');
    await expect(questions.innerText()).resolves.toContain('坑洼面积');
    await page.locator('textarea[name=description]').fill(description);
    const village = await page.getByTestId('front-desk-village').locator('option:nth-child(3)').getAttribute('value');
    await page.getByTestId('front-desk-village').selectOption(village as string);
    await page.getByTestId('front-desk-where').filter({ hasText: '网格' }).waitFor();
    await page.getByTestId('front-desk-submit').click();
    await page.getByText('请填写“坑洼面积”。').waitFor();

    await questions.locator('select[data-field=size]').selectOption('medium');
    await questions.locator('select[data-field=traffic_blocked]').selectOption('yes');
    await page.getByTestId('front-desk-submit').click();
    await page.getByTestId('receipt-code').waitFor();
    const operator = await ApiClient.signIn('operator');
    const [registered] = (await operator.casesMatching(description)).items;
    const detail = await operator.get<CaseDetail>(`/api/cases/${registered.id}`);
    expect(detail.description).toBe(`${description}\n坑洼面积：1至5平方米\n是否影响通行：是`);
    await context.close();
  });
});
