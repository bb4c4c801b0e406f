import { hotlineOrderSchema, type HotlineImportResult, type HotlineOrderParsed } from '@grid/contracts';
import ExcelJS from 'exceljs';
import { invalid } from '../../common/app-error';
import { findUnsafeInput } from '../../common/zod-validation.pipe';
import { cellText } from '../../common/spreadsheet-cell';

/** The columns of a hotline's .xlsx export we read, by their usual Chinese headers or our field names. */
const COLUMNS: Record<string, readonly string[]> = {
  orderNo: ['工单编号', '工单号', 'orderNo'],
  content: ['诉求内容', '来电内容', '内容', 'content'],
  address: ['地址', '事发地址', 'address'],
  lat: ['纬度', 'lat'],
  lng: ['经度', 'lng'],
  category: ['分类', '诉求分类', '问题分类', 'category'],
  urgency: ['紧急程度', 'urgency'],
  deadline: ['办理时限', '办结时限', 'deadline'],
  notes: ['转办意见', 'notes'],
  callerName: ['来电人', '联系人', 'callerName'],
  callerPhone: ['联系电话', '来电号码', 'callerPhone'],
};
export const MAX_IMPORT_ROWS = 5000;
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;

export interface ImportRow {
  row: number;
  order: HotlineOrderParsed;
}

/** Dates read as ISO instants; text trimmed. */
const ORDER_CELLS = { date: (value: Date) => value.toISOString(), trim: true };

/**
 * The rows of an export, each checked as a pushed order would be: the valid ones as orders, the others as
 * problems naming their row (as the spreadsheet numbers it) and column.
 */
export async function readWorkOrderSheet(data: Buffer): Promise<{ rows: ImportRow[]; problems: HotlineImportResult['problems']; count: number }> {
  if (data.length < 4 || data.readUInt32LE(0) !== 0x04034b50) throw invalid('the file is not an .xlsx workbook', { file: 'not .xlsx' });
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(data as unknown as ArrayBuffer);
  } catch {
    throw invalid('the file is not a readable .xlsx workbook', { file: 'not .xlsx' });
  }
  const sheet = workbook.worksheets[0];
  if (!sheet || sheet.rowCount < 2) throw invalid('the workbook has no rows under a header row', { file: 'empty' });
  if (sheet.rowCount - 1 > MAX_IMPORT_ROWS) throw invalid(`at most ${MAX_IMPORT_ROWS} rows at a time`, { file: 'too many rows' });
  const header = sheet.getRow(1);
  const columnOf = new Map<string, number>();
  header.eachCell((cell, col) => {
    const text = cellText(cell.value, ORDER_CELLS);
    for (const [field, names] of Object.entries(COLUMNS)) if (names.includes(text)) columnOf.set(field, col);
  });
  const missing = ['orderNo', 'content', 'category'].filter((f) => !columnOf.has(f));
  if (missing.length) throw invalid(`the header row lacks ${missing.map((f) => COLUMNS[f][0]).join(', ')}`, Object.fromEntries(missing.map((f) => [f, 'missing column'])));
  const headerName = (field: string) => cellText(header.getCell(columnOf.get(field) ?? 1).value, ORDER_CELLS);

  const rows: ImportRow[] = [];
  const problems: HotlineImportResult['problems'] = [];
  let count = 0;
  for (let r = 2; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const get = (field: string) => (columnOf.has(field) ? cellText(row.getCell(columnOf.get(field) as number).value, ORDER_CELLS) : '');
    if (Object.keys(COLUMNS).every((f) => !get(f))) continue;
    count += 1;
    const lat = get('lat');
    const lng = get('lng');
    const candidate = {
      orderNo: get('orderNo'),
      content: get('content'),
      category: get('category'),
      address: get('address') || undefined,
      location: lat || lng ? { lat: Number(lat), lng: Number(lng) } : undefined,
      urgency: get('urgency') || undefined,
      deadline: get('deadline') || undefined,
      notes: get('notes') || undefined,
      caller: get('callerName') || get('callerPhone') ? { name: get('callerName'), phone: get('callerPhone') } : undefined,
    };
    const unsafe = findUnsafeInput(candidate);
    if (unsafe) {
      problems.push({ row: r, message: unsafe.message });
      continue;
    }
    const parsed = hotlineOrderSchema.safeParse(candidate);
    if (parsed.success) rows.push({ row: r, order: parsed.data });
    else for (const issue of parsed.error.issues) problems.push({ row: r, column: headerName(fieldOfPath(issue.path)), message: issue.message });
  }
  return { rows, problems, count };
}

/** The sheet column a schema path comes from (location.lat → lat, caller.phone → callerPhone). */
function fieldOfPath(path: readonly PropertyKey[]): string {
  const [first, second] = path.map(String);
  if (first === 'location') return second === 'lng' ? 'lng' : 'lat';
  if (first === 'caller') return second === 'phone' ? 'callerPhone' : 'callerName';
  return first ?? 'orderNo';
}
