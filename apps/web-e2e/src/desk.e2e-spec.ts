import { ApiClient, uniqueText, type AreaDto, type CaseDetail, type UserDto } from './support/api';
import { baseUrl, describeInBrowser, openCase, openSignedIn, sharedBrowser } from './support/browser';

describeInBrowser('case desk', () => {
  const browser = sharedBrowser();

  it('shows exactly the allowed actions and dispatches a case to a village and a person', async () => {
    const operator = await ApiClient.signIn('operator');
    const { area: grid, centre } = await operator.whereIs('grid003');
    const leaders = await operator.get<UserDto[]>('/api/users?role=zone_leader');
    const zoneLeader = leaders.find((u) => u.areaId !== null && grid.path.includes(u.areaId));
    if (!zoneLeader?.areaId) throw new Error('no zone leader above grid003');
    const village = await operator.get<AreaDto>(`/api/areas/${grid.parentId}`);
    const created = await operator.createCase({ categoryCode: 'livelihood.elderly', description: uniqueText('独居老人需要上门探访'), location: centre });

    const { context, page } = await openSignedIn(browser(), 'wall', zoneLeader.username);
    await openCase(page, `/desk/${created.id}`, created.code);

    // The buttons are the API's allowedActions for this leader (the phone's delivery receipt aside).
    const leader = await ApiClient.signIn(zoneLeader.username);
    const seen = await leader.get<CaseDetail>(`/api/cases/${created.id}`);
    const buttons = await page.locator('[data-testid=case-actions] button[data-action]').evaluateAll((list) => list.map((b) => (b as HTMLElement).dataset['action']));
    const expected = seen.allowedActions.filter((a) => a !== 'acknowledge' && (a !== 'rate_department' || seen.coHandlers.some((h) => h.status === 'completed' && h.rating === null)) && (a !== 'merge' || seen.duplicateCandidateIds.length > 0) && (a !== 'request_info' || Boolean(seen.reporterPhone)));
    expect([...buttons].sort()).toEqual([...expected].sort());
    expect(buttons).toContain('dispatch');

    await page.click('button[data-action=dispatch]');
    const form = page.getByTestId('action-form-dispatch');
    await form.getByTestId('dispatch-unit').selectOption(village.id);
    const assignee = form.getByTestId('dispatch-assignee');
    await assignee.locator('option:nth-child(2)').waitFor({ state: 'attached' });
    const assigneeId = await assignee.locator('option:nth-child(2)').getAttribute('value');
    if (!assigneeId) throw new Error('nobody to dispatch to in the village');
    await assignee.selectOption(assigneeId);
    await form.locator('textarea').fill('请村里安排走访');
    await page.getByTestId('action-submit').click();

    // The timeline shows the dispatch at once (the answer patches the page), and the API agrees.
    await page.getByTestId('case-timeline').locator('li').first().filter({ hasText: '请村里安排走访' }).waitFor();
    const after = await operator.get<CaseDetail>(`/api/cases/${created.id}`);
    expect(after.unit).toEqual({ level: 'village', areaId: village.id });
    expect(after.assigneeId).toBe(assigneeId);
    expect(after.status).toBe('dispatched');
    await context.close();
  });

  it('shows the photo a resident linked through Open311 as a link that opens elsewhere, without sending where it came from', async () => {
    const operator = await ApiClient.signIn('operator');
    const { centre } = await operator.whereIs('grid004');
    const description = uniqueText('小区门口垃圾堆积');
    const media = 'https://example.com/photos/litter.jpg';
    const form = { api_key: 'demo-open311-key', service_code: 'city.litter', lat: String(centre.lat), long: String(centre.lng), description, media_url: media };
    const answer = await fetch(`${baseUrl()}/open311/v2/requests.json`, { method: 'POST', body: new URLSearchParams(form) });
    expect(answer.status).toBe(200);
    const [{ service_request_id: code }] = (await answer.json()) as { service_request_id: string }[];
    const { items } = await operator.get<{ items: CaseDetail[] }>(`/api/cases?q=${code}`);

    const { context, page } = await openSignedIn(browser(), 'wall', 'operator');
    await openCase(page, `/desk/${items[0].id}`, code);
    const link = page.locator(`a[href="${media}"]`);
    await expect(link.textContent()).resolves.toBe(media);
    await expect(link.getAttribute('target')).resolves.toBe('_blank');
    await expect(link.getAttribute('rel')).resolves.toBe('noopener noreferrer nofollow');
    await expect(link.getAttribute('referrerpolicy')).resolves.toBe('no-referrer');
    await context.close();
  });

  it('draws the grids around a case from the compact outlines, not the territory’s GeoJSON', async () => {
    const operator = await ApiClient.signIn('operator');
    const { centre } = await operator.whereIs('grid005');
    const created = await operator.createCase({ categoryCode: 'city.litter', description: uniqueText('路边垃圾'), location: centre });

    const { context, page } = await openSignedIn(browser(), 'wall', 'operator');
    const asked: string[] = [];
    page.on('request', (request) => asked.push(new URL(request.url()).pathname));
    await openCase(page, `/desk/${created.id}`, created.code);
    const map = page.getByRole('region', { name: '案件位置地图' });
    await map.locator('path.grid-boundary').first().waitFor();
    expect(await map.locator('path.grid-boundary').count()).toBeGreaterThan(1);
    expect(asked).toContain('/api/areas/outlines');
    expect(asked).not.toContain('/api/areas/geojson');
    await context.close();
  });

  it('asks for a reason before sending an escalation', async () => {
    const operator = await ApiClient.signIn('operator');
    const { centre } = await operator.whereIs('grid004');
    const created = await operator.createCase({ categoryCode: 'city.posters', description: uniqueText('小广告'), location: centre });
    const { context, page } = await openSignedIn(browser(), 'wall', 'operator');
    await openCase(page, `/desk/${created.id}`, created.code);
    await page.click('button[data-action=escalate]');
    await page.getByTestId('action-submit').click();
    await expect(page.getByTestId('action-form-escalate').innerText()).resolves.toContain('请填写原因');
    await context.close();
  });
});
