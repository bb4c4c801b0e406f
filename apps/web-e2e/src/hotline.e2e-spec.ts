import type { CreatedIntegrationClient, HotlineOrderAccepted } from '@grid/contracts';
import { signedHeaders } from '@grid/integration-kit';
import { ApiClient, uniqueText } from './support/api';
import { baseUrl, describeInBrowser, openCase, openSignedIn, saveScreenshot, sharedBrowser } from './support/browser';

describeInBrowser('12345 hotline case', () => {
  const browser = sharedBrowser();

  it("shows the work order with the hotline's own deadline in the case view, in Chinese and English, at the desk and on the phone", async () => {
    const admin = await ApiClient.signIn('admin');
    const client = await admin.post<CreatedIntegrationClient>('/api/admin/integration-clients', { name: uniqueText('12345热线').slice(0, 60), kind: 'hotline' });
    const { centre } = await admin.whereIs('grid006');
    const order = {
      orderNo: `GD${Date.now()}`,
      content: uniqueText('小区门口垃圾堆放多日无人清运'),
      category: '暴露垃圾',
      location: centre,
      urgency: '紧急',
      deadline: new Date(Date.now() + 48 * 3600_000).toISOString(),
      notes: '请属地核实处理',
      caller: { name: '王先生', phone: '13812345678' },
    };
    const body = JSON.stringify(order);
    const pushed = await fetch(`${baseUrl()}/api/hotline/orders`, { method: 'POST', headers: signedHeaders(client.id, client.secret, body), body });
    expect(pushed.status).toBe(201);
    const { caseId, caseCode } = (await pushed.json()) as HotlineOrderAccepted;

    for (const viewport of ['wall', 'phone'] as const) {
      // The office desk at 1440 px, and the same desk on a phone.
      const { context, page } = await openSignedIn(browser(), viewport, 'operator', viewport === 'wall' ? { viewport: { width: 1440, height: 900 } } : {});
      await openCase(page, `/desk/${caseId}`, caseCode as string);
      const panel = page.getByTestId('hotline-order');
      await panel.filter({ hasText: order.orderNo }).waitFor();
      await expect(panel.innerText()).resolves.toContain('热线办结时限');
      await panel.scrollIntoViewIfNeeded();
      await saveScreenshot(page, 'hotline-case-zh', viewport);
      await page.getByRole('button', { name: /^(English|EN)$/ }).click();
      await panel.filter({ hasText: 'Hotline deadline' }).waitFor();
      await panel.scrollIntoViewIfNeeded();
      await saveScreenshot(page, 'hotline-case-en', viewport);
      await context.close();
    }
  });
});
