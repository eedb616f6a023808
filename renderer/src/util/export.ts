import type { ResultColumn, SqlValue } from '../../../engine/api/types';

/** Text of a value in a cell, a CSV field or a copy: NULL stays distinguishable as an empty field. */
export function cellText(value: SqlValue): string {
  if (value === null) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

export function toCsv(columns: ResultColumn[], rows: SqlValue[][]): string {
  const field = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const lines = [columns.map((c) => field(c.name)).join(',')];
  for (const row of rows) lines.push(row.map((v) => field(cellText(v))).join(','));
  return lines.join('\r\n') + '\r\n';
}

export function toTsv(columns: ResultColumn[], rows: SqlValue[][]): string {
  const clean = (s: string) => s.replace(/[\t\r\n]/g, ' ');
  return [columns.map((c) => clean(c.name)).join('\t'), ...rows.map((r) => r.map((v) => clean(cellText(v))).join('\t'))].join('\n');
}

export function toJson(columns: ResultColumn[], rows: SqlValue[][]): string {
  return JSON.stringify(rows.map((r) => Object.fromEntries(columns.map((c, i) => [c.name, r[i] ?? null]))), null, 2);
}

/** XLSX via write-excel-file (numbers stay numbers; NULL is an empty cell). */
export async function toXlsx(columns: ResultColumn[], rows: SqlValue[][]): Promise<Blob> {
  const { default: writeExcelFile } = await import('write-excel-file/universal');
  const header = columns.map((c) => ({ value: c.name, fontWeight: 'bold' as const }));
  const body = rows.map((r) =>
    r.map((v) => (v === null ? null : typeof v === 'number' ? { value: v } : typeof v === 'boolean' ? { value: v } : { value: cellText(v) })),
  );
  return writeExcelFile([header, ...body]).toBlob();
}

export function download(name: string, data: Blob | string, type = 'text/plain'): void {
  const blob = typeof data === 'string' ? new Blob([data], { type }) : data;
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
