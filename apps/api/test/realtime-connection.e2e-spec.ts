import type { WorkerPosition } from '@grid/contracts';
import { useSockets, type ClientSocket } from './socket-client';
import { useTestApp } from './test-app';

describe('live channel: handshake and rooms', () => {
  const t = useTestApp();
  const { connect, connectAs } = useSockets(t);

  it.each([
    ['no token', {}],
    ['a forged token', { token: 'a.b.c' }],
  ])('refuses a handshake with %s', async (_what, auth) => {
    await expect(connect(auth)).rejects.toThrow(/unauthorized/);
  });

  it('forwards a worker’s position to their zone leader and the command centre, not to another zone', async () => {
    const worker = await connectAs('grid001');
    const { user } = await t.login('grid001');
    const zones = (await t.get('admin', '/api/areas?level=zone')).body as { id: string; code: string }[];
    const workerZone = (await t.get('admin', `/api/areas/${user.areaId}`)).body.path[1] as string;
    const leaderOf = (zoneId: string) => `zone${String(zones.findIndex((z) => z.id === zoneId) + 1).padStart(2, '0')}`;
    const ownLeader = await connectAs(leaderOf(workerZone));
    const otherLeader = await connectAs(leaderOf(zones.find((z) => z.id !== workerZone)?.id as string));
    const operator = await connectAs('operator');

    const received = (socket: ClientSocket) => new Promise<WorkerPosition>((resolve) => socket.once('worker.position', resolve));
    const toOwn = received(ownLeader);
    const toOperator = received(operator);
    let otherGotIt = false;
    otherLeader.on('worker.position', () => (otherGotIt = true));

    worker.emit('worker.position', { lat: 32.73, lng: 108.8, accuracy: 12 });
    const [own, op] = await Promise.all([toOwn, toOperator]);
    expect(own).toMatchObject({ userId: user.id, lat: 32.73, lng: 108.8, accuracy: 12, areaId: user.areaId });
    expect(op.userId).toBe(user.id);
    await new Promise((r) => setTimeout(r, 200));
    expect(otherGotIt).toBe(false);

    // After a reload the wall asks for the last positions: the zone sees its worker, another zone does not.
    const seen = (await t.get(leaderOf(workerZone), '/api/workers/positions')).body as WorkerPosition[];
    expect(seen.find((p) => p.userId === user.id)).toMatchObject({ lat: 32.73, lng: 108.8 });
    const elsewhere = (await t.get(leaderOf(zones.find((z) => z.id !== workerZone)?.id as string), '/api/workers/positions')).body as WorkerPosition[];
    expect(elsewhere.some((p) => p.userId === user.id)).toBe(false);
    expect((await t.get('grid001', '/api/workers/positions')).status).toBe(403);
  });
});
