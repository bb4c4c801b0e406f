import type { CreatedIntegrationClient, DeviceDto, SensorAlarmAccepted } from '@grid/contracts';
import { SensorPlatform } from '@grid/integration-kit';
import { randomUUID } from 'node:crypto';
import { ApiClient } from './support/api';
import { baseUrl, describeInBrowser, openSignedInIn, saveScreenshot, sharedBrowser, waitForGrids, type ViewportName } from './support/browser';

describeInBrowser('sensors (物联感知)', () => {
  const browser = sharedBrowser();

  it('the wall shows a device in alarm after a signed alarm, live; the admin finds it in the devices page', async () => {
    const admin = await ApiClient.signIn('admin');
    const client = await admin.post<CreatedIntegrationClient>('/api/admin/integration-clients', { name: `物联平台-${randomUUID().slice(0, 8)}`, kind: 'sensor' });
    const platform = new SensorPlatform({ apiUrl: baseUrl(), clientId: client.id, secret: client.secret });
    const { centre } = await admin.whereIs('grid006');
    const device = await admin.post<DeviceDto>('/api/admin/devices', { code: `YG-${randomUUID().slice(0, 6)}`, kind: 'smoke', location: centre, name: '农贸市场烟感' });

    // The wall is open before the alarm: the device appears through the live channel.
    const wall = await openSignedInIn(browser(), 'zh-CN', 'wall', 'operator');
    await waitForGrids(wall.page, 300);
    const first = await platform.alarm({ deviceCode: device.code, kind: 'smoke', value: 86 });
    expect(first.status).toBe(201);
    for (let i = 0; i < 4; i++) expect((await platform.alarm({ deviceCode: device.code, kind: 'smoke' })).status).toBe(200);
    const { caseCode } = first.body as SensorAlarmAccepted;
    const row = wall.page.locator(`[data-testid=device-alarm][data-code="${device.code}"]`);
    await row.waitFor({ timeout: 10_000 });
    await expect(row.innerText()).resolves.toContain('报警中');
    await wall.page.locator('.leaflet-marker-icon').first().waitFor();
    await saveScreenshot(wall.page, 'sensors-wall-zh', 'wall');
    await wall.context.close();

    for (const [language, viewport] of [
      ['zh-CN', 'wall'],
      ['zh-CN', 'desk'],
      ['en', 'wall'],
      ['en', 'desk'],
    ] as const satisfies readonly (readonly ['zh-CN' | 'en', ViewportName])[]) {
      const { context, page } = await openSignedInIn(browser(), language, viewport, 'admin');
      await page.goto('/admin/devices');
      await page.getByTestId('devices-search').fill(device.code);
      const listed = page.locator(`[data-testid=device-row][data-code="${device.code}"]`);
      await listed.waitFor();
      await expect(listed.getAttribute('data-state')).resolves.toBe('alarm');
      await expect(listed.innerText()).resolves.toContain(caseCode as string);
      await page.getByTestId('devices-search').fill('');
      await page.locator('[data-testid=device-row]').first().waitFor();
      await saveScreenshot(page, `sensors-admin-${language}`, viewport);
      if (language === 'zh-CN' && viewport === 'wall') {
        await page.getByTestId('devices-view-register').click();
        await page.getByTestId('location-picker').waitFor();
        await saveScreenshot(page, 'sensors-admin-register-zh', viewport);
        await page.getByTestId('devices-view-import').click();
        await page.getByTestId('import-file').waitFor();
        await saveScreenshot(page, 'sensors-admin-import-zh', viewport);
      }
      // The wall in English on an office screen (the Chinese one above is at 1920 px).
      if (language === 'en' && viewport === 'desk') {
        await page.goto('/command');
        await page.locator(`[data-testid=device-alarm][data-code="${device.code}"]`).waitFor();
        await saveScreenshot(page, 'sensors-wall-en', viewport);
      }
      await context.close();
    }
  });
});
