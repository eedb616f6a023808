import type { SqlBackend } from '../../backend/backend';
import { quoteIdent, quoteLiteral } from '../../sql/quote';
import { qualified, SYSTEM_SCHEMA_FILTER } from './table-dump';

/** COMMENT ON SCHEMA / TABLE / VIEW / COLUMN texts, set again by a cluster restore. */
export interface CommentEntry {
  schema: string;
  /** Absent for a schema's own comment. */
  relation?: string;
  column?: string;
  /** pg_class.relkind of the relation. */
  kind?: string;
  text: string;
}

export async function listComments(backend: SqlBackend): Promise<CommentEntry[]> {
  const relations = await backend.query(`
    SELECT n.nspname, c.relname, c.relkind::text, a.attname, d.description
    FROM pg_description d JOIN pg_class c ON d.classoid = 'pg_class'::regclass AND c.oid = d.objoid
    JOIN pg_namespace n ON n.oid = c.relnamespace
    LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = d.objsubid AND d.objsubid > 0
    WHERE c.relkind IN ('r', 'p', 'v', 'm') AND ${SYSTEM_SCHEMA_FILTER} ORDER BY 1, 2, d.objsubid`);
  const schemas = await backend.query(`
    SELECT n.nspname, d.description FROM pg_description d JOIN pg_namespace n ON d.classoid = 'pg_namespace'::regclass AND n.oid = d.objoid
    WHERE ${SYSTEM_SCHEMA_FILTER} ORDER BY 1`);
  return [
    ...schemas.rows.map((r) => ({ schema: String(r[0]), text: String(r[1]) })),
    ...relations.rows.map((r) => ({
      schema: String(r[0]),
      relation: String(r[1]),
      kind: String(r[2]),
      ...(r[3] === null ? {} : { column: String(r[3]) }),
      text: String(r[4]),
    })),
  ];
}

const KIND: Record<string, string> = { r: 'TABLE', p: 'TABLE', v: 'VIEW', m: 'MATERIALIZED VIEW' };

/** Comments on objects that are back; others are skipped. */
export async function restoreComments(backend: SqlBackend, comments: CommentEntry[] | undefined): Promise<void> {
  for (const c of comments ?? []) {
    if (!c.relation) {
      const exists = await backend.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [c.schema]);
      if (exists.rows.length) await backend.query(`COMMENT ON SCHEMA ${quoteIdent(c.schema)} IS ${quoteLiteral(c.text)}`);
      continue;
    }
    const name = qualified(c.schema, c.relation);
    const exists = await backend.query(
      `SELECT 1 FROM pg_class WHERE oid = to_regclass($1) AND ($2::text IS NULL OR EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = to_regclass($1) AND attname = $2 AND NOT attisdropped))`,
      [name, c.column ?? null],
    );
    if (!exists.rows.length) continue;
    const target = c.column ? `COLUMN ${name}.${quoteIdent(c.column)}` : `${KIND[c.kind ?? 'r'] ?? 'TABLE'} ${name}`;
    await backend.query(`COMMENT ON ${target} IS ${quoteLiteral(c.text)}`);
  }
}
