import { SqlError, SQLSTATE } from '../../errors/sql-error';
import type { StatementContext, StatementHandler } from '../../session/statement-handler';
import { quoteIdent } from '../../sql/quote';
import { identifierName, isSignificant, type Token } from '../../sql/tokenizer';
import { asSecurityAdmin, queryAsUser, type Query } from './catalog-access';
import { isSuperuser, principalKind, requireKind } from './principals';
import { refreshAllRlsTables, refreshTables } from './rls-translation';
import { qualifyLookupTables } from './rls-lookup-tables';
import { startsWithWords, WordCursor } from './word-cursor';

export async function requireRlsAdmin(context: StatementContext, q: Query): Promise<void> {
  const rows = await q(
    `SELECT r.rolsuper OR EXISTS (SELECT 1 FROM pg_catalog.pg_roles s WHERE s.rolname IN ('sys:secadmin', 'sys:superuser')
                                   AND pg_catalog.pg_has_role(r.oid, s.oid, 'USAGE'))
       FROM pg_catalog.pg_roles r WHERE r.rolname = $1`,
    [context.session.currentUser],
  );
  if (rows[0]?.[0] !== true) {
    throw new SqlError(SQLSTATE.insufficientPrivilege, 'permission denied: only a superuser or a user with the sys:secadmin role can manage row-level security');
  }
}

/** The tokens between the parentheses that follow the cursor (balanced), and the text they span. */
function parenthesized(cursor: WordCursor): { text: string; tokens: Token[] } {
  const open = cursor.peek();
  if (open?.kind !== 'op' || open.text !== '(') throw cursor.syntaxError();
  const statement = cursor.statement;
  const from = statement.tokens.indexOf(open);
  let depth = 0;
  for (let i = from; i < statement.tokens.length; i++) {
    const t = statement.tokens[i]!;
    if (t.kind === 'op' && t.text === '(') depth++;
    if (t.kind === 'op' && t.text === ')' && --depth === 0) {
      const inner = statement.tokens.slice(from + 1, i);
      while (cursor.peek() && cursor.peek()!.start <= t.start) cursor.next();
      return { text: statement.text.slice(open.start + 1, t.start), tokens: inner };
    }
  }
  throw new SqlError(SQLSTATE.syntaxError, 'syntax error at end of input', { position: statement.text.length + 1 });
}

interface PolicyColumn {
  colname: string;
  type: string;
}

/** Reads `WITH (col type, …) [[AS] alias] USING (predicate)`. */
function readPolicyBody(cursor: WordCursor): { columns: PolicyColumn[]; alias: string | null; qualText: string; qual: string } {
  const columns: PolicyColumn[] = [];
  let alias: string | null = null;
  if (cursor.accept('WITH')) {
    const body = parenthesized(cursor);
    const parts: Token[][] = [[]];
    let depth = 0;
    for (const t of body.tokens) {
      if (t.kind === 'op' && t.text === '(') depth++;
      if (t.kind === 'op' && t.text === ')') depth--;
      if (depth === 0 && t.kind === 'op' && t.text === ',') parts.push([]);
      else parts[parts.length - 1]!.push(t);
    }
    for (const part of parts) {
      const words = part.filter(isSignificant);
      if (words.length < 2) throw new SqlError(SQLSTATE.syntaxError, 'syntax error in the column list of WITH', { position: (words[0]?.start ?? 0) + 1 });
      const type = part.map((t) => t.text).join('').trim().slice(words[0]!.text.length).trim();
      columns.push({ colname: identifierName(words[0]!), type: type.toLowerCase() });
    }
    if (cursor.peekKeyword() !== 'USING') {
      cursor.accept('AS');
      alias = cursor.name();
    }
  }
  cursor.expect('USING');
  const predicate = parenthesized(cursor);
  cursor.expectEnd();
  // PostgreSQL policies name the table's columns directly: drop the `alias.` qualifiers.
  let qual = '';
  const tokens = predicate.tokens;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const dot = tokens[i + 1];
    if (alias && (t.kind === 'word' || t.kind === 'quoted') && identifierName(t) === alias && dot?.kind === 'op' && dot.text === '.') {
      i++;
      continue;
    }
    qual += t.text;
  }
  return { columns, alias, qualText: predicate.text.trim(), qual: qual.trim() };
}

/** Resolves names the way the statement's user would: qualified ones directly, others in their search_path. */
async function nameResolver(context: StatementContext): Promise<(q: Query) => (name: string[]) => Promise<number | null>> {
  const raw = (await queryAsUser(context, 'SELECT pg_catalog.current_schemas(false)::text[]'))[0]?.[0];
  const schemas = Array.isArray(raw) ? raw.map(String) : String(raw ?? '{}').replace(/^\{|\}$/g, '').split(',').filter(Boolean);
  return (q) => async (name) => {
    const written = name.map(quoteIdent).join('.');
    const candidates = name.length > 1 ? [written] : schemas.map((s) => `${quoteIdent(s)}.${written}`);
    for (const candidate of candidates) {
      const found = (await q('SELECT pg_catalog.to_regclass($1)::oid::int', [candidate]))[0]?.[0];
      if (typeof found === 'number') return found;
    }
    return null;
  };
}

/** Checks the predicate against the WITH columns, as Redshift does at CREATE time. */
async function validatePredicate(q: Query, columns: PolicyColumn[], qual: string): Promise<void> {
  const select = columns.length ? columns.map((c) => `NULL::${c.type} AS ${quoteIdent(c.colname)}`).join(', ') : '1 AS wl_none';
  await q(`SELECT 1 FROM (SELECT ${select}) wl_policy_columns WHERE (${qual}) LIMIT 0`);
}

const createPolicy: StatementHandler = {
  name: 'create-rls-policy',
  matches: (s) => startsWithWords(s, 'CREATE', 'RLS', 'POLICY'),
  async run(context) {
    const cursor = new WordCursor(context.statement);
    cursor.expect('CREATE', 'RLS', 'POLICY');
    const at = cursor.position();
    const name = cursor.name();
    const body = readPolicyBody(cursor);
    const resolver = await nameResolver(context);
    return asSecurityAdmin(context, async (q) => {
      await requireRlsAdmin(context, q);
      if ((await q('SELECT 1 FROM wl_sys.rls_policies WHERE name = $1', [name])).length) {
        throw new SqlError(SQLSTATE.duplicateObject, `RLS policy "${name}" already exists`, { position: at });
      }
      body.qual = await qualifyLookupTables(q, body.qual, resolver(q));
      await context.atomic(async () => {
        await validatePredicate(q, body.columns, body.qual);
        await q(
          `INSERT INTO wl_sys.rls_policies (name, alias, atts, qual, qual_text, modified_by) VALUES ($1, $2, $3::jsonb, $4, $5, $6)`,
          [name, body.alias, JSON.stringify(body.columns), body.qual, body.qualText, context.session.currentUser],
        );
      });
      return context.done('CREATE RLS POLICY');
    });
  },
};

const alterPolicy: StatementHandler = {
  name: 'alter-rls-policy',
  matches: (s) => startsWithWords(s, 'ALTER', 'RLS', 'POLICY'),
  async run(context) {
    const cursor = new WordCursor(context.statement);
    cursor.expect('ALTER', 'RLS', 'POLICY');
    const at = cursor.position();
    const name = cursor.name();
    if (cursor.peekKeyword() !== 'USING') throw cursor.syntaxError();
    const parsed = readPolicyBody(cursor);
    const resolver = await nameResolver(context);
    return asSecurityAdmin(context, async (q) => {
      await requireRlsAdmin(context, q);
      const found = await q('SELECT alias, atts FROM wl_sys.rls_policies WHERE name = $1', [name]);
      if (!found.length) throw new SqlError(SQLSTATE.undefinedObject, `RLS policy "${name}" does not exist`, { position: at });
      const alias = found[0]![0] as string | null;
      const columns = found[0]![1] as PolicyColumn[];
      const body = alias ? stripAlias(parsed, alias) : parsed;
      body.qual = await qualifyLookupTables(q, body.qual, resolver(q));
      await context.atomic(async () => {
        await validatePredicate(q, columns, body.qual);
        await q('UPDATE wl_sys.rls_policies SET qual = $2, qual_text = $3, modified_by = $4, modified = localtimestamp WHERE name = $1', [
          name, body.qual, body.qualText, context.session.currentUser,
        ]);
        const tables = await q('SELECT relid::int FROM wl_sys.rls_attachments WHERE policy = $1', [name]);
        await refreshTables(q, tables.map((r) => Number(r[0])));
      });
      return context.done('ALTER RLS POLICY');
    });
  },
};

/** ALTER RLS POLICY keeps the alias given at CREATE time: strip its qualifiers from the new predicate. */
function stripAlias(body: ReturnType<typeof readPolicyBody>, alias: string) {
  const stripped = body.qual.replace(new RegExp(`\\b${alias.replace(/[^a-z0-9_]/g, '')}\\s*\\.`, 'gi'), '');
  return { ...body, qual: stripped };
}

interface Target {
  kind: 'user' | 'role' | 'public';
  name: string;
  at: number;
}

function readTablesAndTargets(cursor: WordCursor, preposition: 'TO' | 'FROM') {
  cursor.expect('ON');
  cursor.accept('TABLE');
  const tables: Array<{ text: string; at: number }> = [];
  do tables.push(cursor.qualifiedName());
  while (cursor.acceptOp(','));
  cursor.expect(preposition);
  const targets: Target[] = [];
  do {
    const at = cursor.position();
    if (cursor.accept('PUBLIC')) targets.push({ kind: 'public', name: 'PUBLIC', at });
    else if (cursor.accept('ROLE')) targets.push({ kind: 'role', name: cursor.name(), at });
    else targets.push({ kind: 'user', name: cursor.name(), at });
  } while (cursor.acceptOp(','));
  cursor.expectEnd();
  return { tables, targets };
}

/** Resolves table names in the user's search_path to OIDs; only ordinary tables take policies. */
async function resolveTables(context: StatementContext, tables: Array<{ text: string; at: number }>): Promise<number[]> {
  const relids: number[] = [];
  for (const t of tables) {
    const rows = await queryAsUser(context, 'SELECT c.oid::int, c.relkind::text FROM pg_catalog.pg_class c WHERE c.oid = pg_catalog.to_regclass($1)', [t.text]);
    if (!rows.length) throw new SqlError(SQLSTATE.undefinedTable, `relation "${t.text}" does not exist`, { position: t.at });
    relids.push(Number(rows[0]![0]));
  }
  return relids;
}

const attachPolicy: StatementHandler = {
  name: 'attach-rls-policy',
  matches: (s) => startsWithWords(s, 'ATTACH', 'RLS', 'POLICY') || startsWithWords(s, 'DETACH', 'RLS', 'POLICY'),
  async run(context) {
    const cursor = new WordCursor(context.statement);
    const attach = cursor.accept('ATTACH');
    if (!attach) cursor.expect('DETACH');
    cursor.expect('RLS', 'POLICY');
    const at = cursor.position();
    const name = cursor.name();
    const { tables, targets } = readTablesAndTargets(cursor, attach ? 'TO' : 'FROM');
    const relids = await resolveTables(context, tables);
    return asSecurityAdmin(context, async (q) => {
      await requireRlsAdmin(context, q);
      const policy = await q('SELECT atts FROM wl_sys.rls_policies WHERE name = $1', [name]);
      if (!policy.length) throw new SqlError(SQLSTATE.undefinedObject, `RLS policy "${name}" does not exist`, { position: at });
      const columns = policy[0]![0] as PolicyColumn[];
      for (const t of targets) {
        if (t.kind === 'public') continue;
        await requireKind(q, t.kind, t.name, t.at);
        if (attach && t.kind === 'user' && (await isSuperuser(q, t.name))) {
          throw new SqlError(SQLSTATE.featureNotSupported, `RLS policy can't be attached to superuser "${t.name}"`, { position: t.at });
        }
      }
      await context.atomic(async () => {
        for (const [i, relid] of relids.entries()) {
          if (attach) {
            for (const c of columns) {
              const has = await q('SELECT 1 FROM pg_catalog.pg_attribute WHERE attrelid = $1 AND attname = $2 AND attnum > 0 AND NOT attisdropped', [relid, c.colname]);
              if (!has.length) throw new SqlError('42703', `column "${c.colname}" of RLS policy "${name}" does not exist in relation "${tables[i]!.text}"`, { position: tables[i]!.at });
            }
          }
          for (const t of targets) {
            const grantee = t.kind === 'public' ? 'PUBLIC' : t.name;
            const existing = await q('SELECT 1 FROM wl_sys.rls_attachments WHERE policy = $1 AND relid = $2 AND grantee = $3', [name, relid, grantee]);
            if (attach && existing.length) {
              throw new SqlError(SQLSTATE.duplicateObject, `RLS policy "${name}" is already attached to relation "${tables[i]!.text}" for ${t.kind === 'public' ? 'PUBLIC' : `${t.kind} "${t.name}"`}`, { position: t.at });
            }
            if (!attach && !existing.length) {
              throw new SqlError(SQLSTATE.undefinedObject, `RLS policy "${name}" is not attached to relation "${tables[i]!.text}" for ${t.kind === 'public' ? 'PUBLIC' : `${t.kind} "${t.name}"`}`, { position: t.at });
            }
            if (attach) {
              await q('INSERT INTO wl_sys.rls_attachments (policy, relid, grantee, grantee_kind, grantor) VALUES ($1, $2, $3, $4, $5)', [
                name, relid, grantee, t.kind, context.session.currentUser,
              ]);
            } else {
              await q('DELETE FROM wl_sys.rls_attachments WHERE policy = $1 AND relid = $2 AND grantee = $3', [name, relid, grantee]);
            }
          }
          await refreshTables(q, [relid]);
        }
      });
      return context.done(attach ? 'ATTACH RLS POLICY' : 'DETACH RLS POLICY');
    });
  },
};

const dropPolicy: StatementHandler = {
  name: 'drop-rls-policy',
  matches: (s) => startsWithWords(s, 'DROP', 'RLS', 'POLICY'),
  async run(context) {
    const cursor = new WordCursor(context.statement);
    cursor.expect('DROP', 'RLS', 'POLICY');
    const ifExists = cursor.accept('IF', 'EXISTS');
    const at = cursor.position();
    const name = cursor.name();
    const cascade = cursor.accept('CASCADE');
    if (!cascade) cursor.accept('RESTRICT');
    cursor.expectEnd();
    return asSecurityAdmin(context, async (q) => {
      await requireRlsAdmin(context, q);
      if (!(await q('SELECT 1 FROM wl_sys.rls_policies WHERE name = $1', [name])).length) {
        if (ifExists) return { ...context.done('DROP RLS POLICY'), notices: [`NOTICE:  RLS policy "${name}" does not exist, skipping`] };
        throw new SqlError(SQLSTATE.undefinedObject, `RLS policy "${name}" does not exist`, { position: at });
      }
      const attached = await q('SELECT DISTINCT relid::int FROM wl_sys.rls_attachments WHERE policy = $1', [name]);
      if (attached.length && !cascade) {
        throw new SqlError('2BP01', `cannot drop RLS policy "${name}" because it is attached to a relation`, {
          position: at,
          hint: 'Use DROP RLS POLICY … CASCADE to detach it first, or DETACH RLS POLICY.',
        });
      }
      await context.atomic(async () => {
        await q('DELETE FROM wl_sys.rls_attachments WHERE policy = $1', [name]);
        await q('DELETE FROM wl_sys.rls_policies WHERE name = $1', [name]);
        await refreshTables(q, attached.map((r) => Number(r[0])));
      });
      return context.done('DROP RLS POLICY');
    });
  },
};

/** `ALTER TABLE t ROW LEVEL SECURITY { ON | OFF } [CONJUNCTION TYPE { AND | OR }] [FOR DATASHARES]` */
const tableRls: StatementHandler = {
  name: 'alter-table-row-level-security',
  matches: (s) => startsWithWords(s, 'ALTER', 'TABLE') && s.words.some((w, i) => w.text.toUpperCase() === 'LEVEL' && s.words[i - 1]?.text.toUpperCase() === 'ROW' && s.words[i + 2]?.text.toUpperCase() !== undefined && ['ON', 'OFF'].includes(s.words[i + 2]!.text.toUpperCase())),
  async run(context) {
    const cursor = new WordCursor(context.statement);
    cursor.expect('ALTER', 'TABLE');
    const table = cursor.qualifiedName();
    cursor.expect('ROW', 'LEVEL', 'SECURITY');
    const on = cursor.accept('ON');
    if (!on) cursor.expect('OFF');
    let conjunction: 'and' | 'or' | null = null;
    if (cursor.accept('CONJUNCTION', 'TYPE')) {
      if (cursor.accept('AND')) conjunction = 'and';
      else if (cursor.accept('OR')) conjunction = 'or';
      else throw cursor.syntaxError();
    }
    cursor.accept('FOR', 'DATASHARES');
    cursor.expectEnd();
    const [relid] = await resolveTables(context, [table]);
    return asSecurityAdmin(context, async (q) => {
      await requireRlsAdmin(context, q);
      await context.atomic(async () => {
        await q(
          `INSERT INTO wl_sys.rls_relations (relid, rls_on, conjunction) VALUES ($1, $2, coalesce($3, 'and'))
           ON CONFLICT (relid) DO UPDATE SET rls_on = EXCLUDED.rls_on, conjunction = coalesce($3, wl_sys.rls_relations.conjunction)`,
          [relid, on, conjunction],
        );
        await refreshTables(q, [relid!]);
      });
      return context.done('ALTER TABLE');
    });
  },
};

/** `GRANT IGNORE RLS TO ROLE r` / `REVOKE IGNORE RLS FROM ROLE r` */
const ignoreRls: StatementHandler = {
  name: 'ignore-rls',
  matches: (s) => startsWithWords(s, 'GRANT', 'IGNORE', 'RLS') || startsWithWords(s, 'REVOKE', 'IGNORE', 'RLS'),
  async run(context) {
    const cursor = new WordCursor(context.statement);
    const grant = cursor.accept('GRANT');
    if (!grant) cursor.expect('REVOKE');
    cursor.expect('IGNORE', 'RLS', grant ? 'TO' : 'FROM', 'ROLE');
    const at = cursor.position();
    const role = cursor.name();
    cursor.expectEnd();
    return asSecurityAdmin(context, async (q) => {
      await requireRlsAdmin(context, q);
      if ((await principalKind(q, role)) !== 'role') throw new SqlError(SQLSTATE.undefinedObject, `role "${role}" does not exist`, { position: at });
      await context.atomic(async () => {
        if (grant) await q('INSERT INTO wl_sys.rls_ignore (role_name) VALUES ($1) ON CONFLICT DO NOTHING', [role]);
        else await q('DELETE FROM wl_sys.rls_ignore WHERE role_name = $1', [role]);
        await refreshAllRlsTables(q);
      });
      return context.done(grant ? 'GRANT' : 'REVOKE');
    });
  },
};

export const rlsHandlers: StatementHandler[] = [createPolicy, alterPolicy, attachPolicy, dropPolicy, tableRls, ignoreRls];
