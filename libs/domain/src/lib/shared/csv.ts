/**
 * Parses CSV text as RFC 4180 says (quoted fields with commas, quotes doubled, line breaks inside quotes; CRLF or LF)
 * and as spreadsheets write it (a UTF-8 byte order mark first, a last line without a break). Rows keep their cells as
 * written; an unclosed quote is reported with its line.
 */
export function parseCsv(text: string): { rows: string[][]; error: string | null } {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let quoteLine = 0;
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    if (quoted) {
      if (ch === '"' && source[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else {
        if (ch === '\n') line++;
        cell += ch;
      }
    } else if (ch === '"' && cell === '') {
      quoted = true;
      quoteLine = line;
    } else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && source[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      line++;
    } else cell += ch;
  }
  if (quoted) return { rows, error: `a quote opened on line ${quoteLine} is never closed` };
  if (cell !== '' || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return { rows, error: null };
}

/** One CSV line of cells, quoted where needed (commas, quotes, line breaks, leading/trailing spaces). */
export function csvLine(cells: readonly (string | number | null | undefined)[]): string {
  return cells
    .map((value) => {
      const text = value === null || value === undefined ? '' : String(value);
      return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
    })
    .join(',');
}
