import type { AssessmentFigureName, AssessmentResponse, AssessmentRow } from '@grid/contracts';
import ExcelJS from 'exceljs';
import { spreadsheetCell } from '../../common/spreadsheet-cell';

export type ExportLanguage = 'zh-CN' | 'en';

/** Column headings of an export, in the product's languages (Chinese by default). */
const ROW_LABELS: Record<'rank' | 'unitCode' | 'unitName' | 'composite' | 'grade' | 'stars' | 'points' | 'coefficient' | 'score' | 'bottom', [string, string]> = {
  rank: ['排名', 'Rank'],
  unitCode: ['编码', 'Code'],
  unitName: ['名称', 'Name'],
  composite: ['综合指标值', 'Composite'],
  grade: ['等级', 'Grade'],
  stars: ['星级', 'Stars'],
  points: ['积分', 'Points'],
  coefficient: ['系数', 'Coefficient'],
  score: ['得分', 'Score'],
  bottom: ['末位10%', 'Bottom 10%'],
};

const FIGURE_LABELS: Record<AssessmentFigureName, [string, string]> = {
  reported: ['上报数', 'Reported'],
  selfHandled: ['自行处置数', 'Self-handled'],
  registered: ['立案数', 'Registered'],
  registrationRate: ['立案率', 'Registration rate'],
  dispatched: ['派遣数', 'Dispatched'],
  acceptedOnTime: ['按期签收数', 'Accepted on time'],
  shouldAccept: ['应签收数', 'Due for acceptance'],
  onTimeAcceptanceRate: ['按期签收率', 'On-time acceptance rate'],
  handled: ['处置数', 'Handled'],
  handledOnTime: ['按期处置数', 'Handled on time'],
  shouldHandle: ['应处置数', 'Due for handling'],
  onTimeRate: ['按期处置率', 'On-time handling rate'],
  closed: ['结案数', 'Closed'],
  closedOnTime: ['按期结案数', 'Closed on time'],
  shouldClose: ['应结案数', 'Due for closure'],
  closureRate: ['结案率', 'Closure rate'],
  onTimeClosureRate: ['按期结案率', 'On-time closure rate'],
  reworked: ['返工数', 'Reworked'],
  reworkRate: ['返工率', 'Rework rate'],
  avgResponseHours: ['平均响应时长(小时)', 'Avg response (h)'],
  p90ResponseHours: ['P90响应时长(小时)', 'P90 response (h)'],
  avgHandlingHours: ['平均处置时长(小时)', 'Avg handling (h)'],
  p90HandlingHours: ['P90处置时长(小时)', 'P90 handling (h)'],
  overdue: ['超期数', 'Overdue'],
  suspended: ['挂账数', 'Suspended'],
  overSuspended: ['超期挂账数', 'Over-suspended'],
  rated: ['评价数', 'Rated'],
  satisfaction: ['满意度', 'Satisfaction'],
  missedReports: ['漏报数', 'Missed reports'],
  whistled: ['吹哨数', 'Whistled'],
  whistleRate: ['吹哨率', 'Whistle rate'],
  summoned: ['报到部门次数', 'Departments summoned'],
  reportInOnTimeRate: ['按期报到率', 'On-time report-in rate'],
  departmentRating: ['部门评价', 'Department rating'],
  patrolDays: ['巡查天数', 'Patrol days'],
  patrolVisits: ['走访户次', 'Visits'],
  patrolKm: ['巡查里程(公里)', 'Patrol km'],
  onDutyDays: ['在岗签到天数', 'On-duty days'],
};

type Cell = string | number | boolean | null;

/** The export's table: a heading row, then one row per unit in ranking order. */
export function exportTable(result: AssessmentResponse, language: ExportLanguage): Cell[][] {
  const i = language === 'en' ? 1 : 0;
  const rowKeys = Object.keys(ROW_LABELS) as (keyof typeof ROW_LABELS)[];
  const figureKeys = Object.keys(FIGURE_LABELS) as AssessmentFigureName[];
  const heading = [...rowKeys.map((k) => ROW_LABELS[k][i]), ...figureKeys.map((k) => FIGURE_LABELS[k][i])];
  const line = (row: AssessmentRow): Cell[] => [...rowKeys.map((k) => (k === 'bottom' ? (row.bottom ? 1 : 0) : row[k])), ...figureKeys.map((k) => row.figures[k])];
  // Names come from imported files: no cell of either format may open as a formula.
  return [heading, ...result.rows.map(line)].map((cells) => cells.map(spreadsheetCell));
}

const csvCell = (value: Cell) => {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

/** UTF-8 with a byte-order mark, so that Excel opens Chinese headings correctly; CRLF line ends (RFC 4180). */
export function toCsv(table: Cell[][]): Buffer {
  return Buffer.from(`\uFEFF${table.map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`, 'utf8');
}

export async function toXlsx(table: Cell[][], sheetName: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'grid governance assessment';
  const sheet = workbook.addWorksheet(sheetName.slice(0, 31));
  for (const row of table) sheet.addRow(row);
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1, xSplit: 3 }];
  sheet.columns.forEach((column) => (column.width = 14));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
