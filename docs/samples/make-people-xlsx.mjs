// Writes docs/samples/people.xlsx from docs/samples/people.csv (the same rows), with codes and phones as text so that
// Excel keeps their digits. Run from the repository root: node docs/samples/make-people-xlsx.mjs
import ExcelJS from 'exceljs';
import * as fs from 'node:fs';

const rows = fs.readFileSync('docs/samples/people.csv', 'utf8').replace(/^\ufeff/, '').trim().split(/\r?\n/).map((line) => line.split(','));
const workbook = new ExcelJS.Workbook();
workbook.creator = 'grid governance people import sample';
// A fixed date, so that regenerating the sample changes nothing when the rows did not change.
workbook.created = workbook.modified = new Date('2026-12-07T00:00:00Z');
const sheet = workbook.addWorksheet('人员 people');
sheet.columns = rows[0].map((header) => ({ header, width: 20, style: { numFmt: '@' } }));
for (const row of rows.slice(1)) sheet.addRow(row);
sheet.getRow(1).font = { bold: true };
sheet.views = [{ state: 'frozen', ySplit: 1 }];
await workbook.xlsx.writeFile('docs/samples/people.xlsx');
console.log(`docs/samples/people.xlsx: ${rows.length - 1} rows`);
