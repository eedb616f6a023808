import { SqlError } from '../../errors/sql-error';
import { quoteIdent } from '../../sql/quote';
import { identifierName, isSignificant, keyword, tokenize, type Token } from '../../sql/tokenizer';
import type { Query } from './catalog-access';

/**
 * Lookup tables in RLS policies (`USING (region IN (SELECT region FROM public.allowed WHERE …))`).
 * Redshift grants SELECT on a lookup table to the policy itself, so the users the policy filters
 * need no privilege on it (`GRANT/REVOKE SELECT ON t TO/FROM RLS POLICY p` changes that).
 *
 * PostgreSQL checks a policy's subqueries as the querying user. So when a policy is translated,
 * each lookup table is read through a view `wl_sys.rls_lookup_<oid>` owned by the internal
 * superuser and selectable by PUBLIC: permissions inside the view are the owner's, and students
 * cannot name the view (no USAGE on wl_sys; a stored policy refers to it by OID).
 *
 * At CREATE/ALTER RLS POLICY time the names are resolved in the creator's search_path and stored
 * schema-qualified, so re-translation (ATTACH, restore) never depends on a search_path.
 */

export interface RelationRef {
  /** Token indexes [first, last] of the (possibly dotted) name. */
  first: number;
  last: number;
  name: string[];
  /** Whether an alias follows the name. */
  aliased: boolean;
}

/** Words that may follow a FROM item and are not its alias. */
const NOT_ALIAS = new Set([
  'WHERE', 'JOIN', 'ON', 'USING', 'LEFT', 'RIGHT', 'INNER', 'FULL', 'CROSS', 'NATURAL', 'GROUP', 'ORDER', 'LIMIT',
  'OFFSET', 'FETCH', 'UNION', 'EXCEPT', 'INTERSECT', 'MINUS', 'HAVING', 'WINDOW', 'QUALIFY',
]);

/** Relations named after FROM / JOIN / a FROM-list comma in a predicate (subqueries and functions skipped). */
export function relationRefs(tokens: Token[]): RelationRef[] {
  const sig = tokens.map((t, i) => ({ t, i })).filter(({ t }) => isSignificant(t));
  const refs: RelationRef[] = [];
  for (let k = 0; k < sig.length; k++) {
    const word = keyword(sig[k]!.t);
    if (word !== 'FROM' && word !== 'JOIN') continue;
    let j = k + 1;
    for (;;) {
      const start = sig[j];
      if (!start || (start.t.kind !== 'word' && start.t.kind !== 'quoted')) break;
      const name = [identifierName(start.t)];
      let end = j;
      while (sig[end + 1]?.t.text === '.' && sig[end + 2] && (sig[end + 2]!.t.kind === 'word' || sig[end + 2]!.t.kind === 'quoted')) {
        name.push(identifierName(sig[end + 2]!.t));
        end += 2;
      }
      const after = sig[end + 1];
      if (after?.t.text === '(') break; // a function in FROM
      const aliased = !!after && (keyword(after.t) === 'AS' || ((after.t.kind === 'word' || after.t.kind === 'quoted') && !NOT_ALIAS.has(keyword(after.t))));
      refs.push({ first: start.i, last: sig[end]!.i, name, aliased });
      // `FROM a x, b y`: continue with the next item of the list
      let next = end + 1 + (aliased ? (keyword(after!.t) === 'AS' ? 2 : 1) : 0);
      if (sig[next]?.t.text !== ',') break;
      j = ++next;
    }
  }
  return refs;
}

function replaceRefs(tokens: Token[], refs: RelationRef[], text: (ref: RelationRef) => string): string {
  let out = '';
  let r = 0;
  for (let i = 0; i < tokens.length; i++) {
    const ref = refs[r];
    if (ref && i === ref.first) {
      out += text(ref);
      i = ref.last;
      r++;
      continue;
    }
    out += tokens[i]!.text;
  }
  return out;
}

/**
 * Resolves the predicate's lookup tables (in the creator's search_path, through `resolve`), checks
 * that each is a regular table without RLS, and returns the predicate with the names schema-qualified.
 */
export async function qualifyLookupTables(q: Query, qual: string, resolve: (name: string[]) => Promise<number | null>): Promise<string> {
  const tokens = tokenize(qual);
  const refs = relationRefs(tokens);
  const qualified = new Map<RelationRef, string>();
  for (const ref of refs) {
    const oid = await resolve(ref.name);
    if (oid === null) throw new SqlError('42P01', `relation "${ref.name.join('.')}" does not exist`);
    const rows = await q(
      `SELECT n.nspname, c.relname, c.relkind::text, c.relpersistence::text, coalesce(r.rls_on, false)
         FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
         LEFT JOIN wl_sys.rls_relations r ON r.relid = c.oid WHERE c.oid = $1`,
      [oid],
    );
    const [schema, table, relkind, persistence, rlsOn] = rows[0] as [string, string, string, string, boolean];
    const system = schema === 'pg_catalog' || schema === 'information_schema' || schema.startsWith('pg_') || schema === 'wl_sys';
    if (system || !['r', 'p'].includes(relkind) || persistence === 't' || rlsOn) {
      throw new SqlError(
        '0A000',
        `RLS policy cannot look up relation "${ref.name.join('.')}": lookup tables must be regular permanent tables without row-level security (not catalog tables, views, external or temporary tables)`,
      );
    }
    qualified.set(ref, `${quoteIdent(schema)}.${quoteIdent(table)}`);
  }
  return replaceRefs(tokens, refs, (ref) => qualified.get(ref)!);
}

/** The OID of a stored (schema-qualified) lookup name, or null when the table is gone. */
async function storedRefOid(q: Query, ref: RelationRef): Promise<number | null> {
  const oid = (await q('SELECT pg_catalog.to_regclass($1)::oid::int', [ref.name.map(quoteIdent).join('.')]))[0]?.[0];
  return typeof oid === 'number' ? oid : null;
}

/** The policy's lookup-table OIDs (names stored qualified by qualifyLookupTables). */
export async function lookupTableOids(q: Query, qual: string): Promise<number[]> {
  const oids: number[] = [];
  for (const ref of relationRefs(tokenize(qual))) {
    const oid = await storedRefOid(q, ref);
    if (oid !== null) oids.push(oid);
  }
  return oids;
}

/**
 * The predicate PostgreSQL gets: lookup tables read through their wl_sys views, except where
 * SELECT was revoked from the policy (then the user's own privileges apply, as they would on Redshift).
 */
export async function withLookupViews(q: Query, policy: string, qual: string): Promise<string> {
  const tokens = tokenize(qual);
  const refs = relationRefs(tokens);
  if (!refs.length) return qual;
  const replaced = new Map<RelationRef, string>();
  for (const ref of refs) {
    const oid = await storedRefOid(q, ref);
    if (oid === null) continue;
    const revoked = await q('SELECT 1 FROM wl_sys.rls_lookup_revoked WHERE policy = $1 AND relid = $2', [policy, oid]);
    if (revoked.length) continue;
    const view = `wl_sys.rls_lookup_${oid}`;
    if (!(await q('SELECT pg_catalog.to_regclass($1)', [view]))[0]?.[0]) {
      await q(`CREATE VIEW ${view} AS SELECT * FROM ${ref.name.map(quoteIdent).join('.')}`);
      await q(`GRANT SELECT ON ${view} TO PUBLIC`);
    }
    replaced.set(ref, ref.aliased ? view : `${view} AS ${quoteIdent(ref.name[ref.name.length - 1]!)}`);
  }
  return replaceRefs(tokens, refs, (ref) => replaced.get(ref) ?? tokens.slice(ref.first, ref.last + 1).map((t) => t.text).join(''));
}
