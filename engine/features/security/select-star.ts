import type { QueryResult } from '../../api/types';
import { SqlError } from '../../errors/sql-error';
import { passthroughHandler } from '../../session/passthrough';
import type { StatementContext, StatementHandler } from '../../session/statement-handler';
import { makeStatement } from '../../sql/splitter';
import { quoteIdent } from '../../sql/quote';
import { identifierName, keyword, type Token } from '../../sql/tokenizer';
import { queryAsUser } from './catalog-access';

/**
 * Current Redshift: "If you don't have the SELECT privilege on all columns in a table, performing a
 * SELECT * operation returns only those columns that you have access to." PostgreSQL refuses the
 * whole query, so when a query with `*` fails for lack of privilege, every `*` / `t.*` that stands
 * for a table the user can read only partly is replaced by its permitted columns, and the query is
 * run again. PostgreSQL still checks every column, so nothing beyond the grants can be read (views,
 * CTEs and subqueries keep their own checks). Queries that succeed pay nothing for this.
 */
interface FromItem {
  alias: string;
  table: string | null; // null: subquery, CTE or function
}

const CLAUSE_END = new Set(['WHERE', 'GROUP', 'HAVING', 'ORDER', 'LIMIT', 'OFFSET', 'UNION', 'INTERSECT', 'EXCEPT', 'WINDOW', 'FETCH', 'FOR', 'QUALIFY']);
const JOIN_WORDS = new Set(['JOIN', 'INNER', 'LEFT', 'RIGHT', 'FULL', 'OUTER', 'CROSS', 'NATURAL', 'LATERAL']);

/** FROM items of the query level that starts at `selectIndex` (word index), with their aliases. */
function fromItems(words: Token[], selectIndex: number): FromItem[] {
  let depth = 0;
  let i = selectIndex + 1;
  for (; i < words.length; i++) {
    const t = words[i]!;
    if (t.text === '(') depth++;
    else if (t.text === ')') {
      if (depth === 0) return [];
      depth--;
    } else if (depth === 0 && keyword(t) === 'FROM') break;
  }
  const items: FromItem[] = [];
  i++;
  while (i < words.length) {
    const t = words[i]!;
    const k = keyword(t);
    if (t.text === ')' || CLAUSE_END.has(k)) break;
    if (t.text === ',' || JOIN_WORDS.has(k)) {
      i++;
      continue;
    }
    if (k === 'ON' || k === 'USING') {
      // skip the join condition up to the next join or clause at this depth
      let d = 0;
      i++;
      while (i < words.length) {
        const w = words[i]!;
        if (w.text === '(') d++;
        else if (w.text === ')') {
          if (d === 0) break;
          d--;
        } else if (d === 0 && (w.text === ',' || JOIN_WORDS.has(keyword(w)) || CLAUSE_END.has(keyword(w)))) break;
        i++;
      }
      continue;
    }
    let table: string | null = null;
    let alias = '';
    if (t.text === '(') {
      let d = 0;
      for (; i < words.length; i++) {
        if (words[i]!.text === '(') d++;
        else if (words[i]!.text === ')' && --d === 0) break;
      }
      i++;
    } else {
      const parts = [identifierName(t)];
      const texts = [t.text];
      i++;
      while (words[i]?.text === '.' && words[i + 1]) {
        parts.push(identifierName(words[i + 1]!));
        texts.push(words[i + 1]!.text);
        i += 2;
      }
      if (words[i]?.text === '(') table = null; // function in FROM
      else table = texts.join('.');
      alias = parts[parts.length - 1]!;
    }
    if (keyword(words[i]) === 'AS') i++;
    const a = words[i];
    if (a && (a.kind === 'word' || a.kind === 'quoted') && !CLAUSE_END.has(keyword(a)) && !JOIN_WORDS.has(keyword(a)) && !['ON', 'USING'].includes(keyword(a))) {
      alias = identifierName(a);
      i++;
    }
    items.push({ alias, table });
  }
  return items;
}

/** Columns of a table the user may SELECT, or null when the whole table is readable. */
async function permittedColumns(context: StatementContext, table: string): Promise<string[] | null> {
  const rows = await queryAsUser(
    context,
    `SELECT pg_catalog.has_table_privilege(c.oid, 'SELECT'),
            ARRAY(SELECT a.attname::text FROM pg_catalog.pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0
                    AND NOT a.attisdropped AND pg_catalog.has_column_privilege(c.oid, a.attnum, 'SELECT') ORDER BY a.attnum)
       FROM pg_catalog.pg_class c WHERE c.oid = pg_catalog.to_regclass($1)`,
    [table],
  );
  if (!rows.length || rows[0]![0] === true) return null;
  return rows[0]![1] as string[];
}

async function rewriteStars(context: StatementContext, text: string): Promise<string | null> {
  const statement = makeStatement(text, 0);
  const words = statement.words;
  const edits: Array<{ start: number; end: number; text: string }> = [];
  for (let i = 0; i < words.length; i++) {
    const t = words[i]!;
    if (t.text !== '*') continue;
    const prev = words[i - 1];
    const qualified = prev?.text === '.' ? words[i - 2] : undefined;
    if (!qualified && !(prev && (keyword(prev) === 'SELECT' || keyword(prev) === 'DISTINCT' || keyword(prev) === 'ALL' || prev.text === ','))) continue;
    // the SELECT that owns this star: nearest SELECT at the same depth, scanning back
    let depth = 0;
    let s = i - 1;
    for (; s >= 0; s--) {
      const w = words[s]!;
      if (w.text === ')') depth++;
      else if (w.text === '(') {
        if (depth === 0) break;
        depth--;
      } else if (depth === 0 && keyword(w) === 'SELECT') break;
    }
    if (s < 0 || keyword(words[s]) !== 'SELECT') continue;
    const items = fromItems(words, s);
    const chosen = qualified ? items.filter((it) => it.alias === identifierName(qualified)) : items;
    if (!chosen.length) continue;
    const parts: string[] = [];
    let changed = false;
    for (const item of chosen) {
      const columns = item.table ? await permittedColumns(context, item.table) : null;
      if (columns === null) parts.push(`${quoteIdent(item.alias)}.*`);
      else {
        changed = true;
        parts.push(...columns.map((c) => `${quoteIdent(item.alias)}.${quoteIdent(c)}`));
      }
    }
    if (!changed) continue;
    if (!parts.length) return null; // no readable column at all: keep PostgreSQL's error
    const start = qualified ? qualified.start : t.start;
    edits.push({ start, end: t.start + 1, text: parts.join(', ') });
  }
  if (!edits.length) return null;
  let out = text;
  for (const e of edits.reverse()) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

const selectStar: StatementHandler = {
  name: 'select-star-column-privileges',
  matches: (s) => ['SELECT', 'WITH'].includes(keyword(s.words[0])) && s.words.some((w) => w.text === '*'),
  async run(context): Promise<QueryResult> {
    if ((await context.services.userInfo(context.session.currentUser))?.superuser) return passthroughHandler.run(context);
    try {
      return await context.atomic(() => passthroughHandler.run(context));
    } catch (e) {
      if (!(e instanceof SqlError) || e.code !== '42501' || !e.message.startsWith('permission denied for relation')) throw e;
      const rewritten = await rewriteStars(context, context.statement.text);
      if (!rewritten) throw e;
      try {
        return await context.runAsUser(rewritten);
      } catch {
        throw e;
      }
    }
  },
};

export const selectStarHandlers: StatementHandler[] = [selectStar];
