import chardet from 'chardet';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { parseCsv } from '@grid/domain';
import { fileRefused } from './app-error';
import { cellText } from './spreadsheet-cell';

export interface ReadTable {
  rows: string[][];
  /** What the file was read as: utf-8, gbk (read as GB18030, its superset), big5, or xlsx. */
  encoding: string;
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });
const replacements = (text: string) => text.split('\uFFFD').length - 1;

/**
 * CSV bytes as text. Valid UTF-8 is UTF-8 (with or without a byte order mark). Otherwise it is a legacy Chinese
 * encoding: Chinese offices' Excel saves CSV in GBK. Short GBK text often looks like Big5 to a detector, so both are
 * decoded and the one with fewer undecodable characters wins, GBK on a tie (mainland offices); chardet's guess is
 * taken only for other encodings it is sure of.
 */
export function decodeCsv(bytes: Buffer): { text: string; encoding: string } {
  try {
    return { text: UTF8.decode(bytes), encoding: 'utf-8' };
  } catch {
    // not UTF-8: see below
  }
  const gbk = iconv.decode(bytes, 'gb18030');
  const big5 = iconv.decode(bytes, 'big5');
  if (replacements(big5) < replacements(gbk)) return { text: big5, encoding: 'big5' };
  if (replacements(gbk) > 0) {
    const guess = chardet.detect(bytes);
    if (guess && !/^(GB|Big5)/i.test(guess) && iconv.encodingExists(guess)) return { text: iconv.decode(bytes, guess), encoding: guess.toLowerCase() };
  }
  return { text: gbk, encoding: 'gbk' };
}

/** Dates read as YYYY-MM-DD. */
const DATE_CELLS = { date: (value: Date) => value.toISOString().slice(0, 10) };

/**
 * The first worksheet of a workbook, or a CSV, as rows of text cells (the people and device imports). The kind is told by the content (a zip's magic
 * bytes), checked against the file name's extension; anything else is refused with 400.
 */
export async function readTableFile(file: { originalname: string; buffer: Buffer }): Promise<ReadTable> {
  const name = file.originalname.toLowerCase();
  const isZip = file.buffer.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
  if (name.endsWith('.xlsx')) {
    if (!isZip) throw fileRefused('not_xlsx', 'the file is not an .xlsx workbook (Excel 2007 or later)');
    const workbook = new ExcelJS.Workbook();
    try {
      await workbook.xlsx.load(file.buffer as unknown as ArrayBuffer);
    } catch (error) {
      throw fileRefused('corrupt_xlsx', `the workbook cannot be read: ${(error as Error).message.slice(0, 200)}`, { detail: (error as Error).message.slice(0, 200) });
    }
    const sheet = workbook.worksheets[0];
    if (!sheet) throw fileRefused('no_sheet', 'the workbook has no worksheet');
    const rows: string[][] = [];
    sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
      const values = row.values as ExcelJS.CellValue[];
      rows[rowNumber - 1] = values.slice(1).map((value) => cellText(value, DATE_CELLS));
    });
    return { rows: Array.from(rows, (row) => row ?? []), encoding: 'xlsx' };
  }
  if (name.endsWith('.csv')) {
    if (isZip || file.buffer.includes(0)) throw fileRefused('not_csv', 'the file is not a CSV text file');
    const { text, encoding } = decodeCsv(file.buffer);
    const { rows, error } = parseCsv(text);
    if (error) throw fileRefused('malformed_csv', `the CSV cannot be read: ${error}`, { detail: error });
    return { rows, encoding };
  }
  throw fileRefused('unsupported_type', 'upload an .xlsx workbook or a .csv file');
}
