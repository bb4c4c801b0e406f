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
