import type { StatementHandler } from '../../session/statement-handler';
import { keyword } from '../../sql/tokenizer';
import { asSecurityAdmin } from '../security/catalog-access';

/**
 * The engine's bookkeeping keyed by table OID: DISTKEY/SORTKEY attributes, rows awaiting VACUUM,
 * RLS attachments and settings, lookup-table revokes, GRANT DROP.
 */
const KEYED_BY_RELID = [
  'wl_sys.table_attrs',
  'wl_sys.unreclaimed_rows',
  'wl_sys.rls_attachments',
  'wl_sys.rls_relations',
  'wl_sys.rls_lookup_revoked',
  'wl_sys.drop_grants',
];

/**
 * Deletes the rows of tables that no longer exist. Without this a dropped table's policy stayed
 * "attached to a relation" (DROP RLS POLICY refused), and a later table given the same OID would
 * have inherited its policies and grants.
 */
export async function forgetDroppedRelations(query: (sql: string, params?: unknown[]) => Promise<unknown[][]>): Promise<void> {
  const present = await query('SELECT t FROM pg_catalog.unnest($1::text[]) t WHERE pg_catalog.to_regclass(t) IS NOT NULL', [KEYED_BY_RELID]);
  for (const [table] of present) {
    await query(`DELETE FROM ${String(table)} x WHERE NOT EXISTS (SELECT 1 FROM pg_catalog.pg_class c WHERE c.oid OPERATOR(pg_catalog.=) x.relid)`);
  }
}

/** Statements that drop tables (DROP OWNED, which would too, is refused). */
const DROPS = new Set(['TABLE', 'SCHEMA', 'MATERIALIZED']);

/** After a DROP TABLE, DROP SCHEMA or DROP MATERIALIZED VIEW succeeds, forgets what was kept about the dropped tables. */
export const forgetDroppedTables: StatementHandler = {
  name: 'forget-dropped-tables',
  matches: (s) => keyword(s.words[0]) === 'DROP' && DROPS.has(keyword(s.words[1])),
  async run(context) {
    const result = await context.handOn(forgetDroppedTables);
    await asSecurityAdmin(context, forgetDroppedRelations);
    return result;
  },
};
