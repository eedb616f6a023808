/**
 * CSV export of generated tables (RFC 4180 quoting): a field is wrapped in
 * double quotes when it contains the delimiter, a double quote, CR or LF;
 * embedded quotes are doubled. Records end with `newline` (LF by default),
 * including the last one.
 */
import type { CellValue, GeneratedTable } from './types';

export interface CsvOptions {
  /** First line with the column names. Default false (Spectrum text tables and plain COPY expect none). */
  header?: boolean;
  /** Field separator, one character. Default ','. */
  delimiter?: string;
  /** Record separator. Default '\n'. */
  newline?: string;
}

/** One field: null/undefined -> empty; booleans -> 'true'/'false'; numbers via String(). */
export function csvField(value: CellValue | undefined, delimiter = ','): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'string' ? value : String(value);
  if (text.includes(delimiter) || text.includes('"') || text.includes('\n') || text.includes('\r')) {
    return `"${text.replace(/"/g, '""')}"`;
  }
  return text;
}

export function toCsv(table: GeneratedTable, options: CsvOptions = {}): string {
  const delimiter = options.delimiter ?? ',';
  const newline = options.newline ?? '\n';
  if (delimiter.length !== 1 || delimiter === '"' || delimiter === '\n' || delimiter === '\r') {
    throw new Error(`unsupported CSV delimiter ${JSON.stringify(delimiter)}`);
  }
  const lines: string[] = [];
  if (options.header) lines.push(table.columns.map((c) => csvField(c.name, delimiter)).join(delimiter));
  const columns = table.rows;
  const width = columns.length;
  const fields = new Array<string>(width);
  for (let r = 0; r < table.rowCount; r++) {
    for (let c = 0; c < width; c++) fields[c] = csvField((columns[c] as CellValue[])[r], delimiter);
    lines.push(fields.join(delimiter));
  }
  return lines.length === 0 ? '' : lines.join(newline) + newline;
}
