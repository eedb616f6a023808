import { rewriteTokens } from '../../sql/dialect';
import { mapOffset, render } from '../../sql/rewrite/render';
import { keyword } from '../../sql/tokenizer';
import type { StatementHandler } from '../../session/statement-handler';
import { parseCreateTable } from './create-table-parser';
import { findTable, recordAttributes, validateAttributes } from './record-table-attributes';

/**
 * Redshift CREATE TABLE (and CREATE TABLE AS): DISTSTYLE/DISTKEY/SORTKEY/ENCODE/BACKUP/IDENTITY are
 * taken out, PostgreSQL creates the table as the user, and the design is kept in wl_sys.table_attrs
 * (shown by PG_TABLE_DEF). All of it commits or rolls back together.
 */
export const createTableHandler: StatementHandler = {
  name: 'create-table',
  matches(statement) {
    const words = statement.words.map((t) => keyword(t));
    if (words[0] !== 'CREATE') return false;
    let i = 1;
    if (words[i] === 'LOCAL') i++;
    if (words[i] === 'TEMP' || words[i] === 'TEMPORARY') i++;
    return words[i] === 'TABLE';
  },
  async run(context) {
    const parsed = parseCreateTable(context.statement.tokens);
    const rendered = render(rewriteTokens(parsed.tokens));
    return context.atomic(async () => {
      const existed = parsed.ifNotExists ? await findTable(context, parsed.nameText) : undefined;
      const result = await context.runAsUser(rendered.text, (offset) => mapOffset(rendered, offset));
      if (existed) return result;
      const table = await findTable(context, parsed.nameText);
      if (!table) return result;
      validateAttributes(parsed.attrs, table.columns);
      const parent = parsed.likeParent ? await findTable(context, parsed.likeParent) : undefined;
      await recordAttributes(context, table, parsed.attrs, parent?.oid);
      return result;
    });
  },
};
