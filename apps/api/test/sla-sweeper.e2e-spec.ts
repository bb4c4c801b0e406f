import type { CaseDetail } from '@grid/contracts';
import type { INestApplication } from '@nestjs/common';
import type { App } from 'supertest/types';
import { DataSource } from 'typeorm';
import { CategoryCatalog } from '../src/modules/categories/category-catalog';
import { SlaSweeper } from '../src/modules/cases/sla-sweeper.service';
import { gridFixture, report } from './cases-helpers';
import { createTestApp, useTestApp } from './test-app';

const DAY = 24 * 3_600_000;

describe('SLA sweeper', () => {
  const t = useTestApp();
  let other: INestApplication<App>;
  beforeAll(async () => {
    other = await createTestApp();
  });
  afterAll(() => other.close());

  const kindsOf = async (id: string) => ((await t.get('operator', `/api/cases/${id}`)).body as CaseDetail).timeline.map((e) => e.kind);

  it('writes each warning and overdue once per case, with two instances sweeping the same database at once', async () => {
    const { grid, zoneLeader } = await gridFixture(t, 30);
    const cases = await Promise.all(Array.from({ length: 12 }, () => report(t, zoneLeader.username, grid)));
    // Thirty days on: every clock has run out (as after a long outage, or a clock jump).
    const later = new Date(Date.now() + 30 * DAY);
    const [a, b] = await Promise.all([t.app.get(SlaSweeper).sweep(later), other.get(SlaSweeper).sweep(later)]);
    expect(a + b).toBeGreaterThanOrEqual(2 * cases.length);
    for (const c of cases) {
      const kinds = await kindsOf(c.id);
      expect(kinds.filter((k) => k === 'sla_warning')).toHaveLength(1);
      expect(kinds.filter((k) => k === 'sla_overdue')).toHaveLength(1);
      const detail: CaseDetail = (await t.get('operator', `/api/cases/${c.id}`)).body;
      expect(detail.slaState).toBe('overdue');
    }
    // Sweeping again, even later, writes nothing more.
    await Promise.all([t.app.get(SlaSweeper).sweep(new Date(later.getTime() + DAY)), other.get(SlaSweeper).sweep(new Date(later.getTime() + DAY))]);
    const overdueList = (await t.get('operator', `/api/cases?sla=overdue&q=test&pageSize=500`)).body;
    expect(overdueList.items.map((c: { id: string }) => c.id)).toEqual(expect.arrayContaining(cases.map((c) => c.id)));
    for (const c of cases) expect((await kindsOf(c.id)).filter((k) => k.startsWith('sla_'))).toHaveLength(2);
  });

  it('escalates an overdue case one level where the category says so, once', async () => {
    // The rule lives in the category's versions (ADR 0011); both instances read the list again before the report.
    await t.app.get(DataSource).query(`UPDATE category_versions SET auto_escalate_on_overdue = true WHERE category_code = 'city.posters'`);
    await Promise.all([t.app, other].map((app) => app.get(CategoryCatalog).reload()));
    const { grid, zoneLeader } = await gridFixture(t, 31);
    const made = await report(t, zoneLeader.username, grid, { categoryCode: 'city.posters' });
    const later = new Date(Date.now() + 30 * DAY);
    await Promise.all([t.app.get(SlaSweeper).sweep(later), other.get(SlaSweeper).sweep(later)]);
    const detail: CaseDetail = (await t.get('operator', `/api/cases/${made.id}`)).body;
    expect(detail.timeline.filter((e) => e.kind === 'escalated')).toHaveLength(1);
    expect(detail.status).toBe('registered');
    expect(detail.unit).toEqual({ level: 'village', areaId: grid.path[2] });
  });

  it('leaves a case alone while its clocks are green', async () => {
    const { grid, zoneLeader } = await gridFixture(t, 32);
    const made = await report(t, zoneLeader.username, grid);
    await t.app.get(SlaSweeper).sweep(new Date());
    expect((await kindsOf(made.id)).some((k) => k.startsWith('sla_'))).toBe(false);
  });
});
