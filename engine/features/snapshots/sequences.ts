import type { SqlBackend } from '../../backend/backend';
import { quoteIdent, quoteLiteral } from '../../sql/quote';
import { qualified, SYSTEM_SCHEMA_FILTER } from './table-dump';
import { relationExists, roleExists } from './catalog-exists';

/**
 * Sequences made with CREATE SEQUENCE (identity columns travel inside their table's dump): their
 * options and position, and the column that owns them. Columns whose DEFAULT calls nextval(…) get
 * that default back once the sequences exist again.
 */
export interface SequenceEntry {
  schema: string;
  name: string;
  owner: string;
  type: string;
  start: string;
  increment: string;
  min: string;
  max: string;
  cache: string;
  cycle: boolean;
  lastValue: string;
  isCalled: boolean;
  /** `OWNED BY` column, if any. */
  ownedBy?: { schema: string; table: string; column: string };
}

export async function listSequences(backend: SqlBackend): Promise<SequenceEntry[]> {
  const r = await backend.query(`
    SELECT c.oid::int, n.nspname, c.relname, pg_get_userbyid(c.relowner), format_type(s.seqtypid, NULL), s.seqstart::text,
           s.seqincrement::text, s.seqmin::text, s.seqmax::text, s.seqcache::text, s.seqcycle,
           (SELECT json_build_array(tn.nspname, t.relname, a.attname)
              FROM pg_depend d JOIN pg_class t ON t.oid = d.refobjid JOIN pg_namespace tn ON tn.oid = t.relnamespace
              JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid
             WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'a')
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_sequence s ON s.seqrelid = c.oid
    WHERE c.relkind = 'S' AND ${SYSTEM_SCHEMA_FILTER}
      AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'i')
    ORDER BY c.oid`);
  const out: SequenceEntry[] = [];
  for (const row of r.rows) {
    const [schema, name] = [String(row[1]), String(row[2])];
    const position = await backend.query(`SELECT last_value::text, is_called FROM ${qualified(schema, name)}`);
    const owned = (typeof row[11] === 'string' ? JSON.parse(row[11]) : row[11]) as [string, string, string] | null;
    out.push({
      schema,
      name,
      owner: String(row[3]),
      type: String(row[4]),
      start: String(row[5]),
      increment: String(row[6]),
      min: String(row[7]),
      max: String(row[8]),
      cache: String(row[9]),
      cycle: row[10] === true,
      lastValue: String(position.rows[0]![0]),
      isCalled: position.rows[0]![1] === true,
      ...(owned ? { ownedBy: { schema: owned[0], table: owned[1], column: owned[2] } } : {}),
    });
  }
  return out;
}

/** Recreates the sequences at their position (before the tables, whose defaults may call them). */
export async function createSequences(backend: SqlBackend, sequences: SequenceEntry[]): Promise<void> {
  for (const s of sequences) {
    const name = qualified(s.schema, s.name);
    await backend.query(
      `CREATE SEQUENCE ${name} AS ${s.type} INCREMENT BY ${s.increment} MINVALUE ${s.min} MAXVALUE ${s.max} START WITH ${s.start} CACHE ${s.cache}${s.cycle ? ' CYCLE' : ' NO CYCLE'}`,
    );
    await backend.query(`SELECT setval(${quoteLiteral(name)}, $1::bigint, $2)`, [s.lastValue, s.isCalled]);
    if (await roleExists(backend, s.owner)) await backend.query(`ALTER SEQUENCE ${name} OWNER TO ${quoteIdent(s.owner)}`);
  }
}

/** After the tables are back: `OWNED BY` links (a dropped column or table takes its sequence with it). */
export async function linkSequenceOwners(backend: SqlBackend, sequences: SequenceEntry[]): Promise<void> {
  for (const s of sequences) {
    if (!s.ownedBy) continue;
    if (!(await relationExists(backend, qualified(s.ownedBy.schema, s.ownedBy.table)))) continue;
    await backend.query(`ALTER SEQUENCE ${qualified(s.schema, s.name)} OWNED BY ${qualified(s.ownedBy.schema, s.ownedBy.table)}.${quoteIdent(s.ownedBy.column)}`);
  }
}
