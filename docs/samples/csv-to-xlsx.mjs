// Writes an .xlsx sample from its .csv twin (the same rows), every cell as text so that Excel keeps the digits of codes
// and phones. Run from the repository root:
//   node docs/samples/csv-to-xlsx.mjs people '人员 people'
//   node docs/samples/csv-to-xlsx.mjs devices '设备 devices'
import ExcelJS from 'exceljs';
import * as fs from 'node:fs';

const [name = 'people', sheetName = '人员 people'] = process.argv.slice(2);
const rows = fs.readFileSync(`docs/samples/${name}.csv`, 'utf8').replace(/^\ufeff/, '').trim().split(/\r?\n/).map((line) => line.split(','));
const workbook = new ExcelJS.Workbook();
workbook.creator = `grid governance ${name} import sample`;
// A fixed date, so that regenerating the sample changes nothing when the rows did not change.
workbook.created = workbook.modified = new Date('2026-12-07T00:00:00Z');
const sheet = workbook.addWorksheet(sheetName);
sheet.columns = rows[0].map((header) => ({ header, width: 20, style: { numFmt: '@' } }));
for (const row of rows.slice(1)) sheet.addRow(row);
sheet.getRow(1).font = { bold: true };
sheet.views = [{ state: 'frozen', ySplit: 1 }];
await workbook.xlsx.writeFile(`docs/samples/${name}.xlsx`);
console.log(`docs/samples/${name}.xlsx: ${rows.length - 1} rows`);
