/**
 * CREATE MODEL's training data: the FROM query's result as the learning library's DataTable, the
 * prediction function's parameter types, and Redshift's rules on the target column.
 */
import type { QueryResult, ResultColumn } from '../../api/types';
import { SqlError, SQLSTATE } from '../../errors/sql-error';
import type { CellValue, ColumnType, DataTable, ProblemType } from '../../ml/index';

/** PostgreSQL short type names (as SHOW MODEL's "Function Parameter Types" prints them) by OID. */
const SHORT_TYPE: Record<number, string> = {
  16: 'bool', 20: 'int8', 21: 'int2', 23: 'int4', 25: 'varchar', 700: 'float4', 701: 'float8', 1700: 'numeric',
  1042: 'bpchar', 1043: 'varchar', 1082: 'date', 1083: 'time', 1114: 'timestamp', 1184: 'timestamptz', 1266: 'timetz',
};
const NUMERIC_OIDS = new Set([20, 21, 23, 700, 701, 1700]);
const INTEGER_OIDS = new Set([20, 21, 23]);
/** Types Redshift refuses as TARGET: DECIMAL, DATE, TIME(TZ), TIMESTAMP(TZ), SUPER, VARBYTE (GEOMETRY … do not exist here). */
const BAD_TARGET: Record<number, string> = {
  1700: 'DECIMAL', 1082: 'DATE', 1083: 'TIME', 1266: 'TIMETZ', 1114: 'TIMESTAMP', 1184: 'TIMESTAMPTZ', 114: 'SUPER', 3802: 'SUPER', 17: 'VARBYTE',
};

export function shortTypeName(column: ResultColumn): string {
  return SHORT_TYPE[column.typeOid] ?? column.type.replace(/\(.*\)$/, '');
}

function columnType(column: ResultColumn): ColumnType {
  if (column.typeOid === 16) return 'boolean';
  return NUMERIC_OIDS.has(column.typeOid) ? 'number' : 'string';
}

function cell(value: unknown, type: ColumnType): CellValue {
  if (value === null || value === undefined) return null;
  if (type === 'number') {
    const n = typeof value === 'number' ? value : Number(value);
    return Number.isFinite(n) ? n : null;
  }
  if (type === 'boolean') return value === true || value === 't' || value === 'true';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

export function toDataTable(result: QueryResult): DataTable {
  const types = result.columns.map(columnType);
  return {
    columns: result.columns.map((c, i) => ({ name: c.name, type: types[i]! })),
    rows: result.rows.map((row) => row.map((v, i) => cell(v, types[i]!))),
  };
}

/** The prediction function's return type: the target's own type (varchar, int4, float8, bool …). */
export function returnTypeFor(target: ResultColumn | null): string {
  if (!target) return 'int4'; // KMEANS: the cluster id
  const t = shortTypeName(target);
  return t === 'bpchar' ? 'varchar' : t;
}

/** Redshift's target rules, checked before CREATE MODEL returns. */
export function checkTarget(target: ResultColumn, problemType: ProblemType | null, at: number): void {
  const bad = BAD_TARGET[target.typeOid];
  if (bad) {
    throw new SqlError(SQLSTATE.featureNotSupported, `Target column "${target.name}" has unsupported data type ${bad}. The target can't be DECIMAL, DATE, TIME, TIMETZ, TIMESTAMP, TIMESTAMPTZ, GEOMETRY, GEOGRAPHY, HLLSKETCH, SUPER or VARBYTE.`, { position: at });
  }
  if (problemType === 'REGRESSION' && !NUMERIC_OIDS.has(target.typeOid)) {
    throw new SqlError(SQLSTATE.invalidParameterValue, `Target column "${target.name}" must be numeric for PROBLEM_TYPE REGRESSION (its type is ${target.type}).`, { position: at });
  }
}

export function isIntegerType(column: ResultColumn): boolean {
  return INTEGER_OIDS.has(column.typeOid);
}
