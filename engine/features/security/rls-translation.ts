import { quoteIdent } from '../../sql/quote';
import type { Query } from './catalog-access';
import { withLookupViews } from './rls-lookup-tables';

/**
 * Turns Redshift's RLS objects (wl_sys.rls_policies, rls_attachments, rls_relations, rls_ignore)
 * into PostgreSQL policies on one table. Redshift semantics:
 * - RLS on and no policy attached for you (directly, via a role or PUBLIC): zero rows;
 * - several policies: combined with AND (default) or OR (CONJUNCTION TYPE OR);
 * - SELECT, UPDATE and DELETE are filtered, INSERT is not;
 * - the table owner is subject to RLS (FORCE ROW LEVEL SECURITY); superusers bypass;
 * - roles granted IGNORE RLS bypass.
 * AND: a permissive USING (true) per attached grantee opens the table, and one restrictive policy
 * per attachment narrows it. OR: one permissive policy per attachment.
 */
export async function refreshTablePolicies(q: Query, relid: number): Promise<void> {
  const found = await q('SELECT $1::oid::regclass::text FROM pg_catalog.pg_class WHERE oid = $1', [relid]);
  if (!found.length) return;
  const table = String(found[0]![0]);
  const existing = await q(`SELECT polname FROM pg_catalog.pg_policy WHERE polrelid = $1 AND polname LIKE 'wl\\_rls\\_%'`, [relid]);
  for (const [name] of existing) await q(`DROP POLICY ${quoteIdent(String(name))} ON ${table}`);

  const state = await q('SELECT rls_on, conjunction FROM wl_sys.rls_relations WHERE relid = $1', [relid]);
  if (!state.length || state[0]![0] !== true) {
    await q(`ALTER TABLE ${table} NO FORCE ROW LEVEL SECURITY, DISABLE ROW LEVEL SECURITY`);
    return;
  }
  const conjunction = state[0]![1] === 'or' ? 'or' : 'and';
  await q(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY`);
  await q(`CREATE POLICY wl_rls_insert ON ${table} AS PERMISSIVE FOR INSERT TO PUBLIC WITH CHECK (true)`);

  const ignoring = (await q('SELECT role_name FROM wl_sys.rls_ignore ORDER BY 1')).map((r) => String(r[0]));
  const attachments = (
    await q(
      `SELECT a.grantee, p.qual, p.name FROM wl_sys.rls_attachments a JOIN wl_sys.rls_policies p ON p.name = a.policy
        WHERE a.relid = $1 ORDER BY a.policy, a.grantee`,
      [relid],
    )
  ).map((r) => ({ grantee: String(r[0]), qual: String(r[1]), policy: String(r[2]) }));
  for (const a of attachments) a.qual = await withLookupViews(q, a.policy, a.qual);
  const to = (grantee: string) => (grantee === 'PUBLIC' ? 'PUBLIC' : quoteIdent(grantee));
  const bypass = ignoring.map((r) => `pg_catalog.pg_has_role(${quoteLiteralSafe(r)}, 'USAGE')`);
  let n = 0;
  for (const command of ['SELECT', 'UPDATE', 'DELETE'] as const) {
    const check = command === 'UPDATE' ? ' WITH CHECK (true)' : '';
    for (const role of ignoring) {
      await q(`CREATE POLICY wl_rls_${++n} ON ${table} AS PERMISSIVE FOR ${command} TO ${quoteIdent(role)} USING (true)${check}`);
    }
    if (conjunction === 'or') {
      for (const a of attachments) {
        await q(`CREATE POLICY wl_rls_${++n} ON ${table} AS PERMISSIVE FOR ${command} TO ${to(a.grantee)} USING (${costly(a.qual)})${check}`);
      }
      continue;
    }
    for (const grantee of new Set(attachments.map((a) => a.grantee))) {
      await q(`CREATE POLICY wl_rls_${++n} ON ${table} AS PERMISSIVE FOR ${command} TO ${to(grantee)} USING (true)${check}`);
    }
    for (const a of attachments) {
      const using = costly(bypass.length ? `(${a.qual}) OR ${bypass.join(' OR ')}` : a.qual);
      await q(`CREATE POLICY wl_rls_${++n} ON ${table} AS RESTRICTIVE FOR ${command} TO ${to(a.grantee)} USING (${using})${check}`);
    }
  }
}

/** See wl_sys.rls_qual: lets a user's cheap leakproof quals be checked before the policy's predicate. */
function costly(predicate: string): string {
  return `wl_sys.rls_qual((${predicate}), true)`;
}

function quoteLiteralSafe(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** Re-translates every table that has RLS state (after IGNORE RLS or policy text changes). */
export async function refreshTables(q: Query, relids: Iterable<number>): Promise<void> {
  for (const relid of new Set(relids)) await refreshTablePolicies(q, relid);
}

export async function refreshAllRlsTables(q: Query): Promise<void> {
  const rows = await q('SELECT relid::int FROM wl_sys.rls_relations UNION SELECT relid::int FROM wl_sys.rls_attachments');
  await refreshTables(q, rows.map((r) => Number(r[0])));
}

/** Removes a user's or role's attachments (before it is dropped) and re-translates their tables. */
export async function detachAllFrom(q: Query, grantee: string): Promise<void> {
  const rows = await q('DELETE FROM wl_sys.rls_attachments WHERE grantee = $1 RETURNING relid::int', [grantee]);
  const ignored = await q('DELETE FROM wl_sys.rls_ignore WHERE role_name = $1 RETURNING 1', [grantee]);
  if (ignored.length) await refreshAllRlsTables(q);
  else await refreshTables(q, rows.map((r) => Number(r[0])));
}
