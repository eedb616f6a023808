import { rewriteDialect } from '../sql/dialect';
import { mapOffset } from '../sql/rewrite/render';
import type { StatementHandler } from './statement-handler';

/** Everything PostgreSQL runs itself, after the Redshift spellings are rewritten. */
export const passthroughHandler: StatementHandler = {
  name: 'passthrough',
  matches: () => true,
  async run(context) {
    const rendered = rewriteDialect(context.statement);
    return context.runAsUser(rendered.text, (offset) => mapOffset(rendered, offset));
  },
};
