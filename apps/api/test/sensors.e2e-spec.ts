import type { CaseDetail, CaseEventPush, DeviceDto, DeviceImportResponse, DeviceList, SensorAlarmAccepted, SensorRuleDto } from '@grid/contracts';
import { signedHeaders, type SensorPlatform } from '@grid/integration-kit';
import ExcelJS from 'exceljs';
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { act, gridFixture, post, type GridFixture } from './cases-helpers';
import { cli } from './cli-runner';
import { useSockets } from './socket-client';
import { percentile, registerDevice, sensorPlatform, urlOf } from './sensors-helpers';
import { useTestApp } from './test-app';

// The first spec of a run loads the demo territory into its fresh database: minutes on a busy machine.
jest.setTimeout(300_000);

const SAMPLE = path.resolve(__dirname, '../../../docs/samples/devices.xlsx');

describe('sensors (物联感知)', () => {
  const t = useTestApp();
  const sockets = useSockets(t);
  let platform: SensorPlatform;
  let secret: string;
  let clientId: string;
  let here: GridFixture;
  let elsewhere: GridFixture;
  let departmentId: Record<string, string>;

  beforeAll(async () => {
    ({ platform, client: { id: clientId, secret } } = await sensorPlatform(t, urlOf(t)));
    here = await gridFixture(t, 350);
    elsewhere = await gridFixture(t, 5);
    const departments = (await t.get('admin', '/api/departments')).body as { id: string; code: string }[];
    departmentId = Object.fromEntries(departments.map((d) => [d.code, d.id]));
  });

  const caseOf = async (caseId: string): Promise<CaseDetail> => (await t.get('admin', `/api/cases/${caseId}`)).body as CaseDetail;
  const deviceOf = async (id: string): Promise<DeviceDto> => (await t.get('admin', `/api/admin/devices/${id}`)).body as DeviceDto;
  const alarm = (device: DeviceDto, extra: object = {}) => platform.alarm({ deviceCode: device.code, kind: device.kind, value: 1, ...extra });
  const upload = async (file: Buffer, name: string) => {
    const { accessToken } = await t.login('admin');
    return request(t.app.getHttpServer()).post('/api/admin/devices/imports').set('Authorization', `Bearer ${accessToken}`).attach('file', file, name);
  };

  describe('the device registry', () => {
    it('registers a device in the grid of its place; refuses what is wrong, naming the field', async () => {
      const device = await registerDevice(t, 'smoke', here.grid, { name: '3号楼烟感', departmentCode: 'zj' });
      expect(device).toMatchObject({ kind: 'smoke', gridId: here.grid.id, areaPath: [...here.grid.path, here.grid.id], departmentCode: 'zj', state: 'normal', alarm: null });

      const again = await post(t, 'admin', '/api/admin/devices', { code: device.code, kind: 'smoke', location: here.grid.centroid });
      expect(again.status).toBe(409);
      expect(again.body.fields).toHaveProperty('code');
      const cases = [
        [{ code: 'X-1', kind: 'fog', location: here.grid.centroid }, 'kind'],
        [{ code: 'X-1', kind: 'smoke', location: { lat: 10, lng: 10 } }, 'location'],
        [{ code: 'X-1', kind: 'smoke', location: here.grid.centroid, departmentCode: 'nope' }, 'departmentCode'],
        [{ code: 'bad code!', kind: 'smoke', location: here.grid.centroid }, 'code'],
        [{ code: 'X-1', kind: 'smoke' }, 'location'],
      ] as const;
      for (const [body, field] of cases) {
        const res = await post(t, 'admin', '/api/admin/devices', body);
        expect([res.status, Object.keys(res.body.fields ?? {})]).toEqual([400, expect.arrayContaining([field])]);
      }
      expect((await post(t, 'operator', '/api/admin/devices', { code: 'X-2', kind: 'smoke', location: here.grid.centroid })).status).toBe(403);
    });

    it('edits a device (a new place re-resolves its grid), retires it (its alarms are refused, its code is free again)', async () => {
      const device = await registerDevice(t, 'manhole', here.grid);
      const { accessToken } = await t.login('admin');
      const moved = await request(t.app.getHttpServer()).patch(`/api/admin/devices/${device.id}`).set('Authorization', `Bearer ${accessToken}`).send({ location: elsewhere.grid.centroid, name: '移位后' });
      expect(moved.status).toBe(200);
      expect(moved.body).toMatchObject({ gridId: elsewhere.grid.id, name: '移位后', code: device.code });

      const retired = await post(t, 'admin', `/api/admin/devices/${device.id}/retire`, {});
      expect(retired.body).toMatchObject({ state: 'retired' });
      const refused = await alarm(device);
      expect(refused.status).toBe(400);
      expect(refused.body).toMatchObject({ fields: { deviceCode: expect.any(String) } });
      await registerDevice(t, 'manhole', here.grid, { code: device.code });
    });

    it('lists the registry, devices in alarm first, by state and by code', async () => {
      const device = await registerDevice(t, 'noise', here.grid);
      const list = (await t.get('admin', `/api/admin/devices?q=${encodeURIComponent(device.code)}`)).body as DeviceList;
      expect(list.items.map((d) => d.id)).toEqual([device.id]);
      expect((await t.get('admin', '/api/admin/devices?state=bogus')).status).toBe(400);
      expect((await t.get('operator', '/api/admin/devices')).status).toBe(403);
    });

    it('imports the sample registry whole, and a file with problems not at all', async () => {
      const checked = await upload(fs.readFileSync(SAMPLE), 'devices.xlsx');
      expect(checked.status).toBe(201);
      expect(checked.body).toMatchObject({ status: 'valid', problems: [], summary: { devices: 8 } });
      const applied = await post(t, 'admin', `/api/admin/devices/imports/${checked.body.id}/apply`, {});
      expect(applied.body).toMatchObject({ status: 'applied', created: 8 });
      expect((await post(t, 'admin', `/api/admin/devices/imports/${checked.body.id}/apply`, {})).status).toBe(409);
      expect(((await t.get('admin', '/api/admin/devices?q=HK-YG-0001')).body as DeviceList).items[0]).toMatchObject({ kind: 'smoke', name: '农贸市场烟感 1 号' });

      // The same file again: every code is taken now.
      const twice = (await upload(fs.readFileSync(SAMPLE), 'devices.xlsx')).body as DeviceImportResponse;
      expect(twice.status).toBe('invalid');
      expect(twice.problems.filter((p) => p.code === 'code_taken')).toHaveLength(8);

      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet('设备');
      sheet.addRow(['设备编码', '设备类型', '纬度', '经度', '部门编码']);
      sheet.addRow(['NEW-OK-1', '烟感', String(here.grid.centroid.lat), String(here.grid.centroid.lng), '']);
      sheet.addRow(['NEW-BAD-1', '雾感', '32.7', '108.8', '']);
      sheet.addRow(['NEW-BAD-2', 'smoke', '北纬', '108.8', 'nope']);
      const bad = (await upload(Buffer.from(await workbook.xlsx.writeBuffer()), 'bad.xlsx')).body as DeviceImportResponse;
      expect(bad.status).toBe('invalid');
      expect(bad.problems.map((p) => [p.row, p.column, p.code])).toEqual([
        [3, 'kind', 'kind_unknown'],
        [4, 'lat', 'coordinate_malformed'],
        [4, 'department_code', 'department_unknown'],
      ]);
      expect((await post(t, 'admin', `/api/admin/devices/imports/${bad.id}/apply`, {})).status).toBe(409);
      expect(((await t.get('admin', '/api/admin/devices?q=NEW-OK-1')).body as DeviceList).total).toBe(0);
      const notXlsx = await upload(Buffer.from('not a workbook'), 'devices.xlsx');
      expect([notXlsx.status, notXlsx.body.fields]).toEqual([400, { file: expect.any(String) }]);
    });

    it('imports a registry from the command line (the built CLI): refused by row, or registered whole', async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'devices-'));
      const bad = path.join(dir, 'bad.csv');
      fs.writeFileSync(bad, `code,kind,lat,lng\nCLI-1,smoke,${here.grid.centroid.lat},${here.grid.centroid.lng}\nCLI-2,fog,1,1\n`);
      const refused = await cli(['import-devices', bad]);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/row 3, kind: unknown device kind "fog"[\s\S]*nothing imported/);
      const good = path.join(dir, 'good.csv');
      fs.writeFileSync(good, `设备编码,设备类型,纬度,经度\nCLI-1,烟感,${here.grid.centroid.lat},${here.grid.centroid.lng}\n`);
      const applied = await cli(['import-devices', good]);
      expect([applied.code, applied.stdout.trim()]).toEqual([0, 'registered 1 devices']);
      expect(((await t.get('admin', '/api/admin/devices?q=CLI-1')).body as DeviceList).items[0]).toMatchObject({ kind: 'smoke', gridId: here.grid.id });
    });

    it('keeps the per-kind rules as data an admin edits (a bad category or department is refused by field)', async () => {
      const { accessToken } = await t.login('admin');
      const put = (kind: string, body: object) => request(t.app.getHttpServer()).put(`/api/admin/sensor-rules/${kind}`).set('Authorization', `Bearer ${accessToken}`).send(body);
      const rule = { name: '垃圾满溢', nameEn: 'Bin full', categoryCode: 'city.litter', onRecovery: 'close', priority: 'normal' };
      expect((await put('bin_full', rule)).body).toMatchObject({ kind: 'bin_full', departmentCode: null, onRecovery: 'close' });
      expect((await put('bin_full', { ...rule, categoryCode: 'nope' })).body.fields).toHaveProperty('categoryCode');
      expect((await put('bin_full', { ...rule, departmentCode: 'nope' })).body.fields).toHaveProperty('departmentCode');
      expect((await put('Bad Kind', rule)).status).toBe(400);
      const rules = (await t.get('admin', '/api/admin/sensor-rules')).body as SensorRuleDto[];
      expect(rules.map((r) => r.kind)).toEqual(expect.arrayContaining(['smoke', 'water_level', 'manhole', 'bin_full']));
    });
  });

  describe('signed alarms', () => {
    it('refuses a forged, stale, replayed or unknown signer with 401, and a hotline client too', async () => {
      const device = await registerDevice(t, 'smoke', here.grid);
      const message = { deviceCode: device.code, kind: 'smoke' };
      expect((await platform.alarm(message, { secret: 'forged' })).status).toBe(401);
      expect((await platform.alarm(message, { clientId: randomUUID() })).status).toBe(401);
      expect((await platform.alarm(message, { timestamp: Math.floor(Date.now() / 1000) - 301 })).status).toBe(401);
      const hotline = await post(t, 'admin', '/api/admin/integration-clients', { name: `h-${randomUUID().slice(0, 8)}`, kind: 'hotline' });
      expect((await platform.alarm(message, { clientId: hotline.body.id, secret: hotline.body.secret })).status).toBe(401);

      const body = JSON.stringify({ ...message, at: new Date().toISOString() });
      const headers = signedHeaders(clientId, secret, body);
      const send = () => request(t.app.getHttpServer()).post('/api/sensors/alarms').set(headers).send(body);
      expect((await send()).status).toBe(201);
      const replay = await send();
      expect(replay.status).toBe(401);
      expect(replay.body.fields['X-Signature']).toContain('replay');
      expect(((await deviceOf(device.id)).alarm as { alarms: number }).alarms).toBe(1);
    });

    it('answers 400 naming the field of an unknown device or a malformed alarm', async () => {
      const unknown = await platform.alarm({ deviceCode: 'NO-SUCH-DEVICE', kind: 'smoke' });
      expect(unknown.status).toBe(400);
      expect(unknown.body).toMatchObject({ fields: { deviceCode: 'unknown device' } });
      const malformed = await platform.alarm({ deviceCode: '', kind: 'Smoke!', at: 'yesterday', value: 'hot' } as never);
      expect(malformed.status).toBe(400);
      expect(Object.keys((malformed.body as { fields: object }).fields)).toEqual(expect.arrayContaining(['deviceCode', 'kind', 'at', 'value']));
    });

    it('opens a routed case for the first alarm, answers the same case for repeats (counted, no new events)', async () => {
      const device = await registerDevice(t, 'smoke', here.grid);
      const first = await alarm(device, { value: 87 });
      expect(first.status).toBe(201);
      const { caseId, caseCode } = first.body as SensorAlarmAccepted;
      const opened = await caseOf(caseId as string);
      // safety.fire is handled by a department (应急管理): the case goes there first, the grid's worker verifies.
      expect(opened).toMatchObject({ code: caseCode, source: 'sensor', categoryCode: 'safety.fire', priority: 'urgent', status: 'dispatched', gridId: here.grid.id, unit: { level: 'department', departmentId: departmentId['yjgl'] } });
      expect(opened.description).toContain(device.code);

      for (let i = 0; i < 3; i++) {
        const repeat = await alarm(device, { value: 90 + i });
        expect([repeat.status, repeat.body]).toEqual([200, { caseId, caseCode, alarms: 2 + i, state: 'alarm' }]);
      }
      expect((await caseOf(caseId as string)).timeline).toHaveLength(opened.timeline.length);
      expect((await deviceOf(device.id)).alarm).toMatchObject({ caseId, alarms: 4, lastValue: 92 });
    });

    it('routes to the device’s own department first, and by the rule as an admin edits it', async () => {
      const owned = await registerDevice(t, 'smoke', here.grid, { departmentCode: 'zj' });
      const first = (await alarm(owned)).body as SensorAlarmAccepted;
      expect((await caseOf(first.caseId as string)).unit).toMatchObject({ level: 'department', departmentId: departmentId['zj'] });

      // A kind whose rule names no department: the category's own routing (city.litter: the grid, its worker pushed).
      const bin = await registerDevice(t, 'bin_full', here.grid);
      const binCase = await caseOf(((await alarm(bin)).body as SensorAlarmAccepted).caseId as string);
      expect(binCase).toMatchObject({ categoryCode: 'city.litter', priority: 'normal', unit: { level: 'grid', areaId: here.grid.id } });
    });

    it('a recovery closes an untouched auto-opened case (kind manhole: close) and the next alarm opens a new one', async () => {
      const device = await registerDevice(t, 'manhole', here.grid);
      const { caseId } = (await alarm(device)).body as SensorAlarmAccepted;
      const recovered = await alarm(device, { recovered: true });
      expect(recovered.status).toBe(200);
      expect(recovered.body).toMatchObject({ caseId, state: 'normal' });
      const closed = await caseOf(caseId as string);
      expect(closed.status).toBe('closed');
      expect(closed.timeline.at(-1)).toMatchObject({ kind: 'closed', actorId: null, note: expect.stringContaining('恢复') });
      expect((await deviceOf(device.id)).state).toBe('normal');

      const again = await alarm(device);
      expect(again.status).toBe(201);
      expect((again.body as SensorAlarmAccepted).caseId).not.toBe(caseId);
      // The recovery closes that one too; a recovery with no open case changes nothing.
      await alarm(device, { recovered: true });
      expect((await alarm(device, { recovered: true })).body).toMatchObject({ caseId: null, state: 'normal' });
    });

    it('a recovery marks the case for verification (kind smoke: verify); the grid worker checks it on site', async () => {
      const device = await registerDevice(t, 'smoke', here.grid);
      const { caseId } = (await alarm(device)).body as SensorAlarmAccepted;
      expect((await alarm(device, { recovered: true })).body).toMatchObject({ caseId, state: 'recovered' });
      const handled = await caseOf(caseId as string);
      expect(handled.status).toBe('handled');
      expect((await deviceOf(device.id)).state).toBe('recovered');
      // Back in alarm before anyone verified: counted on the same case, in alarm again.
      expect((await alarm(device)).body).toMatchObject({ caseId, alarms: 2, state: 'alarm' });
      const verified = await act(t, here.worker.username, caseId as string, 'verify', {});
      expect(verified.status).toBe(200);
      expect(verified.body.status).toBe('verified');
    });

    it('a case people end ends the alarm: the device’s next alarm opens a new case', async () => {
      const device = await registerDevice(t, 'noise', here.grid);
      const { caseId } = (await alarm(device)).body as SensorAlarmAccepted;
      expect((await act(t, 'operator', caseId as string, 'cancel', { note: '误报：设备调试' })).status).toBe(200);
      expect((await deviceOf(device.id)).state).toBe('normal');
      const next = await alarm(device);
      expect([next.status, (next.body as SensorAlarmAccepted).caseId === caseId]).toEqual([201, false]);
    });
  });

  describe('the wall', () => {
    it('lists devices in alarm in the caller’s scope, and pushes their changes in the case’s rooms', async () => {
      const wall = await sockets.connectAs('operator');
      const pushes: DeviceDto[] = [];
      wall.on('device.alarm', (d) => pushes.push(d));
      const device = await registerDevice(t, 'smoke', here.grid);
      const { caseId } = (await alarm(device)).body as SensorAlarmAccepted;
      await waitFor(() => pushes.some((d) => d.id === device.id && d.state === 'alarm'));
      expect(pushes.find((d) => d.id === device.id)?.alarm).toMatchObject({ caseId, alarms: 1 });

      const listed = (await t.get('operator', '/api/sensors/devices')).body as DeviceList;
      expect(listed.items.find((d) => d.id === device.id)).toMatchObject({ state: 'alarm', alarm: { caseId } });
      expect(((await t.get(here.zoneLeader.username, '/api/sensors/devices')).body as DeviceList).items.map((d) => d.id)).toContain(device.id);
      const otherZone = elsewhere.zoneLeader.areaId === here.zoneLeader.areaId ? null : elsewhere.zoneLeader;
      if (otherZone) expect(((await t.get(otherZone.username, '/api/sensors/devices')).body as DeviceList).items.map((d) => d.id)).not.toContain(device.id);

      await alarm(device, { recovered: true });
      await waitFor(() => pushes.some((d) => d.id === device.id && d.state === 'recovered'));
    });
  });

  describe('an alarm storm', () => {
    it('1,000 alarms a second from one device for 3 s: one case, every alarm counted, nobody flooded', async () => {
      const device = await registerDevice(t, 'smoke', here.grid);
      const wall = await sockets.connectAs('operator');
      const worker = await sockets.connectAs(here.worker.username);
      const devicePushes: DeviceDto[] = [];
      const casePushes: CaseEventPush[] = [];
      wall.on('device.alarm', (d) => d.id === device.id && devicePushes.push(d));
      for (const socket of [wall, worker]) for (const event of ['case.created', 'case.updated', 'case.assigned'] as const) socket.on(event, (p) => casePushes.push(p));

      const storm = await platform.storm({ deviceCode: device.code, kind: 'smoke', value: 99 }, { perSecond: 1_000, seconds: 3 });
      const rate = Math.round((storm.sent * 1000) / storm.elapsedMs);
      console.log(`alarm storm: ${storm.sent} alarms in ${storm.elapsedMs} ms (${rate}/s), p50 ${percentile(storm.latenciesMs, 50).toFixed(1)} ms, p99 ${percentile(storm.latenciesMs, 99).toFixed(1)} ms, ${JSON.stringify(storm.statuses)} ${JSON.stringify(storm.errors)}`);

      expect(storm.statuses).toEqual({ 201: 1, 200: storm.sent - 1 });
      const [{ cases, alarms }] = (await t.app.get(DataSource).query(
        `SELECT count(DISTINCT a.case_id)::int AS cases, sum(a.alarms)::int AS alarms FROM device_alarms a WHERE a.device_id = $1`,
        [device.id],
      )) as { cases: number; alarms: number }[];
      expect({ cases, alarms }).toEqual({ cases: 1, alarms: storm.sent });
      const stormCase = ((await deviceOf(device.id)).alarm as { caseId: string }).caseId;
      // The case's timeline is its intake alone: the repeats are a count, not events.
      expect((await caseOf(stormCase)).timeline.map((e) => e.kind)).toEqual(['reported', 'registered', 'dispatched']);
      await new Promise((resolve) => setTimeout(resolve, 500));
      // Pushed: the case's intake (its reported, registered and dispatched events, to each of the two sockets), the
      // device's opening and a count every 5 s at most — not one message per alarm.
      expect(casePushes.filter((p) => p.case.id === stormCase).length).toBeLessThanOrEqual(8);
      expect(devicePushes.length).toBeGreaterThanOrEqual(1);
      expect(devicePushes.length).toBeLessThanOrEqual(2 + Math.ceil(storm.elapsedMs / 5_000));
    });
  });
});

async function waitFor(check: () => boolean, ms = 5_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`not within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
