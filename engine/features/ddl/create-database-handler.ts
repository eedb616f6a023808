import { DATABASE_NAME } from '../../api/types';
import { SqlError } from '../../errors/sql-error';
import type { StatementHandler } from '../../session/statement-handler';
import { keyword } from '../../sql/tokenizer';

/**
 * A workspace is one cluster with one database, `dev` (the embedded PostgreSQL serves a single
 * database per connection), and its templates carry no template1 to copy from. CREATE DATABASE gets
 * a clear answer instead of a database nobody could connect to.
 */
export const createDatabaseHandler: StatementHandler = {
  name: 'create-database',
  matches: (s) => keyword(s.words[0]) === 'CREATE' && keyword(s.words[1]) === 'DATABASE',
  async run(context) {
    const info = await context.services.userInfo(context.session.currentUser);
    if (!info?.superuser) throw new SqlError('42501', 'permission denied to create database');
    const at = context.statement.words[1]!;
    throw new SqlError('0A000', `CREATE DATABASE is not supported in this lab: a workspace holds one database, ${DATABASE_NAME}. Use schemas to separate data.`, {
      position: at.start + 1,
    });
  },
};
