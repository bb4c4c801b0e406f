import { PEOPLE_IMPORT_COLUMNS, type PostTypeDto } from '@grid/contracts';
import ExcelJS from 'exceljs';
import { toCsv } from '../assessment/assessment-export';

/** Header cells as the template writes them: the Chinese name and the key, either of which the import reads. */
export const TEMPLATE_HEADER = PEOPLE_IMPORT_COLUMNS.map((c) => `${c.zh}(${c.key})`);

/** Two example people: one with two posts (一人多岗, two rows with the same phone), one in a department. */
function exampleRows(example: { gridCode: string; villageCode: string; departmentCode: string }): string[][] {
  return [
    ['王芳', '13800000001', 'wangfang', 'grid_worker', example.gridCode, '', '2026-01-01', ''],
    ['王芳', '13800000001', '', 'grid_leader', example.villageCode, '', '2026-01-01', ''],
    ['李强', '13800000002', '', 'dept_staff', '', example.departmentCode, '', ''],
  ];
}

export function templateCsv(example: Parameters<typeof exampleRows>[0]): Buffer {
  return toCsv([TEMPLATE_HEADER, ...exampleRows(example)]);
}

/** The workbook: the table (codes and phones formatted as text, so Excel keeps their digits) and a sheet of post types. */
export async function templateXlsx(example: Parameters<typeof exampleRows>[0], postTypes: PostTypeDto[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'grid governance people import';
  const sheet = workbook.addWorksheet('人员 people');
  sheet.columns = TEMPLATE_HEADER.map((header) => ({ header, width: 20, style: { numFmt: '@' } }));
  for (const row of exampleRows(example)) sheet.addRow(row);
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  const types = workbook.addWorksheet('岗位 roles');
  types.columns = [
    { header: '岗位(role)', width: 20 },
    { header: '名称', width: 20 },
    { header: 'name', width: 24 },
    { header: '派单 dispatch', width: 14 },
  ];
  for (const t of postTypes) types.addRow([t.code, t.name, t.nameEn, t.dispatchable ? '是 yes' : '否 no']);
  types.getRow(1).font = { bold: true };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
