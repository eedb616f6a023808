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

/** Type names by OID; types beyond the common ones are looked up in pg_type on first sight. */
export class TypeNames {
  private readonly names = new Map<number, string>(Object.entries(REDSHIFT_NAMES).map(([k, v]) => [Number(k), v]));

  /** Learns the names of any of `oids` not known yet (one pg_type query, only when needed). */
  async ensure(oids: number[], lookup: (oids: number[]) => Promise<Array<[number, string]>>): Promise<void> {
    const missing = [...new Set(oids)].filter((oid) => oid > 0 && !this.names.has(oid));
    if (missing.length === 0) return;
    for (const [oid, name] of await lookup(missing)) this.names.set(oid, name);
  }

  nameOf(oid: number): string {
    return this.names.get(oid) ?? 'unknown';
  }
}
