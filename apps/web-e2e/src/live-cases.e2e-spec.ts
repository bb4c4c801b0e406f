import type { OnDutyResponse } from '@grid/contracts';
import { ApiClient, eventually, uniqueText, type CaseDetail } from './support/api';
import { describeInBrowser, openSignedIn, phoneAt, sharedBrowser, waitForGrids, waitForLive } from './support/browser';

describeInBrowser('live cases', () => {
  const browser = sharedBrowser();

  it('shows a case created through the API on the command-centre map and in the assigned worker’s list, without reload', async () => {
    const operator = await ApiClient.signIn('operator');
    const { area, centre } = await operator.whereIs('grid001');
    // grid001 has two workers and no rota: both count as on duty and the less loaded gets the next case (ADR 0010).
    const duty = await operator.get<OnDutyResponse>(`/api/areas/${area.id}/on-duty`);
    const worker = duty.users.find((u) => u.id === duty.assigneeId);
    if (!worker) throw new Error(`nobody on duty in grid001: ${JSON.stringify(duty)}`);
    expect(duty.users.map((u) => u.username).sort()).toEqual(['grid001', 'grid001b']);

    const wall = await openSignedIn(browser(), 'wall', 'operator');
    await waitForGrids(wall.page, 300);
    await waitForLive(wall.page);
    const openCount = wall.page.getByTestId('key-open');
    await wall.page.waitForFunction(() => /^\d+$/.test(document.querySelector('[data-testid=key-open]')?.textContent ?? ''));
    const before = Number(await openCount.innerText());

    const phone = await openSignedIn(browser(), 'phone', worker.username, phoneAt(centre));
    await phone.page.getByTestId('list-mine').waitFor();
    await waitForLive(phone.page);

    const description = uniqueText('路边垃圾堆积');
    const created: CaseDetail = await operator.createCase({ categoryCode: 'city.litter', description, location: centre });
    expect(created.assigneeId).toBe(worker.id); // dispatched at once to the grid's worker on duty

    // The worker's phone: the card arrives, marked new, with the one-tap accept.
    const card = phone.page.locator(`[data-testid=task-card][data-case-code="${created.code}"]`);
    await card.waitFor({ timeout: 10_000 });
    await expect(card.getByTestId('new-badge').count()).resolves.toBe(1);
    await expect(card.getByTestId('accept').isVisible()).resolves.toBe(true);

    // The wall: one more open case, the event in the ticker.
    await wall.page.waitForFunction((n) => document.querySelector('[data-testid=key-open]')?.textContent === String(n), before + 1, { timeout: 10_000 });
    await expect(wall.page.getByTestId('ticker').innerText()).resolves.toContain(created.code);

    // The phone acknowledged the push: the delivery is on the case's timeline.
    const kinds = await eventually(
      async () => (await operator.get<CaseDetail>(`/api/cases/${created.id}`)).timeline.map((e) => e.kind),
      (k) => k.includes('delivered'),
    );
    expect(kinds).toContain('delivered');

    // Accepting is one tap, and the card follows.
    await card.getByTestId('accept').click();
    await card.getByTestId('case-status').filter({ hasText: '已签收' }).waitFor({ timeout: 10_000 });
    expect((await operator.get<CaseDetail>(`/api/cases/${created.id}`)).status).toBe('accepted');

    await wall.context.close();
    await phone.context.close();
  });
});
