/** Redshift's names for the PostgreSQL types it shares; others keep PostgreSQL's `format_type` name. */
const REDSHIFT_NAMES: Record<number, string> = {
  16: 'boolean',
  17: 'varbyte',
  20: 'bigint',
  21: 'smallint',
  23: 'integer',
  25: 'character varying',
  114: 'super',
  700: 'real',
  701: 'double precision',
  1042: 'character',
  1043: 'character varying',
  1082: 'date',
  1083: 'time without time zone',
  1114: 'timestamp without time zone',
  1184: 'timestamp with time zone',
  1186: 'interval',
  1266: 'time with time zone',
  1700: 'numeric',
  3802: 'super',
};

export class TypeNames {
  private readonly names = new Map<number, string>(Object.entries(REDSHIFT_NAMES).map(([k, v]) => [Number(k), v]));

  /** Adds PostgreSQL's names for every other type (read once from pg_type). */
  learn(rows: Array<[number, string]>): void {
    for (const [oid, name] of rows) if (!this.names.has(oid)) this.names.set(oid, name);
  }

  nameOf(oid: number): string {
    return this.names.get(oid) ?? 'unknown';
  }
}
