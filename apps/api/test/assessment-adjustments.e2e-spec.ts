import type { AdjustmentDto, AdjustmentListResponse, AssessmentConfig, AssessmentLedger, AssessmentResponse, PublicationDto, PublicationSummary } from '@grid/contracts';
import { localDateOf, monthOf } from '@grid/domain';
import { DataSource } from 'typeorm';
import { gridFixture, post } from './cases-helpers';
import { useTestApp } from './test-app';

const DAY = 86_400_000;
const TODAY = localDateOf(new Date().toISOString());
const THIS_MONTH = { from: monthOf(TODAY), to: TODAY };
/** The month before this one: published for notice in these tests. */
const LAST_MONTH = (() => {
  const to = new Date(Date.parse(THIS_MONTH.from) - DAY).toISOString().slice(0, 10);
  return { from: monthOf(to), to };
})();
const period = (p: { from: string; to: string }) => `from=${p.from}&to=${p.to}`;

describe('reward and penalty points (奖惩), public notice (公示), leaders’ posts ranked: issue 23', () => {
  const t = useTestApp();
  const db = () => t.app.get(DataSource);

  const workerRow = async (workerId: string, p = THIS_MONTH) => {
    const res = await t.get('assessor', `/api/assessment?level=worker&${period(p)}`);
    expect(res.status).toBe(200);
    return (res.body as AssessmentResponse).rows.find((r) => r.unitId === workerId);
  };
  const ledgerOf = async (username: string, workerId: string, p = THIS_MONTH): Promise<AssessmentLedger> => (await t.get(username, `/api/assessment/ledger?userId=${workerId}&${period(p)}`)).body;
  const enter = (body: object, by = 'assessor') => post(t, by, '/api/assessment/adjustments', body);

  it('refuses bad input with the field, and anyone but an assessor', async () => {
    const { worker } = await gridFixture(t, 2);
    const good = { userId: worker.id, date: TODAY, points: 3, category: 'commendation', reason: '市级表彰', evidence: '区委办〔2026〕12号' };
    expect((await enter(good, worker.username)).status).toBe(403);
    expect((await enter(good, 'zone01')).status).toBe(403);
    const cases: [object, string][] = [
      [{ ...good, points: 0 }, 'points'],
      [{ ...good, points: 1.234 }, 'points'],
      [{ ...good, points: 500 }, 'points'],
      [{ ...good, category: 'bonus' }, 'category'],
      [{ ...good, reason: ' ' }, 'reason'],
      [{ ...good, evidence: '' }, 'evidence'],
      [{ ...good, date: '2026-02-30' }, 'date'],
      [{ ...good, userId: '00000000-0000-4000-8000-000000000000' }, 'userId'],
      [{ ...good, attachmentIds: ['00000000-0000-4000-8000-000000000000'] }, 'attachmentIds'],
    ];
    for (const [body, field] of cases) {
      const res = await enter(body);
      expect([field, res.status, Object.keys(res.body.fields ?? {})]).toEqual([field, 400, [field]]);
    }
    expect(((await db().query(`SELECT count(*)::int AS n FROM assessment_adjustments`)) as { n: number }[])[0].n).toBe(0);
  });

  it('counts points once a second assessor approves them; the person sees them, appeals, and an upheld appeal takes them back', async () => {
    const { worker } = await gridFixture(t, 4);
    const { worker: other } = await gridFixture(t, 6);
    const before = await workerRow(worker.id);
    if (!before) throw new Error('the worker is not ranked');
    const entered = await enter({ userId: worker.id, date: TODAY, points: -5, category: 'safety_incident', reason: '未按规定巡查，发生安全事故', evidence: '事故通报' });
    expect(entered.status).toBe(201);
    const adjustment: AdjustmentDto = entered.body;
    expect(adjustment).toMatchObject({ status: 'pending', counts: false, points: -5, displayName: worker.displayName });

    // Pending points are in the ledger, not in the points; the one who entered them may not approve them.
    expect((await ledgerOf(worker.username, worker.id)).adjustments.map((a) => [a.id, a.counts])).toEqual([[adjustment.id, false]]);
    expect((await workerRow(worker.id))?.points).toBe(before.points);
    const self = await post(t, 'assessor', `/api/assessment/adjustments/${adjustment.id}/decide`, { decision: 'approved', note: '属实' });
    expect([self.status, self.body.reason]).toEqual([403, 'same_actor']);
    expect((await post(t, worker.username, `/api/assessment/adjustments/${adjustment.id}/decide`, { decision: 'approved', note: 'x' })).status).toBe(403);
    const approved = await post(t, 'admin', `/api/assessment/adjustments/${adjustment.id}/decide`, { decision: 'approved', note: '核实属实' });
    expect(approved.status).toBe(201);
    expect(approved.body).toMatchObject({ status: 'approved', counts: true, decisionNote: '核实属实' });
    expect((await post(t, 'admin', `/api/assessment/adjustments/${adjustment.id}/decide`, { decision: 'rejected', note: 'again' })).status).toBe(409);

    const after = await workerRow(worker.id);
    expect(after?.points).toBeCloseTo((before.points ?? 0) - 5, 6);
    const ledger = await ledgerOf(worker.username, worker.id);
    expect(ledger.adjustmentPoints).toBe(-5);
    expect(ledger.points).toBe(after?.points);
    expect(ledger.entries.reduce((s, e) => s + e.points, 0) + ledger.adjustmentPoints).toBeCloseTo(ledger.points, 6);
    expect(ledger.score).toBe(after?.score);

    // The person lists their own points only; others cannot see or appeal them.
    const mine: AdjustmentListResponse = (await t.get(worker.username, `/api/assessment/adjustments?userId=${other.id}`)).body;
    expect(mine.items.map((a) => a.id)).toEqual([adjustment.id]);
    expect((await t.get(other.username, '/api/assessment/adjustments')).body.items).toEqual([]);
    const appeal = { reason: '事故非本人责任区', evidence: '见网格边界图' };
    expect((await post(t, other.username, `/api/assessment/adjustments/${adjustment.id}/appeal`, appeal)).status).toBe(404);
    const appealed = await post(t, worker.username, `/api/assessment/adjustments/${adjustment.id}/appeal`, appeal);
    expect(appealed.status).toBe(201);
    expect(appealed.body.appeal).toMatchObject({ status: 'pending', reason: appeal.reason });
    expect((await post(t, worker.username, `/api/assessment/adjustments/${adjustment.id}/appeal`, appeal)).status).toBe(409);
    expect((await post(t, worker.username, `/api/assessment/adjustments/${adjustment.id}/appeal/decide`, { decision: 'upheld', note: 'x' })).status).toBe(403);
    const upheld = await post(t, 'assessor', `/api/assessment/adjustments/${adjustment.id}/appeal/decide`, { decision: 'upheld', note: '核实非本人责任区' });
    expect(upheld.status).toBe(201);
    expect(upheld.body).toMatchObject({ counts: false, appeal: { status: 'upheld', note: '核实非本人责任区' } });
    expect((await workerRow(worker.id))?.points).toBe(before.points);
    expect((await ledgerOf(worker.username, worker.id)).adjustmentPoints).toBe(0);

    const logged = (await db().query(`SELECT action FROM audit_log WHERE detail->>'adjustmentId' = $1 ORDER BY id`, [adjustment.id])) as { action: string }[];
    expect(logged.map((l) => l.action)).toEqual(['adjustment_entered', 'adjustment_decided', 'adjustment_appealed', 'adjustment_appeal_decided']);
  });

  it('publishes a period for notice: frozen results without personal data, no new points for it, appeals closed after the notice', async () => {
    const { worker } = await gridFixture(t, 8);
    // Points of last month, approved before the results are published.
    const early = await enter({ userId: worker.id, date: LAST_MONTH.to, points: 2, category: 'commendation', reason: '群众来信表扬', evidence: '来信编号 0815' });
    expect((await post(t, 'admin', `/api/assessment/adjustments/${early.body.id}/decide`, { decision: 'approved', note: '属实' })).status).toBe(201);

    expect((await post(t, worker.username, '/api/assessment/publications', { level: 'worker', ...LAST_MONTH })).status).toBe(403);
    const backwards = await post(t, 'assessor', '/api/assessment/publications', { level: 'worker', from: LAST_MONTH.to, to: LAST_MONTH.from });
    expect([backwards.status, Object.keys(backwards.body.fields ?? {})]).toEqual([400, ['to']]);
    const published = await post(t, 'assessor', '/api/assessment/publications', { level: 'worker', ...LAST_MONTH, noticeDays: 3 });
    expect(published.status).toBe(201);
    const notice: PublicationDto = published.body;
    const ranking = (await t.get('assessor', `/api/assessment?level=worker&${period(LAST_MONTH)}`)).body as AssessmentResponse;
    expect(notice).toMatchObject({ level: 'worker', ...LAST_MONTH, onNotice: true, publishedBy: expect.any(String) });
    expect(notice.rows.map((r) => [r.rank, r.unitCode, r.score])).toEqual(ranking.rows.map((r) => [r.rank, r.unitCode, r.score]));
    expect(new Set(notice.rows.map((r) => r.post))).toEqual(new Set(['grid_worker']));
    // Names and posts only: no ids, no figures.
    expect(Object.keys(notice.rows[0]).sort()).toEqual(['bottom', 'composite', 'grade', 'post', 'rank', 'score', 'stars', 'unitCode', 'unitName']);
    expect((await post(t, 'assessor', '/api/assessment/publications', { level: 'worker', ...LAST_MONTH })).status).toBe(409);
    // Anyone signed in reads the notice.
    const list: PublicationSummary[] = (await t.get(worker.username, '/api/assessment/publications')).body;
    expect(list.map((p) => p.id)).toContain(notice.id);
    expect((await t.get(worker.username, `/api/assessment/publications/${notice.id}`)).body.rows).toHaveLength(notice.rows.length);

    // No more points for a published period.
    const late = await enter({ userId: worker.id, date: LAST_MONTH.from, points: 1, category: 'other', reason: '补录', evidence: '补录' });
    expect([late.status, late.body.fields]).toEqual([409, { date: 'period already published' }]);

    // While on notice the person may appeal; once the notice period is over, no longer (the points here, a case's overdue alike).
    await db().query(`UPDATE assessment_publications SET notice_until = $2::date - 1 WHERE id = $1`, [notice.id, TODAY]);
    const closed = await post(t, worker.username, `/api/assessment/adjustments/${early.body.id}/appeal`, { reason: '表扬应计入本月' });
    expect([closed.status, closed.body.fields]).toEqual([409, { date: 'notice period ended' }]);
    expect(((await t.get(worker.username, `/api/assessment/publications/${notice.id}`)).body as PublicationDto).onNotice).toBe(false);
    const ledgers = await Promise.all(ranking.rows.filter((r) => r.figures.overdue > 0).slice(0, 20).map((r) => ledgerOf('assessor', r.unitId, LAST_MONTH)));
    const overdue = ledgers.flatMap((l) => l.entries.filter((e) => e.appealable === 'overdue').map((e) => ({ ...e, userId: l.userId })))[0];
    if (!overdue) throw new Error('no overdue of last month to appeal');
    const [{ username }] = (await db().query(`SELECT username FROM users WHERE id = $1`, [overdue.userId])) as { username: string }[];
    const caseAppeal = await post(t, username, '/api/assessment/appeals', { caseId: overdue.caseId, kind: 'overdue', reason: '派错网格' });
    expect([caseAppeal.status, caseAppeal.body.fields]).toEqual([409, { caseId: 'notice period ended' }]);
  });

  it('ranks every leader’s post with its own indicator set from the scheme; weights that do not add up are refused', async () => {
    const cadres = (await t.get('assessor', `/api/assessment?level=village_cadre&${period(THIS_MONTH)}`)).body as AssessmentResponse;
    expect(cadres.rows.length).toBeGreaterThan(0);
    expect(cadres.rows.every((r) => r.points === null && r.score === r.composite)).toBe(true);
    const config = (await t.get('assessor', '/api/assessment/config')).body[0].config as AssessmentConfig;
    expect(config.indicators.village_cadre?.map((i) => i.figure)).toContain('patrolVisits');
    const bad = await post(t, 'assessor', '/api/assessment/config', { config: { ...config, indicators: { ...config.indicators, zone_leader: [{ figure: 'onTimeRate', weight: 0.6 }] } }, note: 'bad' });
    expect([bad.status, Object.keys(bad.body.fields ?? {})]).toEqual([400, ['config.indicators.zone_leader']]);
    // Only the on-time rate: every cadre's composite is their village's on-time handling rate.
    const onTimeOnly = await post(t, 'assessor', '/api/assessment/config', { config: { ...config, indicators: { ...config.indicators, village_cadre: [{ figure: 'onTimeRate', weight: 1 }] } }, note: '村干部只看按期处置率' });
    expect(onTimeOnly.status).toBe(201);
    const rerun = (await t.get('assessor', `/api/assessment?level=village_cadre&${period(THIS_MONTH)}&version=${onTimeOnly.body.version}`)).body as AssessmentResponse;
    for (const { composite, figures } of rerun.rows) {
      if (figures.onTimeRate === null) expect(composite).toBeNull();
      else expect(Math.abs((composite ?? NaN) - figures.onTimeRate * 100)).toBeLessThanOrEqual(0.05);
    }
    // A zone leader's own line is their zone's; exported like any level.
    const zones = (await t.get('assessor', `/api/assessment?level=zone&${period(THIS_MONTH)}`)).body as AssessmentResponse;
    const leaders = (await t.get('assessor', `/api/assessment?level=zone_leader&${period(THIS_MONTH)}`)).body as AssessmentResponse;
    expect(leaders.rows).toHaveLength(10);
    for (const leader of leaders.rows) expect(leader.figures.onTimeRate).toBe(zones.rows.find((z) => z.unitId === leader.parentAreaId)?.figures.onTimeRate);
    const csv = await t.get('assessor', `/api/assessment/export?level=zone_leader&${period(THIS_MONTH)}&format=csv`);
    expect([csv.status, csv.text.trim().split('\r\n')]).toEqual([200, expect.arrayContaining([expect.stringContaining(leaders.rows[0].unitName)])]);
  });
});
