import type { StatementHandler } from '../../session/statement-handler';

/**
 * `ANALYZE [VERBOSE] [table [(columns)]] [PREDICATE COLUMNS | ALL COLUMNS]`: PostgreSQL's ANALYZE
 * without Redshift's column-set clause (we always analyze the columns named, or all of them).
 */
export const analyzeHandler: StatementHandler = {
  name: 'analyze',
  matches: (s) => {
    const first = s.words[0];
    const n = s.words.length;
    return (
      first?.kind === 'word' && /^analy[sz]e$/i.test(first.text) && n >= 3 &&
      /^(predicate|all)$/i.test(s.words[n - 2]!.text) && /^columns$/i.test(s.words[n - 1]!.text)
    );
  },
  async run(context) {
    const { words, text } = context.statement;
    const cut = words[words.length - 2]!.start;
    const result = await context.runAsUser(text.slice(0, cut).trimEnd());
    return { ...result, command: 'ANALYZE' };
  },
};
