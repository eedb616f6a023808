import { parquetReadObjects } from 'hyparquet';

/** Decodes a Parquet file into PostgreSQL CSV text for the given columns (matched by name, case-insensitively). */
export async function parquetToCsv(bytes: Uint8Array, columns: string[]): Promise<string> {
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  const rows = await parquetReadObjects({ file: buffer });
  const lines: string[] = [];
  for (const row of rows) {
    const lower = new Map(Object.entries(row).map(([k, v]) => [k.toLowerCase(), v]));
    lines.push(columns.map((c) => csvCell(lower.get(c.toLowerCase()))).join(','));
  }
  return lines.length ? lines.join('\n') + '\n' : '';
}

function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text: string;
  if (value instanceof Date) text = value.toISOString().replace('T', ' ').replace('Z', '');
  else if (typeof value === 'bigint') text = value.toString();
  else if (typeof value === 'object') text = JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
  else text = String(value);
  return text === '' || /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
