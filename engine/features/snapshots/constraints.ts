import type { SqlBackend } from '../../backend/backend';
import { quoteIdent } from '../../sql/quote';
import { qualified, SYSTEM_SCHEMA_FILTER } from './table-dump';
import { relationExists } from './catalog-exists';
import { attempt } from '../../backend/attempt';

/**
 * Table constraints (PRIMARY KEY, UNIQUE, FOREIGN KEY, CHECK) of a whole-cluster snapshot. A table
 * dump holds columns and NOT NULL only, so a restore adds these once every table is back (a foreign
 * key needs the table it references). A table restored on its own gets none, as in Redshift.
 */
export interface ConstraintEntry {
  schema: string;
  table: string;
  name: string;
  definition: string;
}

export async function listConstraints(backend: SqlBackend): Promise<ConstraintEntry[]> {
  const r = await backend.query(`
    SELECT n.nspname, c.relname, k.conname, pg_get_constraintdef(k.oid)
    FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE k.contype IN ('p', 'u', 'f', 'c') AND c.relkind IN ('r', 'p') AND ${SYSTEM_SCHEMA_FILTER}
    ORDER BY k.contype = 'f', n.nspname, c.relname, k.conname`);
  return r.rows.map((row) => ({ schema: String(row[0]), table: String(row[1]), name: String(row[2]), definition: String(row[3]) }));
}

/** Adds the constraints to the restored tables; one the data no longer satisfies is left out rather than failing the restore. */
export async function addConstraints(backend: SqlBackend, constraints: ConstraintEntry[]): Promise<void> {
  for (const k of constraints) {
    if (!(await relationExists(backend, qualified(k.schema, k.table)))) continue; // a BACKUP NO table
    await attempt(backend, () => backend.query(`ALTER TABLE ${qualified(k.schema, k.table)} ADD CONSTRAINT ${quoteIdent(k.name)} ${k.definition}`));
  }
}
