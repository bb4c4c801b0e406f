import type { ImportProblem } from '@grid/contracts';

/** A column an import reads: its key (English), its Chinese name, and whether a file must have it. */
export interface ImportColumn<K extends string> {
  key: K;
  zh: string;
  required: boolean;
}

/**
 * Maps an import's header cells to column keys (the English key, the Chinese name, or both as a template writes them:
 * `姓名(name)`); reports each missing required column as a problem of row 1.
 */
export function readImportHeader<K extends string>(header: readonly string[], known: readonly ImportColumn<K>[]): { columns: Map<K, number>; problems: ImportProblem[] } {
  const columns = new Map<K, number>();
  header.forEach((cell, index) => {
    const names = (/^(.+?)\s*[(（]\s*(.+?)\s*[)）]$/.exec(cell.trim())?.slice(1) ?? [cell]).map((n) => n.trim());
    const column = known.find((c) => names.some((n) => c.zh === n || c.key === n.toLowerCase().replace(/\s+/g, '_')));
    if (column && !columns.has(column.key)) columns.set(column.key, index);
  });
  const problems = known.filter((c) => c.required && !columns.has(c.key)).map((c) => ({ row: 1, column: c.key, code: 'missing_column', params: { column: c.key }, message: `missing column ${c.key} (${c.zh})` }));
  return { columns, problems };
}
