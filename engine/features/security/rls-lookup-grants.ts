import { SqlError, SQLSTATE } from '../../errors/sql-error';
import type { StatementHandler } from '../../session/statement-handler';
import { keyword } from '../../sql/tokenizer';
import { asSecurityAdmin, queryAsUser } from './catalog-access';
import { lookupTableOids } from './rls-lookup-tables';
import { refreshTables } from './rls-translation';
import { requireRlsAdmin } from './rls-statements';
import { WordCursor } from './word-cursor';

const isPolicyGrant = (cursor: WordCursor) => {
  for (let i = 0; cursor.peek(i); i++) {
    if (['TO', 'FROM'].includes(cursor.peekKeyword(i)) && cursor.peekKeyword(i + 1) === 'RLS' && cursor.peekKeyword(i + 2) === 'POLICY') return true;
  }
  return false;
};

/**
 * `GRANT SELECT ON [TABLE] t [, …] TO RLS POLICY p [, …]` / `REVOKE … FROM RLS POLICY p`: whether a
 * policy reads its lookup tables with its own privilege (the default, granted at CREATE RLS POLICY)
 * or with the querying user's. See rls-lookup-tables.ts.
 */
export const rlsLookupGrants: StatementHandler = {
  name: 'rls-lookup-grants',
  matches: (s) => ['GRANT', 'REVOKE'].includes(keyword(s.words[0])) && isPolicyGrant(new WordCursor(s)),
  async run(context) {
    const cursor = new WordCursor(context.statement);
    const grant = cursor.accept('GRANT');
    if (!grant) cursor.expect('REVOKE');
    cursor.expect('SELECT', 'ON');
    cursor.accept('TABLE');
    const tables: Array<{ text: string; at: number }> = [];
    do tables.push(cursor.qualifiedName());
    while (cursor.acceptOp(','));
    cursor.expect(grant ? 'TO' : 'FROM', 'RLS', 'POLICY');
    const policies: Array<{ name: string; at: number }> = [];
    do policies.push({ at: cursor.position(), name: cursor.name() });
    while (cursor.acceptOp(','));
    cursor.expectEnd();
    const relids: number[] = [];
    for (const t of tables) {
      const found = (await queryAsUser(context, 'SELECT pg_catalog.to_regclass($1)::oid::int', [t.text]))[0]?.[0];
      if (typeof found !== 'number') throw new SqlError(SQLSTATE.undefinedTable, `relation "${t.text}" does not exist`, { position: t.at });
      relids.push(found);
    }
    return asSecurityAdmin(context, async (q) => {
      await requireRlsAdmin(context, q);
      await context.atomic(async () => {
        for (const p of policies) {
          const found = await q('SELECT qual FROM wl_sys.rls_policies WHERE name = $1', [p.name]);
          if (!found.length) throw new SqlError(SQLSTATE.undefinedObject, `RLS policy "${p.name}" does not exist`, { position: p.at });
          for (const relid of relids) {
            if (grant) await q('DELETE FROM wl_sys.rls_lookup_revoked WHERE policy = $1 AND relid = $2', [p.name, relid]);
            else await q('INSERT INTO wl_sys.rls_lookup_revoked (policy, relid) VALUES ($1, $2) ON CONFLICT DO NOTHING', [p.name, relid]);
          }
          if ((await lookupTableOids(q, String(found[0]![0]))).some((oid) => relids.includes(oid))) {
            const attached = await q('SELECT relid::int FROM wl_sys.rls_attachments WHERE policy = $1', [p.name]);
            await refreshTables(q, attached.map((r) => Number(r[0])));
          }
        }
      });
      return context.done(grant ? 'GRANT' : 'REVOKE');
    });
  },
};
