import { SqlError, SQLSTATE } from '../../errors/sql-error';
import type { StatementHandler } from '../../session/statement-handler';
import { quoteIdent } from '../../sql/quote';

import { asSecurityAdmin } from './catalog-access';
import { granteeSql, isSuperuser, parseGrantees, requireKind, validateGrantees } from './principals';
import { startsWithWords, WordCursor } from './word-cursor';

/**
 * `ALTER DEFAULT PRIVILEGES [FOR USER u, …] [IN SCHEMA s, …] {GRANT … TO | REVOKE … FROM} …` →
 * PostgreSQL's FOR ROLE form. Only a superuser may name other users. DROP in a default grant is not
 * emulated (PostgreSQL has no DROP privilege): it is refused with a clear message.
 */
const alterDefaultPrivileges: StatementHandler = {
  name: 'alter-default-privileges',
  matches: (s) => startsWithWords(s, 'ALTER', 'DEFAULT', 'PRIVILEGES'),
  async run(context) {
    const cursor = new WordCursor(context.statement);
    cursor.expect('ALTER', 'DEFAULT', 'PRIVILEGES');
    const users: Array<{ name: string; at: number }> = [];
    const schemas: string[] = [];
    for (;;) {
      if (cursor.accept('FOR')) {
        if (!cursor.accept('USER')) cursor.expect('ROLE');
        do users.push({ at: cursor.position(), name: cursor.name() });
        while (cursor.acceptOp(','));
      } else if (cursor.accept('IN', 'SCHEMA')) {
        do schemas.push(cursor.name());
        while (cursor.acceptOp(','));
      } else break;
    }
    const grant = cursor.accept('GRANT');
    if (!grant) cursor.expect('REVOKE');
    const grantOptionFor = !grant && cursor.accept('GRANT', 'OPTION', 'FOR');
    const privileges: string[] = [];
    do {
      const at = cursor.position();
      const k = cursor.peekKeyword();
      if (!['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'DROP', 'REFERENCES', 'EXECUTE', 'ALL'].includes(k)) throw cursor.syntaxError();
      cursor.next();
      if (k === 'ALL') cursor.accept('PRIVILEGES');
      if (k === 'DROP') throw new SqlError(SQLSTATE.featureNotSupported, 'DROP in default privileges is not supported in Warehouse Lab; grant DROP on each table instead', { position: at });
      privileges.push(k);
    } while (cursor.acceptOp(','));
    cursor.expect('ON');
    const objects = cursor.peekKeyword();
    if (!['TABLES', 'FUNCTIONS', 'PROCEDURES'].includes(objects)) throw cursor.syntaxError();
    cursor.next();
    cursor.expect(grant ? 'TO' : 'FROM');
    const grantees = parseGrantees(cursor, { grantOption: grant });
    cursor.accept('RESTRICT');
    cursor.expectEnd();
    const me = context.session.currentUser;
    await asSecurityAdmin(context, async (q) => {
      const superuser = await isSuperuser(q, me);
      for (const u of users) {
        await requireKind(q, 'user', u.name, u.at);
        if (!superuser && u.name !== me) {
          throw new SqlError(SQLSTATE.insufficientPrivilege, 'permission denied: only a superuser can alter default privileges for another user', { position: u.at });
        }
      }
      await validateGrantees(q, grantees);
      for (const g of grantees) {
        if (g.grantOption && g.kind !== 'user') throw new SqlError('0LP01', 'GRANT OPTION cannot be granted to a group, a role or PUBLIC', { position: g.at });
      }
    });
    const tablePrivileges = privileges.includes('ALL') && objects === 'TABLES' ? ['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'REFERENCES'] : privileges;
    const pgObjects = objects === 'PROCEDURES' ? 'ROUTINES' : objects;
    for (const g of grantees) {
      const parts = ['ALTER DEFAULT PRIVILEGES'];
      if (users.length) parts.push(`FOR ROLE ${users.map((u) => quoteIdent(u.name)).join(', ')}`);
      if (schemas.length) parts.push(`IN SCHEMA ${schemas.map(quoteIdent).join(', ')}`);
      parts.push(grant ? 'GRANT' : `REVOKE${grantOptionFor ? ' GRANT OPTION FOR' : ''}`);
      parts.push(`${tablePrivileges.join(', ')} ON ${pgObjects} ${grant ? 'TO' : 'FROM'} ${granteeSql(g)}${g.grantOption ? ' WITH GRANT OPTION' : ''}`);
      await context.runAsUser(parts.join(' '));
    }
    return context.done('ALTER DEFAULT PRIVILEGES');
  },
};

export const defaultPrivilegeHandlers: StatementHandler[] = [alterDefaultPrivileges];
