import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { CaseEntity } from '../src/modules/cases/case.entity';
import { CaseStore, type NewReport } from '../src/modules/cases/case-store';
import { ReportWriter } from '../src/modules/cases/report-writer';
import { gridFixture, report } from './cases-helpers';
import { useTestApp } from './test-app';

/**
 * Reports written together (group commit): concurrent reports share statements, yet each is written whole
 * with its own events and claim, a repeated key writes once, and one bad report fails only itself.
 */
describe('writing reports together', () => {
  const t = useTestApp();
  let template: NewReport;
  let seq = 0;

  beforeAll(async () => {
    const { grid } = await gridFixture(t, 53);
    const created = await report(t, 'operator', grid);
    const row = (await t.app.get(DataSource).getRepository(CaseEntity).findOneByOrFail({ id: created.id })) as CaseEntity;
    const drafts = await t.app.get(CaseStore).events(t.app.get(DataSource).manager, created.id);
    // The stored events as drafts again: the writer gives them their case and seq.
    template = { row, drafts: drafts.map((e) => ({ kind: e.kind, fromStatus: e.fromStatus, toStatus: e.toStatus, actorId: e.actorId, at: e.at, data: e.data }) as NewReport['drafts'][number]), claim: { key: undefined, hash: 'h' }, facts: null };
  });

  const another = (patch: Partial<CaseEntity> = {}, key?: string): NewReport => {
    seq += 1;
    const row = { ...template.row, id: randomUUID(), code: `BT${Date.now()}-${seq}`.slice(0, 32), trackingToken: randomUUID().slice(0, 16), ...patch } as CaseEntity;
    return { row, drafts: template.drafts, claim: { key, hash: 'h' }, facts: null };
  };
  const stored = async (id: string) => {
    const [row] = (await t.app.get(DataSource).query(`SELECT c.last_seq, count(e.seq)::int AS events, max(e.seq) AS max FROM cases c JOIN case_events e ON e.case_id = c.id WHERE c.id = $1 GROUP BY c.id`, [id])) as { last_seq: string; events: number; max: string }[];
    return row;
  };

  it('writes 40 concurrent reports whole, each with its own events in order', async () => {
    const writer = t.app.get(ReportWriter);
    const reports = Array.from({ length: 40 }, () => another());
    const written = await Promise.all(reports.map((r) => writer.write(r)));
    expect(written.every((w) => w.created)).toBe(true);
    for (const [i, w] of written.entries()) {
      expect(w.events.map((e) => e.caseId)).toEqual(template.drafts.map(() => reports[i].row.id));
      const seqs = w.events.map((e) => e.seq);
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
      expect(await stored(reports[i].row.id)).toEqual({ last_seq: String(seqs[seqs.length - 1]), events: template.drafts.length, max: String(seqs[seqs.length - 1]) });
    }
  });

  it('writes a key once when the same report is sent twice in one statement', async () => {
    const writer = t.app.get(ReportWriter);
    const key = randomUUID();
    const [first, second, third] = [another({}, key), another({}, key), another()];
    // The first goes alone; the other two wait for it and share one statement.
    const written = await Promise.all([writer.write(another()), writer.write(first), writer.write(second), writer.write(third)]);
    expect(written.map((w) => w.created)).toEqual([true, true, false, true]);
    expect(await stored(second.row.id)).toBeUndefined();
  });

  it('fails only the bad report of a shared statement', async () => {
    const writer = t.app.get(ReportWriter);
    const good = another();
    const bad = another({ gridId: randomUUID() }); // no such area: the foreign key refuses it
    const [, goodResult, badResult] = await Promise.allSettled([writer.write(another()), writer.write(good), writer.write(bad)]);
    expect(goodResult).toMatchObject({ status: 'fulfilled', value: { created: true } });
    expect(badResult).toMatchObject({ status: 'rejected' });
    expect(await stored(good.row.id)).toMatchObject({ events: template.drafts.length });
    expect(await stored(bad.row.id)).toBeUndefined();
  });
});
