/**
 * Minimal CSV text → DataTable with column type inference (number / boolean / string).
 * Handles quoted fields ("a,b", doubled quotes); empty fields become null. For tests, benches and demos.
 */
import type { CellValue, ColumnType, DataTable } from './types.js';

function parseLine(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i] as string;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') (cur += '"'), i++;
      else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') out.push(cur), (cur = '');
    else cur += ch;
  }
  out.push(cur);
  return out;
}

const BOOL_WORDS = new Set(['true', 'false']);

function inferType(values: string[]): ColumnType {
  const present = values.filter((v) => v !== '');
  if (present.length && present.every((v) => BOOL_WORDS.has(v.toLowerCase()))) return 'boolean';
  if (present.length && present.every((v) => v.trim() !== '' && Number.isFinite(Number(v)))) return 'number';
  return 'string';
}

export function tableFromCsv(text: string): DataTable {
  const lines = text.split(/\r?\n/).filter((l) => l.length > 0);
  const header = parseLine(lines[0] ?? '');
  const raw = lines.slice(1).map(parseLine);
  const types = header.map((_, j) => inferType(raw.map((r) => r[j] ?? '')));
  const rows = raw.map((r) =>
    header.map((_, j): CellValue => {
      const v = r[j] ?? '';
      if (v === '') return null;
      if (types[j] === 'number') return Number(v);
      if (types[j] === 'boolean') return v.toLowerCase() === 'true';
      return v;
    }),
  );
  return { columns: header.map((name, j) => ({ name, type: types[j] as ColumnType })), rows };
}
