import { quoteIdent } from '../../sql/quote';
import type { Statement } from '../../sql/splitter';
import { identifierName, keyword } from '../../sql/tokenizer';
import type { StatementContext } from '../../session/statement-handler';
import { qualifiedNames } from './table-refs';

/**
 * Redshift analyzes new tables automatically; PGlite never does, and a join between an external
 * table and a never-analyzed internal table gets a poor plan (it hashes the million-row side). Before
 * an external query, internal tables it names that have no statistics yet are analyzed once.
 */
export async function analyzeNewTables(context: StatementContext, statement: Statement, externalKeys: Set<string>): Promise<void> {
  const names = new Set<string>();
  for (const ref of qualifiedNames(statement)) {
    if (!externalKeys.has(`${ref.schema}.${ref.table}`)) names.add(`${quoteIdent(ref.schema)}.${quoteIdent(ref.table)}`);
  }
  const w = statement.words;
  for (let i = 1; i < w.length; i++) {
    const before = keyword(w[i - 1]);
    const t = w[i]!;
    if ((before === 'FROM' || before === 'JOIN') && (t.kind === 'word' || t.kind === 'quoted') && w[i + 1]?.text !== '.') names.add(quoteIdent(identifierName(t)));
  }
  // Outside a transaction block only: a failure here must never abort the user's transaction.
  if (names.size === 0 || context.backend.inTransaction()) return;
  // Names resolve as the user sees them; statistics are then gathered as the internal superuser.
  await context.backend.setIdentity(context.session.currentUser);
  const stale = await context.backend.query(
    `SELECT n.nspname, c.relname FROM unnest($1::text[]) AS r(name) JOIN pg_catalog.pg_class c ON c.oid = pg_catalog.to_regclass(r.name)
     JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = 'r' AND c.reltuples < 0`,
    [[...names]],
  );
  if (stale.rows.length === 0) return;
  await context.asAdmin(async () => {
    for (const [schema, table] of stale.rows as Array<[string, string]>) await context.backend.exec(`ANALYZE ${quoteIdent(schema)}.${quoteIdent(table)}`);
  });
}
