import { SqlError, SQLSTATE } from '../../errors/sql-error';
import type { StatementHandler } from '../../session/statement-handler';
import { quoteIdent } from '../../sql/quote';
import { asSecurityAdmin, registerPrincipal, requireFreeName, requireKind, requireSecurityAdmin } from './principals';
import { holdsPrivileges } from './users';
import { startsWithWords, WordCursor } from './word-cursor';

function readUsers(cursor: WordCursor): Array<{ name: string; at: number }> {
  const users: Array<{ name: string; at: number }> = [];
  do users.push({ at: cursor.position(), name: cursor.name() });
  while (cursor.acceptOp(','));
  return users;
}

const createGroup: StatementHandler = {
  name: 'create-group',
  matches: (s) => startsWithWords(s, 'CREATE', 'GROUP'),
  async run(context) {
    const cursor = new WordCursor(context.statement);
    cursor.expect('CREATE', 'GROUP');
    const at = cursor.position();
    const name = cursor.name();
    cursor.accept('WITH');
    const users = cursor.accept('USER') ? readUsers(cursor) : [];
    cursor.expectEnd();
    return asSecurityAdmin(context, async (q) => {
      await requireSecurityAdmin(context, q, 'create group');
      await requireFreeName(q, 'group', name, at);
      await context.atomic(async () => {
        await q(`CREATE ROLE ${quoteIdent(name)} NOLOGIN`);
        await registerPrincipal(q, name, 'group', context.session.currentUser);
        for (const u of users) {
          await requireKind(q, 'user', u.name, u.at);
          await q(`GRANT ${quoteIdent(name)} TO ${quoteIdent(u.name)}`);
        }
      });
      return context.done('CREATE GROUP');
    });
  },
};

const alterGroup: StatementHandler = {
  name: 'alter-group',
  matches: (s) => startsWithWords(s, 'ALTER', 'GROUP'),
  async run(context) {
    const cursor = new WordCursor(context.statement);
    cursor.expect('ALTER', 'GROUP');
    const at = cursor.position();
    const name = cursor.name();
    return asSecurityAdmin(context, async (q) => {
      await requireSecurityAdmin(context, q, 'alter group');
      await requireKind(q, 'group', name, at);
      if (cursor.accept('RENAME', 'TO')) {
        const newAt = cursor.position();
        const newName = cursor.name();
        cursor.expectEnd();
        await requireFreeName(q, 'group', newName, newAt);
        await context.atomic(async () => {
          await q(`ALTER ROLE ${quoteIdent(name)} RENAME TO ${quoteIdent(newName)}`);
          await q('UPDATE wl_sys.principals SET name = $2 WHERE name = $1', [name, newName]);
        });
        return context.done('ALTER GROUP');
      }
      const add = cursor.accept('ADD', 'USER');
      if (!add) cursor.expect('DROP', 'USER');
      const users = readUsers(cursor);
      cursor.expectEnd();
      await context.atomic(async () => {
        for (const u of users) {
          await requireKind(q, 'user', u.name, u.at);
          await q(`${add ? 'GRANT' : 'REVOKE'} ${quoteIdent(name)} ${add ? 'TO' : 'FROM'} ${quoteIdent(u.name)}`);
        }
      });
      return context.done('ALTER GROUP');
    });
  },
};

const dropGroup: StatementHandler = {
  name: 'drop-group',
  matches: (s) => startsWithWords(s, 'DROP', 'GROUP'),
  async run(context) {
    const cursor = new WordCursor(context.statement);
    cursor.expect('DROP', 'GROUP');
    const at = cursor.position();
    const name = cursor.name();
    cursor.expectEnd();
    return asSecurityAdmin(context, async (q) => {
      await requireSecurityAdmin(context, q, 'drop group');
      await requireKind(q, 'group', name, at);
      if (await holdsPrivileges(q, name)) {
        throw new SqlError(SQLSTATE.objectInUse, `group "${name}" can't be dropped because the group has a privilege on some object`, { position: at });
      }
      await context.atomic(async () => {
        await q(`DROP ROLE ${quoteIdent(name)}`);
        await q('DELETE FROM wl_sys.principals WHERE name = $1', [name]);
      });
      return context.done('DROP GROUP');
    });
  },
};

export const groupHandlers: StatementHandler[] = [createGroup, alterGroup, dropGroup];
