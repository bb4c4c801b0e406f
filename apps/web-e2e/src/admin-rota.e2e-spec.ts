import type { AreaDto, CaseDetail, DepartmentDto, UserDto } from '@grid/contracts';
import type { Page } from 'playwright-core';
import { ApiClient, uniqueText } from './support/api';
import { baseUrl, describeInBrowser, openCase, openSignedIn, phoneAt, saveScreenshot, sharedBrowser } from './support/browser';

const OFFICE = { viewport: { width: 1440, height: 900 } };
const HOUR = 3_600_000;
/** Local (Beijing) date and time of day of an instant. */
const local = (ms: number) => {
  const iso = new Date(ms + 8 * HOUR).toISOString();
  return { date: iso.slice(0, 10), time: iso.slice(11, 16) };
};

/** Adds a one-off shift for the person from an hour ago to three hours ahead (a night shift when that crosses midnight). */
async function addShiftNow(page: Page, userId: string): Promise<void> {
  const form = page.getByRole('form', { name: '添加单次班次' });
  await form.locator('select').selectOption(userId);
  const start = local(Date.now() - HOUR);
  const end = local(Date.now() + 3 * HOUR);
  await form.locator('input[type=date]').fill(start.date);
  await form.locator('input[type=time]').first().fill(start.time);
  await form.locator('input[type=time]').nth(1).fill(end.time);
  await form.getByRole('button', { name: '添加' }).click();
}

describeInBrowser('the rota console', () => {
  const browser = sharedBrowser();

  it('a zone leader adds a shift for a worker of their zone; a case reported in that grid goes to that worker, and the case view says why', async () => {
    const admin = await ApiClient.signIn('admin');
    const grids = await admin.get<AreaDto[]>('/api/areas?level=grid');
    const grid = grids[380];
    // A worker of another grid of the same zone: only the rota can send this grid's case to them.
    const neighbourGrid = grids.find((g) => g.path[1] === grid.path[1] && g.id !== grid.id) as AreaDto;
    const [worker] = await admin.get<UserDto[]>(`/api/users?areaId=${neighbourGrid.id}&role=grid_worker`);
    const zoneLeader = (await admin.get<UserDto[]>('/api/users?role=zone_leader')).find((u) => u.areaId === grid.path[1]) as UserDto;

    const { context, page } = await openSignedIn(browser(), 'wall', zoneLeader.username, OFFICE);
    await page.goto('/admin/rota');
    await page.getByTestId('rota-grid').selectOption(grid.id);
    await addShiftNow(page, worker.id);
    await page.getByTestId('rota-shift').filter({ hasText: worker.displayName }).first().waitFor();
    await page.getByTestId('rota-on-duty').filter({ hasText: worker.displayName }).waitFor();
    await saveScreenshot(page, 'admin-rota-zh', 'wall');

    const operator = await ApiClient.signIn('operator');
    const created = await operator.createCase({ categoryCode: 'city.litter', description: uniqueText('值班派遣'), location: grid.centroid });
    expect(created.assigneeId).toBe(worker.id);
    expect(created.timeline.find((e) => e.kind === 'dispatched')?.data['rule']).toBe('on_duty');

    await openCase(page, `/desk/${created.id}`, created.code);
    await expect(page.getByTestId('dispatch-rule').first().textContent()).resolves.toBe('派给当前值班人员');

    // The worker's phone, in the grid: a check-in bar while the shift is on; one tap checks in.
    const phone = await openSignedIn(browser(), 'phone', worker.username, phoneAt(grid.centroid));
    const bar = phone.page.getByTestId('check-in');
    await bar.waitFor();
    await saveScreenshot(phone.page, 'rota-check-in-zh', 'phone');
    await bar.getByRole('button', { name: '上岗签到' }).click();
    await phone.page.getByText('已签到').waitFor();
    await phone.context.close();
    const board = await admin.get<{ gridId: string; users: { id: string; checkedIn: boolean }[] }[]>(`/api/rota/board?areaId=${grid.parentId}`);
    expect(board.find((r) => r.gridId === grid.id)?.users).toEqual([expect.objectContaining({ id: worker.id, checkedIn: true })]);

    // The console in English.
    await page.getByRole('button', { name: /^(English|EN)$/ }).click();
    await page.goto('/admin/rota');
    await page.getByTestId('rota-grid').selectOption(grid.id);
    await page.getByRole('heading', { name: 'Duty rota' }).waitFor();
    await page.getByTestId('rota-shift').filter({ hasText: worker.displayName }).first().waitFor();
    await saveScreenshot(page, 'admin-rota-en', 'wall');
    await context.close();

    // Leave the grid's rota as it was for other tests (the check-in stays: it is history, like a patrol).
    const shifts = await admin.get<{ id: string; patternId: string | null }[]>(`/api/admin/shifts?areaId=${grid.id}&from=${encodeURIComponent(new Date(Date.now() - 2 * HOUR).toISOString())}&to=${encodeURIComponent(new Date(Date.now() + 4 * HOUR).toISOString())}`);
    for (const s of shifts) await fetch(`${baseUrl()}/api/admin/shifts/${s.id}`, { method: 'DELETE', headers: { authorization: `Bearer ${admin.token}` } });
    const after = await operator.createCase({ categoryCode: 'city.litter', description: uniqueText('无值班'), location: grid.centroid });
    expect((after as CaseDetail).assigneeId).not.toBe(worker.id);
  }, 120_000);

  it('an administrator keeps a department’s rota on the same calendar; the department’s case goes to its staff member on duty, and the case view says why', async () => {
    const admin = await ApiClient.signIn('admin');
    const zj = (await admin.get<DepartmentDto[]>('/api/departments')).find((d) => d.code === 'zj') as DepartmentDto;
    const staff = (await admin.get<UserDto[]>(`/api/users?departmentId=${zj.id}`)).find((u) => u.username === 'dept_zj') as UserDto;

    const { context, page } = await openSignedIn(browser(), 'wall', 'admin', OFFICE);
    await page.goto('/admin/rota');
    await page.getByTestId('rota-kind').selectOption('department');
    await page.getByTestId('rota-department').selectOption(zj.id);
    await page.getByText('部门值班：吹哨、派给该部门').waitFor();
    await addShiftNow(page, staff.id);
    await page.getByTestId('rota-shift').filter({ hasText: staff.displayName }).first().waitFor();
    await page.getByTestId('rota-on-duty').filter({ hasText: `${staff.displayName} · 派给当前值班人员` }).waitFor();
    await saveScreenshot(page, 'admin-rota-department-zh', 'wall');

    // A dangerous building is the housing department's first (owner first): its staff member on duty gets it.
    const operator = await ApiClient.signIn('operator');
    const [grid] = await admin.get<AreaDto[]>('/api/areas?level=grid');
    const created = await operator.createCase({ categoryCode: 'safety.building', description: uniqueText('部门值班'), location: grid.centroid });
    expect(created.unit).toEqual({ level: 'department', departmentId: zj.id });
    expect(created.assigneeId).toBe(staff.id);
    expect(created.timeline.find((e) => e.kind === 'dispatched')?.data['rule']).toBe('on_duty');
    await openCase(page, `/desk/${created.id}`, created.code);
    await expect(page.getByTestId('dispatch-rule').first().textContent()).resolves.toBe('派给当前值班人员');

    await page.getByRole('button', { name: /^(English|EN)$/ }).click();
    await page.goto('/admin/rota');
    await page.getByTestId('rota-kind').selectOption('department');
    await page.getByTestId('rota-department').selectOption(zj.id);
    await page.getByTestId('rota-shift').filter({ hasText: staff.displayName }).first().waitFor();
    await page.getByText('Department rota: a case whistled or dispatched').waitFor();
    await saveScreenshot(page, 'admin-rota-department-en', 'wall');
    await context.close();

    const shifts = await admin.get<{ id: string }[]>(`/api/admin/shifts?departmentId=${zj.id}&from=${encodeURIComponent(new Date(Date.now() - 2 * HOUR).toISOString())}&to=${encodeURIComponent(new Date(Date.now() + 4 * HOUR).toISOString())}`);
    for (const s of shifts) await fetch(`${baseUrl()}/api/admin/shifts/${s.id}`, { method: 'DELETE', headers: { authorization: `Bearer ${admin.token}` } });
    expect((await admin.get<{ rota: boolean }>(`/api/departments/${zj.id}/on-duty`)).rota).toBe(false);
  }, 120_000);

  it('a department’s rota fits a phone screen, in Chinese and English', async () => {
    const { context, page } = await openSignedIn(browser(), 'phone', 'admin');
    await page.goto('/admin/rota');
    await page.getByTestId('rota-kind').selectOption('department');
    await page.getByTestId('rota-calendar').waitFor();
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    await expect(overflow()).resolves.toBeLessThanOrEqual(0);
    await saveScreenshot(page, 'admin-rota-department-zh', 'phone');
    await page.getByRole('button', { name: /^(English|EN)$/ }).click();
    await page.getByText('Department rota: a case whistled or dispatched').waitFor();
    await expect(overflow()).resolves.toBeLessThanOrEqual(0);
    await saveScreenshot(page, 'admin-rota-department-en', 'phone');
    await context.close();
  });
});
