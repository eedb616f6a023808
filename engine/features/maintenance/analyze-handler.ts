import { SqlError, SQLSTATE } from '../../errors/sql-error';
import type { StatementContext, StatementHandler } from '../../session/statement-handler';
import type { Token } from '../../sql/tokenizer';

/**
 * `ANALYZE [VERBOSE] [table [(columns)]] [PREDICATE COLUMNS | ALL COLUMNS]`. As in Redshift, a
 * table is skipped when fewer than analyze_threshold_percent (10) of its rows changed since its
 * last ANALYZE; without a table, every table the user owns (all, for a superuser) is considered.
 */
export const ANALYZE_THRESHOLD_PERCENT = 10;

interface AnalyzeTarget {
  oid: number;
  qualified: string;
  owner: string;
}

const isWord = (t: Token | undefined, w: string) => t !== undefined && t.kind === 'word' && t.text.toUpperCase() === w;

async function changedPercent(context: StatementContext, oid: number): Promise<number> {
  const r = await context.backend.query(
    'SELECT coalesce(pg_stat_get_mod_since_analyze($1), 0), wl_sys.table_row_count($1::regclass), pg_stat_get_last_analyze_time($1) IS NULL',
    [oid],
  );
  const [mods, live, never] = r.rows[0] as [number, number, boolean];
  if (never) return 100;
  return Number(live) === 0 ? (Number(mods) > 0 ? 100 : 0) : (Number(mods) * 100) / Number(live);
}

export const analyzeHandler: StatementHandler = {
  name: 'analyze',
  matches: (s) => s.words[0]?.kind === 'word' && /^analy[sz]e$/i.test(s.words[0].text),
  async run(context) {
    const { words, text } = context.statement;
    let i = 1;
    const verbose = isWord(words[i], 'VERBOSE');
    if (verbose) i++;
    let end = words.length;
    if (end - i >= 2 && (isWord(words[end - 2], 'PREDICATE') || isWord(words[end - 2], 'ALL')) && isWord(words[end - 1], 'COLUMNS')) end -= 2;
    const tableStart = words[i];
    const tableText = i < end ? text.slice(tableStart!.start, words[end - 1]!.start + words[end - 1]!.text.length) : '';
    const parenAt = tableText.indexOf('(');
    const name = (parenAt === -1 ? tableText : tableText.slice(0, parenAt)).trim();
    const columns = parenAt === -1 ? '' : tableText.slice(parenAt);
    const user = context.session.currentUser;
    const superuser = (await context.services.userInfo(user))?.superuser === true;
    const notices: string[] = [];
    await context.asAdmin(async () => {
      await context.backend.query('SELECT pg_stat_force_next_flush()');
    });
    const targets: AnalyzeTarget[] = await context.asAdmin(async () => {
      if (name) {
        const r = await context.backend.query(
          `SELECT c.oid::int, quote_ident(n.nspname) || '.' || quote_ident(c.relname), pg_get_userbyid(c.relowner)
           FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = to_regclass($1)`,
          [name],
        );
        if (!r.rows.length) throw new SqlError(SQLSTATE.undefinedTable, `relation "${name}" does not exist`, { position: tableStart!.start + 1 });
        return r.rows.map((row) => ({ oid: Number(row[0]), qualified: String(row[1]), owner: String(row[2]) }));
      }
      const r = await context.backend.query(
        `SELECT c.oid::int, quote_ident(n.nspname) || '.' || quote_ident(c.relname), pg_get_userbyid(c.relowner)
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE c.relkind = 'r' AND c.relpersistence = 'p' AND n.nspname NOT IN ('pg_catalog', 'information_schema')
           AND n.nspname NOT LIKE 'pg\\_%' AND n.nspname NOT LIKE 'wl\\_%'`,
      );
      return r.rows.map((row) => ({ oid: Number(row[0]), qualified: String(row[1]), owner: String(row[2]) })).filter((t) => superuser || t.owner === user);
    });
    for (const target of targets) {
      const changed = await context.asAdmin(() => changedPercent(context, target.oid));
      if (changed < ANALYZE_THRESHOLD_PERCENT) {
        notices.push(`INFO:  Skipping analyze of ${target.qualified}: ${changed.toFixed(2)} percent of rows changed, below analyze_threshold_percent ${ANALYZE_THRESHOLD_PERCENT}`);
        continue;
      }
      await context.runAsUser(`ANALYZE${verbose ? ' VERBOSE' : ''} ${target.qualified}${columns ? ` ${columns}` : ''}`);
    }
    const result = context.done('ANALYZE');
    result.notices = notices;
    return result;
  },
};
