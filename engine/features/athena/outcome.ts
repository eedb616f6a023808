import type { StatementOutcome } from '../../api/types';
import { AthenaError, type AthenaResult } from './run-athena-query';

/** An Athena result in the shape the CLI's formatter and the app's result grid show. */
export function athenaOutcome(sql: string, result: AthenaResult): StatementOutcome {
  return {
    ok: true,
    result: {
      sql,
      command: 'SELECT',
      // Athena returns every value as text, typed by name only (Redshift's typeOid 25 = text).
      columns: result.columns.map((c) => ({ name: c.name, type: c.type, typeOid: 25 })),
      rows: result.rows,
      rowCount: result.rows.length,
      truncated: false,
      notices: [],
      elapsedMs: result.elapsedMs,
      queryId: 0,
      scan: result.scan,
    },
  };
}

/** An Athena failure as an outcome: its error type (TABLE_NOT_FOUND, SYNTAX_ERROR …) stands where a SQLSTATE would. */
export function athenaFailure(sql: string, error: AthenaError): StatementOutcome {
  return { ok: false, sql, error: { code: error.errorType, message: error.message } };
}
