import type { CellValue, GeneratedTable } from '../../engine/seed/types';

/** Column by name, typed for test convenience. */
export function col<T extends CellValue = CellValue>(table: GeneratedTable, name: string): T[] {
  const i = table.columns.findIndex((c) => c.name === name);
  if (i < 0) throw new Error(`no column ${name} in ${table.schema}.${table.name}`);
  return table.rows[i] as T[];
}

/** FNV-1a checksum over every cell (with type tags), to compare large tables cheaply. */
export function checksum(table: GeneratedTable): string {
  let h = 0x811c9dc5;
  const mix = (s: string): void => {
    for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  };
  mix(`${table.schema}.${table.name}:${table.rowCount}`);
  for (const column of table.rows) {
    for (const v of column) {
      if (typeof v === 'string') mix(v);
      else if (typeof v === 'number') h = Math.imul(h ^ ((v * 1000) | 0) ^ (v < 0 ? 0x55 : 0), 0x01000193) >>> 0;
      else h = Math.imul(h ^ (v === null ? 0xa5 : v ? 0x5a : 0x3c), 0x01000193) >>> 0;
      h = Math.imul(h ^ 0x7c, 0x01000193) >>> 0; // cell separator
    }
  }
  return h.toString(16);
}
