import type ExcelJS from 'exceljs';

/** Characters that make a spreadsheet read a text cell as a formula (OWASP "CSV Injection"). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A cell as a spreadsheet may safely open it: text that Excel, LibreOffice or Sheets would run as a
 * formula gets a leading quote, so it shows as written. Only text is touched: numbers (negative ones
 * too) stay numbers.
 */
export function spreadsheetCell<T extends string | number | boolean | null>(value: T): T {
  return (typeof value === 'string' && FORMULA_START.test(value) ? `'${value}` : value) as T;
}

/** How an imported cell's date and number values read as text (the rest reads the same for every import). */
export interface CellTextOptions {
  date: (value: Date) => string;
  /** Default: the number's decimal text. */
  number?: (value: number) => string;
  /** Trim a plain text cell. */
  trim?: boolean;
}

/**
 * A cell of an imported workbook as the text a person sees in it: rich text joined, a hyperlink's text, a
 * formula's result, an error as nothing; dates and numbers as the import says.
 */
export function cellText(value: ExcelJS.CellValue, options: CellTextOptions): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return options.date(value);
  if (typeof value === 'number' && options.number) return options.number(value);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('text' in value) return typeof value.text === 'string' ? value.text : cellText(value.text as ExcelJS.CellValue, options);
    if ('result' in value) return cellText((value.result ?? null) as ExcelJS.CellValue, options);
    return '';
  }
  return options.trim ? String(value).trim() : String(value);
}
