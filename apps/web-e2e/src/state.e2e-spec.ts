import { ApiClient, eventually, uniqueText, type CaseDetail, type DepartmentDto } from './support/api';
import { describeInBrowser, openCase, openSignedIn, phoneAt, sharedBrowser } from './support/browser';

describeInBrowser('what the pages say matches what the server recorded', () => {
  const browser = sharedBrowser();

  it('after 结束巡查 the list of patrols shows the patrol ended, not 进行中', async () => {
    const operator = await ApiClient.signIn('operator');
    const { centre } = await operator.whereIs('grid013');
    const { context, page } = await openSignedIn(browser(), 'phone', 'grid013', phoneAt(centre));
    await page.goto('/patrol');
    await page.locator('[data-testid=patrol-start]:not([disabled])').click();
    await page.locator('[data-testid=patrol-status][data-state=on]').waitFor();
    const first = page.locator('[data-testid=patrol-recent] li').first();
    await first.filter({ hasText: '进行中' }).waitFor();
    await page.waitForTimeout(1_500);
    await page.getByTestId('patrol-stop').click();
    await page.locator('[data-testid=patrol-status][data-state=off]').waitFor();
    await first.filter({ hasText: /\d+:\d{2}:\d{2}/ }).waitFor({ timeout: 10_000 });
    expect(await first.innerText()).not.toContain('进行中');
    await context.close();
  });

  it('time-limit bars say a step is done instead of "立案 0% · <due>", and that limits are working hours', async () => {
    const operator = await ApiClient.signIn('operator');
    const { centre } = await operator.whereIs('grid014');
    const created = await operator.createCase({ categoryCode: 'city.litter', description: uniqueText('垃圾未清运'), location: centre });
    const { context, page } = await openSignedIn(browser(), 'wall', 'operator');
    await openCase(page, `/desk/${created.id}`, created.code);
    const register = page.locator('li[data-clock=register] [data-testid=clock-words]');
    await expect(register.innerText()).resolves.toMatch(/^已完成 /);
    await expect(page.locator('li[data-clock=case] [data-testid=clock-limit]').innerText()).resolves.toMatch(/个工作小时/);
    await page.click('button[data-action=whistle]');
    const whistle = page.getByTestId('action-form-whistle');
    await whistle.locator('label', { hasText: '综合执法' }).locator('input[type=checkbox]').check();
    await expect(whistle.innerText()).resolves.toContain('办结时限（工作小时）');
    await page.getByTestId('whistle-working-hours').waitFor();
    await context.close();
  });

  it('the 红灯超期 filter explains a red row whose current step is in time, and a suspended red case keeps its red badge', async () => {
    const { context, page } = await openSignedIn(browser(), 'wall', 'operator');
    await page.goto('/desk?sla=overdue');
    const rows = page.locator('[data-testid=case-table] tbody tr');
    await rows.first().waitFor();
    const seen = await rows.evaluateAll((list) =>
      list.map((tr) => ({ text: (tr as HTMLElement).innerText, explained: tr.querySelector('[data-testid=earlier-late]') !== null })),
    );
    const inTime = seen.filter((r) => /剩 \d/.test(r.text));
    expect(inTime.length).toBeGreaterThan(0); // the demo has such cases: accepted late, handling in time
    expect(inTime.filter((r) => !r.explained)).toEqual([]);
    expect(seen.filter((r) => r.text.includes('挂账') && !r.text.includes('红灯超期'))).toEqual([]);
    await context.close();
  });

  it('a department’s finished part leaves its 在办 list, and 评价部门 is offered only once the department has finished', async () => {
    const operator = await ApiClient.signIn('operator');
    const { user: worker, centre } = await operator.whereIs('grid015');
    const departments = await operator.get<DepartmentDto[]>('/api/departments');
    const scjg = departments.find((d) => d.code === 'scjg');
    if (!scjg) throw new Error('demo department missing');
    const created = await operator.createCase({ categoryCode: 'city.litter', description: uniqueText('占道经营需部门协同'), location: centre });
    await (await ApiClient.signIn(worker.username)).post(`/api/cases/${created.id}/accept`, {});
    await operator.post(`/api/cases/${created.id}/whistle`, { whistleKind: 'routine', departments: [{ departmentId: scjg.id, lead: true, reportInHours: 4, handleHours: 120 }] });

    const desk = await openSignedIn(browser(), 'wall', 'operator');
    await openCase(desk.page, `/desk/${created.id}`, created.code);
    await desk.page.locator('[data-testid=case-actions] button[data-action]').first().waitFor();
    await expect(desk.page.locator('button[data-action=rate_department]').count()).resolves.toBe(0);

    const dept = await ApiClient.signIn('dept_scjg');
    await dept.post(`/api/cases/${created.id}/report_in`, {});
    await dept.post(`/api/cases/${created.id}/dept_complete`, { note: '已取缔' });
    const open = await dept.get<{ items: CaseDetail[] }>(`/api/cases?departmentId=${scjg.id}&open=true&q=${created.code}`);
    expect(open.items).toEqual([]);
    const all = await dept.get<{ items: CaseDetail[] }>(`/api/cases?departmentId=${scjg.id}&q=${created.code}`);
    expect(all.items.map((c) => c.code)).toEqual([created.code]);

    const page = await openSignedIn(browser(), 'wall', 'dept_scjg');
    await page.page.goto(`/department?q=${created.code}`);
    await page.page.getByText('本部门暂无').waitFor();
    await expect(page.page.locator(`[data-testid=case-table] tr[data-case-code="${created.code}"]`).count()).resolves.toBe(0);
    await page.context.close();

    await eventually(
      () => operator.get<CaseDetail>(`/api/cases/${created.id}`),
      (c) => c.coHandlers[0]?.status === 'completed',
    );
    await desk.page.reload();
    await desk.page.locator('button[data-action=rate_department]').waitFor();
    await desk.context.close();
  });

  it('a report without an address says its village and grid, not only coordinates', async () => {
    const operator = await ApiClient.signIn('operator');
    const { area: grid, centre } = await operator.whereIs('grid016');
    const created = await operator.createCase({ categoryCode: 'construction.structure', description: uniqueText('楼顶违规搭建'), location: centre });
    const { context, page } = await openSignedIn(browser(), 'wall', 'dept_zhzf');
    await openCase(page, `/department/${created.id}`, created.code);
    await expect(page.getByTestId('case-place').innerText()).resolves.toContain(grid.name);
    await context.close();
  });

  it('search runs from a button as well as from Enter', async () => {
    const operator = await ApiClient.signIn('operator');
    const { centre } = await operator.whereIs('grid017');
    const description = uniqueText('井盖缺失');
    const created = await operator.createCase({ categoryCode: 'city.litter', description, location: centre });
    const { context, page } = await openSignedIn(browser(), 'wall', 'operator');
    await page.goto('/desk');
    await page.getByTestId('case-table').waitFor();
    await page.getByRole('searchbox').fill(description);
    await page.getByTestId('search-submit').click();
    await page.waitForURL((url) => url.searchParams.get('q') === description);
    await page.getByTestId('case-count').filter({ hasText: /^1$/ }).waitFor();
    await page.locator(`[data-testid=case-table] tr[data-case-code="${created.code}"]`).waitFor();
    await context.close();
  });
});
