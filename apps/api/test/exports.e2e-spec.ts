import ExcelJS from 'exceljs';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { useTestApp } from './test-app';

// The demo territory is loaded by the first app of the run: no history is needed here.
jest.setTimeout(180_000);

/** Collects a response body as bytes (supertest parses only text and JSON by itself). */
const binary = (res: request.Response, done: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

describe('exports carry no formulas (OWASP CSV injection)', () => {
  const t = useTestApp({ DEMO_HISTORY_DAYS: '0' });

  it('neutralises a name a spreadsheet would run as a formula in the CSV and Excel exports, and keeps numbers as numbers', async () => {
    const hostile = '=HYPERLINK("http://x","y")';
    const dataSource = t.app.get(DataSource);
    const [village] = (await dataSource.query(`SELECT id, name FROM areas WHERE level = 'village' ORDER BY code LIMIT 1`)) as { id: string; name: string }[];
    await dataSource.query(`UPDATE areas SET name = $2 WHERE id = $1`, [village.id, hostile]);
    try {
      const { accessToken } = await t.login('assessor');
      const exportOf = async (format: string) => {
        const res = await request(t.app.getHttpServer()).get(`/api/assessment/export?level=village&from=2026-01-01&to=2026-12-31&format=${format}`).set('Authorization', `Bearer ${accessToken}`).buffer(true).parse(binary);
        expect(res.status).toBe(200);
        return res.body as Buffer;
      };
      const csv = (await exportOf('csv')).toString('utf8');
      expect(csv).toContain(`,"'=HYPERLINK(""http://x"",""y"")",`);
      expect(csv).not.toMatch(/(^|,)"?=HYPERLINK/m);

      const book = new ExcelJS.Workbook();
      await book.xlsx.load(new Uint8Array(await exportOf('xlsx')).buffer);
      const sheet = book.worksheets[0];
      const names = sheet.getColumn(3).values;
      expect(names).toContain(`'${hostile}`);
      expect(names).not.toContain(hostile);
      // Number cells stay numbers.
      expect(typeof sheet.getRow(2).getCell(1).value).toBe('number');
    } finally {
      await dataSource.query(`UPDATE areas SET name = $2 WHERE id = $1`, [village.id, village.name]);
    }
  });
});
