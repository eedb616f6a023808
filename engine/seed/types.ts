/** Shapes shared by all generated tables. */

/** One cell: integers/floats as numbers, booleans as booleans, text/date/timestamp as strings. */
export type CellValue = string | number | boolean | null;

export interface ColumnDef {
  name: string;
  /** Redshift type name, e.g. 'integer', 'varchar(32)', 'timestamp', 'boolean', 'date', 'float8'. */
  type: string;
}

/**
 * A generated table. `rows` is stored column-wise for fast bulk loading:
 * `rows[c][r]` is the value of column `columns[c]` in row `r`; every column
 * array has exactly `rowCount` entries.
 */
export interface GeneratedTable {
  schema: string;
  name: string;
  columns: ColumnDef[];
  rows: CellValue[][];
  rowCount: number;
}

/** Builds a table from named column arrays, checking that every array has the same length. */
export function makeTable(
  schema: string,
  name: string,
  columns: ColumnDef[],
  data: Record<string, CellValue[]>,
): GeneratedTable {
  const rows = columns.map((col) => {
    const values = data[col.name];
    if (!values) throw new Error(`${schema}.${name}: no data for column ${col.name}`);
    return values;
  });
  const rowCount = rows.length > 0 ? (rows[0] as CellValue[]).length : 0;
  for (let c = 0; c < rows.length; c++) {
    if ((rows[c] as CellValue[]).length !== rowCount) {
      throw new Error(`${schema}.${name}: column ${columns[c]?.name} has ${(rows[c] as CellValue[]).length} values, expected ${rowCount}`);
    }
  }
  return { schema, name, columns, rows, rowCount };
}

/** Column array of `table` by column name (throws when there is no such column). */
export function columnValues(table: GeneratedTable, column: string): CellValue[] {
  const index = table.columns.findIndex((c) => c.name === column);
  if (index < 0) throw new Error(`${table.schema}.${table.name} has no column ${column}`);
  return table.rows[index] as CellValue[];
}

/** Row r as an object keyed by column name (handy in tests and previews, slow for bulk use). */
export function rowObject(table: GeneratedTable, r: number): Record<string, CellValue> {
  const out: Record<string, CellValue> = {};
  table.columns.forEach((col, c) => {
    out[col.name] = (table.rows[c] as CellValue[])[r] ?? null;
  });
  return out;
}
