import ExcelJS from 'exceljs';
import type { RotaImportProblem } from '@grid/contracts';
import type { RawRotaRow, RotaColumn } from '@grid/domain';
import { cellText } from '../../common/spreadsheet-cell';

/** Header labels accepted for each column (the template writes the first, zh-CN; English works too). */
export const ROTA_HEADERS: Record<RotaColumn, readonly string[]> = {
  date: ['日期/星期', '日期', '星期', 'date', 'date/weekdays', 'day'],
  place: ['网格/部门编码', '编码', 'code', 'grid/department code', 'place'],
  username: ['用户名', 'username', 'user'],
  start: ['开始', '开始时间', 'start'],
  end: ['结束', '结束时间', 'end'],
  substitute: ['顶岗人', '替班人', 'substitute'],
  from: ['生效日期', 'from'],
  to: ['截止日期', 'to'],
};

const TEMPLATE_EXAMPLES: readonly (readonly string[])[] = [
  ['2026-12-08', '610902107001001', 'grid001', '08:30', '17:30', '', '', ''],
  ['2026-12-08', '610902107001001', 'grid002', '20:00', '08:00', 'grid003', '', ''],
  ['周一至周五', '610902107001002', 'grid002', '08:30', '17:30', '', '2026-12-07', '2027-06-30'],
  ['周六、周日', '610902107001003', 'grid003', '09:00', '18:00', '', '2026-12-07', ''],
  ['每天', 'zhzf', 'dept_zhzf', '20:00', '08:00', '', '2026-12-07', ''],
];

const NOTES = [
  '每行一个班次：日期/星期填日期（2026-12-08）为单次班，填星期（周一至周五、周六、周日、每天、1-5、Mon-Fri）为每周固定班。',
  '时间为北京时间 HH:MM；结束早于或等于开始为夜班，次日结束。顶岗人：该日本人请假、由顶岗人代班（仅单次班）。',
  '生效日期/截止日期只用于每周固定班（缺省：今天起长期有效）。网格填网格编码，部门填部门编码。',
  'One shift per row: a date (2026-12-08) for a one-off shift, weekdays (Mon-Fri, 1-5, 每天) for a weekly pattern. Times HH:MM, Beijing time; an end at or before the start ends the next morning. Substitute: the person is on leave for that shift and the substitute stands in.',
];

/** The rota template the console offers: a sheet of example rows and a sheet of notes. */
export function rotaTemplate(): Promise<Buffer> {
  return rotaWorkbook(TEMPLATE_EXAMPLES);
}

/** A rota workbook of these rows (in the columns' order, under the zh-CN header) and the sheet of notes: the template, the samples, the demo's rota. */
export async function rotaWorkbook(rows: readonly (readonly string[])[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  // A fixed date, so that the same rows make the same file.
  workbook.created = workbook.modified = new Date('2026-12-07T00:00:00Z');
  const sheet = workbook.addWorksheet('值班表 rota');
  sheet.addRow((Object.keys(ROTA_HEADERS) as RotaColumn[]).map((c) => ROTA_HEADERS[c][0]));
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) sheet.addRow([...row]);
  sheet.columns.forEach((column) => (column.width = 18));
  const notes = workbook.addWorksheet('说明 notes');
  for (const line of NOTES) notes.addRow([line]);
  notes.getColumn(1).width = 120;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const isTimeColumn = (column: RotaColumn) => column === 'start' || column === 'end';

/** A cell as text: dates as YYYY-MM-DD, times of day as HH:MM (Excel keeps them as dates of 1899 or day fractions). */
function textOf(value: ExcelJS.CellValue, column: RotaColumn): string {
  return cellText(value, {
    date: (date) => (isTimeColumn(column) ? date.toISOString().slice(11, 16) : date.toISOString().slice(0, 10)),
    number: (n) => {
      if (!isTimeColumn(column) || n < 0 || n > 1) return String(n);
      const minutes = Math.round(n * 1440);
      return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
    },
    trim: true,
  });
}

export interface ReadRota {
  rows: RawRotaRow[];
  /** A problem with the file as a whole (not a workbook, no header): nothing else is read. */
  fileProblem: Pick<RotaImportProblem, 'code' | 'params' | 'message'> | null;
}

/** The first sheet's rows under its header row; columns found by their header, in any order. */
export async function readRotaWorkbook(buffer: Buffer): Promise<ReadRota> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    return { rows: [], fileProblem: { code: 'not_xlsx', message: 'not an .xlsx workbook' } };
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return { rows: [], fileProblem: { code: 'no_sheet', message: 'the workbook has no sheet' } };
  const header = sheet.getRow(1);
  const index = new Map<RotaColumn, number>();
  header.eachCell((cell, col) => {
    const label = textOf(cell.value, 'place').toLowerCase();
    for (const [column, labels] of Object.entries(ROTA_HEADERS) as [RotaColumn, readonly string[]][]) if (labels.includes(label)) index.set(column, col);
  });
  const missing = (['date', 'place', 'username', 'start', 'end'] as RotaColumn[]).filter((c) => !index.has(c));
  if (missing.length) {
    const columns = missing.map((c) => ROTA_HEADERS[c][0]).join(', ');
    return { rows: [], fileProblem: { code: 'missing_columns', params: { columns }, message: `the header row lacks the column(s) ${columns}` } };
  }
  const rows: RawRotaRow[] = [];
  sheet.eachRow((row, number) => {
    if (number === 1) return;
    const raw = { row: number } as RawRotaRow;
    for (const column of Object.keys(ROTA_HEADERS) as RotaColumn[]) raw[column] = index.has(column) ? textOf(row.getCell(index.get(column) as number).value, column) : '';
    if ((Object.keys(ROTA_HEADERS) as RotaColumn[]).some((c) => raw[c] !== '')) rows.push(raw);
  });
  return { rows, fileProblem: null };
}
