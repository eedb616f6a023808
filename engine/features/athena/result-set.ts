import type { AthenaResult } from './run-athena-query';

/**
 * The result as `aws athena get-query-results` prints it (the header row first, NULL as an empty
 * Data cell), with the statistics of `get-query-execution`.
 */
export function athenaResultSet(result: AthenaResult): unknown {
  const cell = (value: string | null) => (value === null ? {} : { VarCharValue: value });
  return {
    ResultSet: {
      Rows: [{ Data: result.columns.map((c) => cell(c.name)) }, ...result.rows.map((row) => ({ Data: row.map(cell) }))],
      ResultSetMetadata: {
        ColumnInfo: result.columns.map((c) => ({
          CatalogName: 'hive', SchemaName: '', TableName: '', Name: c.name, Label: c.name, Type: c.type,
          Precision: 0, Scale: 0, Nullable: 'UNKNOWN', CaseSensitive: c.type === 'varchar',
        })),
      },
    },
    UpdateCount: 0,
    Statistics: {
      EngineExecutionTimeInMillis: result.elapsedMs,
      DataScannedInBytes: result.scan.bytes,
      TotalExecutionTimeInMillis: result.elapsedMs,
    },
    Cost: { DataScannedInBytes: result.scan.bytes, Files: result.scan.files, Rows: result.scan.rows, CostUsd: result.scan.costUsd },
  };
}
