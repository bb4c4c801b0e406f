/**
 * A resident who kept the receipt's code but lost its link (issue 24): POST /api/public/cases/lookup with the code
 * and the last four digits of their phone answers the tracking token; anything else answers the same 404, bad
 * input a field-level 400, and guessing is slowed by a per-address limit.
 */
import type { AreaDto, CaseDetail, PublicCaseView } from '@grid/contracts';
import request from 'supertest';
import { post } from './cases-helpers';
import { useTestApp } from './test-app';

const LIMIT = 6;

describe('tracking lookup by code and the last four phone digits', () => {
  const t = useTestApp({ LOOKUP_RATE_LIMIT: String(LIMIT) });
  let withPhone: CaseDetail;
  let anonymous: CaseDetail;

  beforeAll(async () => {
    const [grid] = (await t.get('admin', '/api/areas?level=grid')).body as AreaDto[];
    const base = { categoryCode: 'city.litter', description: '楼道堆放杂物', location: grid.centroid };
    withPhone = (await post(t, 'operator', '/api/cases', { ...base, reporter: { name: '王芳', phone: '+86 139 1234 5678' } })).body as CaseDetail;
    anonymous = (await post(t, 'operator', '/api/cases', base)).body as CaseDetail;
    expect(withPhone.trackingToken).toBeTruthy();
  });

  const lookup = (body: object) => request(t.app.getHttpServer()).post('/api/public/cases/lookup').send(body);

  it('answers the tracking token for the code and the last four digits, without signing in, whatever the spacing and case of the code', async () => {
    const found = await lookup({ code: ` ${withPhone.code.toLowerCase()} `, phoneLast4: '5678' });
    expect(found.status).toBe(200);
    expect(found.body).toEqual({ token: withPhone.trackingToken });
    const view = (await request(t.app.getHttpServer()).get(`/api/public/cases/${found.body.token}`)).body as PublicCaseView;
    expect(view.code).toBe(withPhone.code);
  });

  it('answers the same 404 for wrong digits, an unknown code and a case registered without a phone', async () => {
    for (const body of [
      { code: withPhone.code, phoneLast4: '5679' },
      { code: 'HK19990101-1', phoneLast4: '5678' },
      { code: anonymous.code, phoneLast4: '0000' },
    ]) {
      const answer = await lookup(body);
      expect(answer.status).toBe(404);
      expect(answer.body.message).toBe('case with this code and these digits not found');
    }
  });

  it('refuses malformed input with the field', async () => {
    const answer = await lookup({ code: 'drop table', phoneLast4: '56a8' });
    expect(answer.status).toBe(400);
    expect(Object.keys(answer.body.fields).sort()).toEqual(['code', 'phoneLast4']);
  });

  it('slows guessing: at most LOOKUP_RATE_LIMIT lookups a minute from one address, then 429 with Retry-After', async () => {
    const answers: number[] = [];
    for (let i = 0; i < LIMIT + 2; i++) answers.push((await lookup({ code: withPhone.code, phoneLast4: String(1000 + i) })).status);
    expect(answers).toContain(429);
    const refused = await lookup({ code: withPhone.code, phoneLast4: '5678' });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
  });
});
