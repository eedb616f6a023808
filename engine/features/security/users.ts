import { SqlError, SQLSTATE } from '../../errors/sql-error';
import type { StatementContext, StatementHandler } from '../../session/statement-handler';
import { quoteIdent, quoteLiteral } from '../../sql/quote';
import type { Query } from './catalog-access';
import { checkPassword } from './password';
import { asSecurityAdmin, isSuperuser, registerPrincipal, requireFreeName, requireKind, requireSecurityAdmin } from './principals';
import { startsWithWords, WordCursor } from './word-cursor';

/** The options CREATE USER and ALTER USER share, translated into CREATE/ALTER ROLE options. */
interface UserOptions {
  roleOptions: string[];
  groups: Array<{ name: string; at: number }>;
  superuser?: boolean;
  passwordDisabled?: boolean;
}

function readPassword(cursor: WordCursor, options: UserOptions): void {
  if (cursor.accept('DISABLE')) {
    options.roleOptions.push('PASSWORD NULL');
    options.passwordDisabled = true;
    return;
  }
  const at = cursor.position();
  const password = cursor.string();
  checkPassword(password, at);
  // Nobody logs in with a password offline: the password is checked, not stored.
  options.roleOptions.push('PASSWORD NULL');
  options.passwordDisabled = false;
}

function readOptions(cursor: WordCursor, options: UserOptions, allowPassword: boolean): void {
  while (!cursor.atEnd()) {
    if (cursor.acceptOp(',')) continue;
    if (allowPassword && cursor.accept('PASSWORD')) readPassword(cursor, options);
    else if (cursor.accept('CREATEDB')) options.roleOptions.push('CREATEDB');
    else if (cursor.accept('NOCREATEDB')) options.roleOptions.push('NOCREATEDB');
    else if (cursor.accept('CREATEUSER')) options.superuser = true;
    else if (cursor.accept('NOCREATEUSER')) options.superuser = false;
    else if (cursor.accept('SYSLOG', 'ACCESS')) {
      if (!cursor.accept('RESTRICTED') && !cursor.accept('UNRESTRICTED')) throw cursor.syntaxError();
    } else if (cursor.accept('IN', 'GROUP')) {
      do options.groups.push({ at: cursor.position(), name: cursor.name() });
      while (cursor.acceptOp(','));
    } else if (cursor.accept('VALID', 'UNTIL')) {
      options.roleOptions.push(`VALID UNTIL ${quoteLiteral(cursor.string())}`);
    } else if (cursor.accept('CONNECTION', 'LIMIT')) {
      if (cursor.accept('UNLIMITED')) options.roleOptions.push('CONNECTION LIMIT -1');
      else {
        const t = cursor.next();
        if (t?.kind !== 'number') throw cursor.syntaxError();
        options.roleOptions.push(`CONNECTION LIMIT ${Number(t.text)}`);
      }
    } else if (cursor.accept('SESSION', 'TIMEOUT')) {
      if (cursor.next()?.kind !== 'number') throw cursor.syntaxError();
    } else if (cursor.accept('RESET', 'SESSION', 'TIMEOUT')) {
      // accepted, nothing to keep
    } else if (cursor.accept('EXTERNALID')) {
      cursor.next();
    } else throw cursor.syntaxError();
  }
}

async function addToGroups(q: Query, user: string, groups: UserOptions['groups']): Promise<void> {
  for (const g of groups) {
    await requireKind(q, 'group', g.name, g.at);
    await q(`GRANT ${quoteIdent(g.name)} TO ${quoteIdent(user)}`);
  }
}

const createUser: StatementHandler = {
  name: 'create-user',
  matches: (s) => startsWithWords(s, 'CREATE', 'USER'),
  async run(context) {
    const cursor = new WordCursor(context.statement);
    cursor.expect('CREATE', 'USER');
    const at = cursor.position();
    const name = cursor.name();
    if (name === 'public') throw new SqlError(SQLSTATE.syntaxError, 'user name "public" is reserved', { position: at });
    cursor.accept('WITH');
    const options: UserOptions = { roleOptions: [], groups: [] };
    if (!cursor.accept('PASSWORD')) throw cursor.syntaxError();
    readPassword(cursor, options);
    readOptions(cursor, options, false);
    return asSecurityAdmin(context, async (q) => {
      await requireSecurityAdmin(context, q, 'create user');
      if (options.superuser && !(await isSuperuser(q, context.session.currentUser))) {
        throw new SqlError(SQLSTATE.insufficientPrivilege, 'permission denied: only a superuser can create a superuser');
      }
      await requireFreeName(q, 'user', name, at);
      await context.atomic(async () => {
        const su = options.superuser ? 'SUPERUSER CREATEROLE' : 'NOSUPERUSER';
        await q(`CREATE ROLE ${quoteIdent(name)} LOGIN INHERIT ${su} ${options.roleOptions.join(' ')}`);
        await registerPrincipal(q, name, 'user', context.session.currentUser);
        await addToGroups(q, name, options.groups);
      });
      context.services.invalidateUsers();
      return context.done('CREATE USER');
    });
  },
};

const alterUser: StatementHandler = {
  name: 'alter-user',
  matches: (s) => startsWithWords(s, 'ALTER', 'USER'),
  async run(context) {
    const cursor = new WordCursor(context.statement);
    cursor.expect('ALTER', 'USER');
    const at = cursor.position();
    const name = cursor.name();
    cursor.accept('WITH');
    return asSecurityAdmin(context, async (q) => {
      await requireKind(q, 'user', name, at);
      const me = context.session.currentUser;
      const admin = await isSuperuser(q, me);
      // A user may change their own password; everything else is for superusers (and sys:secadmin).
      const ownPasswordOnly = name === me && cursor.peekKeyword() === 'PASSWORD';
      if (!ownPasswordOnly) await requireSecurityAdmin(context, q, 'alter user');
      if (cursor.accept('RENAME', 'TO')) {
        const newAt = cursor.position();
        const newName = cursor.name();
        cursor.expectEnd();
        if (name === context.session.user || name === me) {
          throw new SqlError(SQLSTATE.featureNotSupported, 'session user cannot be renamed', { position: at });
        }
        await requireFreeName(q, 'user', newName, newAt);
        await context.atomic(async () => {
          await q(`ALTER ROLE ${quoteIdent(name)} RENAME TO ${quoteIdent(newName)}`);
          await q('UPDATE wl_sys.principals SET name = $2 WHERE name = $1', [name, newName]);
        });
        context.services.invalidateUsers();
        return context.done('ALTER USER');
      }
      if (cursor.accept('SET') || cursor.accept('RESET')) {
        // Session parameter defaults: accepted (a per-user default of a harmless setting).
        return context.done('ALTER USER');
      }
      const options: UserOptions = { roleOptions: [], groups: [] };
      readOptions(cursor, options, true);
      if (options.groups.length) throw new SqlError(SQLSTATE.syntaxError, 'syntax error at or near "IN"');
      if (options.superuser !== undefined && !admin) {
        throw new SqlError(SQLSTATE.insufficientPrivilege, 'permission denied: only a superuser can change CREATEUSER');
      }
      const roleOptions = [...options.roleOptions];
      if (options.superuser === true) roleOptions.push('SUPERUSER CREATEROLE');
      if (options.superuser === false) roleOptions.push('NOSUPERUSER NOCREATEROLE');
      if (roleOptions.length) await q(`ALTER ROLE ${quoteIdent(name)} ${roleOptions.join(' ')}`);
      context.services.invalidateUsers();
      return context.done('ALTER USER');
    });
  },
};

/** Why a user can't be dropped, in Redshift's words (checked in the order Redshift reports them). */
async function dropBlocker(q: Query, name: string): Promise<string | undefined> {
  const owns = await q(
    `SELECT 1 FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relowner = (SELECT oid FROM pg_catalog.pg_roles WHERE rolname = $1) AND n.nspname NOT IN ('pg_toast')
     UNION ALL SELECT 1 FROM pg_catalog.pg_namespace WHERE nspowner = (SELECT oid FROM pg_catalog.pg_roles WHERE rolname = $1)
     UNION ALL SELECT 1 FROM pg_catalog.pg_proc WHERE proowner = (SELECT oid FROM pg_catalog.pg_roles WHERE rolname = $1)
     LIMIT 1`,
    [name],
  );
  if (owns.length) return `user "${name}" can't be dropped because the user owns some object`;
  if (await holdsPrivileges(q, name)) return `user "${name}" can't be dropped because the user has a privilege on some object`;
  return undefined;
}

/** Whether a role appears in any ACL (tables, columns, schemas, functions, database, default ACLs). */
export async function holdsPrivileges(q: Query, name: string): Promise<boolean> {
  const rows = await q(
    `WITH r AS (SELECT oid FROM pg_catalog.pg_roles WHERE rolname = $1)
     SELECT 1 FROM pg_catalog.pg_class c, pg_catalog.aclexplode(c.relacl) a, r WHERE a.grantee = r.oid AND c.relowner <> r.oid
     UNION ALL SELECT 1 FROM pg_catalog.pg_attribute t, pg_catalog.aclexplode(t.attacl) a, r WHERE a.grantee = r.oid
     UNION ALL SELECT 1 FROM pg_catalog.pg_namespace n, pg_catalog.aclexplode(n.nspacl) a, r WHERE a.grantee = r.oid AND n.nspowner <> r.oid
     UNION ALL SELECT 1 FROM pg_catalog.pg_proc p, pg_catalog.aclexplode(p.proacl) a, r WHERE a.grantee = r.oid AND p.proowner <> r.oid
     UNION ALL SELECT 1 FROM pg_catalog.pg_default_acl d, pg_catalog.aclexplode(d.defaclacl) a, r WHERE a.grantee = r.oid
     UNION ALL SELECT 1 FROM wl_sys.drop_grants g WHERE g.grantee = $1
     LIMIT 1`,
    [name],
  );
  return rows.length > 0;
}

const dropUser: StatementHandler = {
  name: 'drop-user',
  matches: (s) => startsWithWords(s, 'DROP', 'USER'),
  async run(context) {
    const cursor = new WordCursor(context.statement);
    cursor.expect('DROP', 'USER');
    const ifExists = cursor.accept('IF', 'EXISTS');
    const names: Array<{ name: string; at: number }> = [];
    do names.push({ at: cursor.position(), name: cursor.name() });
    while (cursor.acceptOp(','));
    cursor.expectEnd();
    return asSecurityAdmin(context, async (q) => {
      await requireSecurityAdmin(context, q, 'drop user');
      const notices: string[] = [];
      await context.atomic(async () => {
        for (const { name, at } of names) {
          const exists = await q(
            `SELECT 1 FROM pg_catalog.pg_roles r LEFT JOIN wl_sys.principals p ON p.name = r.rolname
              WHERE r.rolname = $1 AND r.rolcanlogin AND coalesce(p.kind, 'user') = 'user' AND r.rolname <> 'postgres'`,
            [name],
          );
          if (!exists.length) {
            if (ifExists) {
              notices.push(`NOTICE:  User "${name}" does not exist and will be skipped`);
              continue;
            }
            throw new SqlError(SQLSTATE.undefinedObject, `user "${name}" does not exist`, { position: at });
          }
          if (name === context.session.user || name === context.session.currentUser) {
            throw new SqlError(SQLSTATE.objectInUse, `user "${name}" cannot be dropped because it is the current user`, { position: at });
          }
          const blocker = await dropBlocker(q, name);
          if (blocker) throw new SqlError(SQLSTATE.objectInUse, blocker, { position: at });
          await q(`DROP ROLE ${quoteIdent(name)}`);
          await q('DELETE FROM wl_sys.principals WHERE name = $1', [name]);
          await q('DELETE FROM wl_sys.rls_attachments WHERE grantee = $1', [name]);
        }
      });
      context.services.invalidateUsers();
      return { ...context.done('DROP USER'), notices };
    });
  },
};

export const userHandlers: StatementHandler[] = [createUser, alterUser, dropUser];
export type { StatementContext };
