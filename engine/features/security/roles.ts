import { SqlError, SQLSTATE } from '../../errors/sql-error';
import type { StatementContext, StatementHandler } from '../../session/statement-handler';
import { quoteIdent } from '../../sql/quote';
import type { Query } from './catalog-access';
import { asSecurityAdmin, isSecurityAdmin, isSuperuser, registerPrincipal, requireFreeName, requireKind, requireSecurityAdmin } from './principals';
import { detachAllFrom } from './rls-translation';
import { startsWithWords, WordCursor } from './word-cursor';

function checkRoleName(name: string, at: number): void {
  if (name === 'public' || name.startsWith('sys:')) {
    throw new SqlError(SQLSTATE.invalidParameterValue, `role name "${name}" is reserved`, { position: at });
  }
  if (/[:/\n]/.test(name)) {
    throw new SqlError(SQLSTATE.invalidParameterValue, `role name "${name}" contains invalid characters`, { position: at });
  }
}

/** Superusers, sys:secadmin, the role's creator, or users granted it WITH ADMIN OPTION. */
async function requireRoleAdmin(context: StatementContext, q: Query, role: string, action: string): Promise<void> {
  const me = context.session.currentUser;
  if (await isSecurityAdmin(q, me)) return;
  if (role.startsWith('sys:')) throw new SqlError(SQLSTATE.insufficientPrivilege, `permission denied to ${action} role "${role}"`);
  const rows = await q(
    `SELECT 1 FROM wl_sys.principals WHERE name = $1 AND owner = $2
     UNION ALL
     SELECT 1 FROM pg_catalog.pg_auth_members m
       JOIN pg_catalog.pg_roles r ON r.oid = m.roleid JOIN pg_catalog.pg_roles u ON u.oid = m.member
      WHERE r.rolname = $1 AND u.rolname = $2 AND m.admin_option`,
    [role, me],
  );
  if (!rows.length) throw new SqlError(SQLSTATE.insufficientPrivilege, `permission denied to ${action} role "${role}"`);
}

const createRole: StatementHandler = {
  name: 'create-role',
  matches: (s) => startsWithWords(s, 'CREATE', 'ROLE'),
  async run(context) {
    const cursor = new WordCursor(context.statement);
    cursor.expect('CREATE', 'ROLE');
    const at = cursor.position();
    const name = cursor.name();
    if (cursor.accept('EXTERNALID')) cursor.next();
    // PostgreSQL's options (SUPERUSER, LOGIN …) are not Redshift syntax.
    cursor.expectEnd();
    checkRoleName(name, at);
    return asSecurityAdmin(context, async (q) => {
      await requireSecurityAdmin(context, q, 'create role');
      await requireFreeName(q, 'role', name, at);
      await context.atomic(async () => {
        await q(`CREATE ROLE ${quoteIdent(name)} NOLOGIN INHERIT`);
        await registerPrincipal(q, name, 'role', context.session.currentUser);
      });
      return context.done('CREATE ROLE');
    });
  },
};

const dropRole: StatementHandler = {
  name: 'drop-role',
  matches: (s) => startsWithWords(s, 'DROP', 'ROLE'),
  async run(context) {
    const cursor = new WordCursor(context.statement);
    cursor.expect('DROP', 'ROLE');
    const at = cursor.position();
    const name = cursor.name();
    const force = cursor.accept('FORCE');
    if (!force) cursor.accept('RESTRICT');
    cursor.expectEnd();
    return asSecurityAdmin(context, async (q) => {
      await requireKind(q, 'role', name, at);
      if (name.startsWith('sys:')) throw new SqlError(SQLSTATE.insufficientPrivilege, `cannot drop system role "${name}"`, { position: at });
      await requireRoleAdmin(context, q, name, 'drop');
      if (!force) {
        const members = await q(
          `SELECT coalesce(p.kind, CASE WHEN u.rolcanlogin THEN 'user' ELSE 'role' END)
             FROM pg_catalog.pg_auth_members m JOIN pg_catalog.pg_roles r ON r.oid = m.roleid
             JOIN pg_catalog.pg_roles u ON u.oid = m.member LEFT JOIN wl_sys.principals p ON p.name = u.rolname
            WHERE r.rolname = $1`,
          [name],
        );
        const kinds = members.map((row) => row[0]);
        if (kinds.includes('user')) throw new SqlError(SQLSTATE.objectInUse, 'cannot drop this role since it has been granted on a user');
        if (kinds.length) throw new SqlError(SQLSTATE.objectInUse, 'cannot drop this role since it depends on another role');
      }
      await context.atomic(async () => {
        await detachAllFrom(q, name);
        await q('DELETE FROM wl_sys.drop_grants WHERE grantee = $1', [name]);
        await q('DELETE FROM wl_sys.rls_ignore WHERE role_name = $1', [name]);
        await q(`DROP OWNED BY ${quoteIdent(name)}`);
        await q(`DROP ROLE ${quoteIdent(name)}`);
        await q('DELETE FROM wl_sys.principals WHERE name = $1', [name]);
      });
      return context.done('DROP ROLE');
    });
  },
};

function readRoles(cursor: WordCursor): Array<{ name: string; at: number }> {
  const roles: Array<{ name: string; at: number }> = [];
  do {
    cursor.expect('ROLE');
    roles.push({ at: cursor.position(), name: cursor.name() });
  } while (cursor.acceptOp(','));
  return roles;
}

interface RoleTarget {
  kind: 'user' | 'role';
  name: string;
  at: number;
  adminOption: boolean;
}

function readTargets(cursor: WordCursor, allowAdminOption: boolean): RoleTarget[] {
  const targets: RoleTarget[] = [];
  do {
    const isRole = cursor.accept('ROLE');
    const at = cursor.position();
    const name = cursor.name();
    const adminOption = !isRole && allowAdminOption && cursor.accept('WITH', 'ADMIN', 'OPTION');
    targets.push({ kind: isRole ? 'role' : 'user', name, at, adminOption });
  } while (cursor.acceptOp(','));
  return targets;
}

const grantRole: StatementHandler = {
  name: 'grant-role',
  matches: (s) => startsWithWords(s, 'GRANT', 'ROLE'),
  async run(context) {
    const cursor = new WordCursor(context.statement);
    cursor.expect('GRANT');
    const roles = readRoles(cursor);
    cursor.expect('TO');
    const targets = readTargets(cursor, true);
    cursor.expectEnd();
    return asSecurityAdmin(context, async (q) => {
      await context.atomic(async () => {
        for (const role of roles) {
          await requireKind(q, 'role', role.name, role.at);
          if (role.name.startsWith('sys:') && !(await isSuperuser(q, context.session.currentUser))) {
            throw new SqlError(SQLSTATE.insufficientPrivilege, `permission denied to grant role "${role.name}"`, { position: role.at });
          }
          await requireRoleAdmin(context, q, role.name, 'grant');
          for (const target of targets) {
            await requireKind(q, target.kind, target.name, target.at);
            if (target.kind === 'role') {
              const cycle = await q(`SELECT $1 = $2 OR pg_catalog.pg_has_role($1, $2, 'MEMBER')`, [role.name, target.name]);
              if (cycle[0]?.[0] === true) {
                throw new SqlError(SQLSTATE.invalidParameterValue, 'cannot grant this role, a circular dependency was detected between these roles', { position: target.at });
              }
            }
            await q(`GRANT ${quoteIdent(role.name)} TO ${quoteIdent(target.name)}${target.adminOption ? ' WITH ADMIN OPTION' : ''}`);
          }
        }
      });
      context.services.invalidateUsers();
      return context.done('GRANT');
    });
  },
};

const revokeRole: StatementHandler = {
  name: 'revoke-role',
  matches: (s) => startsWithWords(s, 'REVOKE', 'ROLE') || startsWithWords(s, 'REVOKE', 'ADMIN', 'OPTION', 'FOR', 'ROLE'),
  async run(context) {
    const cursor = new WordCursor(context.statement);
    cursor.expect('REVOKE');
    const adminOnly = cursor.accept('ADMIN', 'OPTION', 'FOR');
    const roles = readRoles(cursor);
    cursor.expect('FROM');
    const targets = readTargets(cursor, false);
    cursor.accept('RESTRICT');
    cursor.expectEnd();
    return asSecurityAdmin(context, async (q) => {
      await context.atomic(async () => {
        for (const role of roles) {
          await requireKind(q, 'role', role.name, role.at);
          await requireRoleAdmin(context, q, role.name, 'revoke');
          for (const target of targets) {
            await requireKind(q, target.kind, target.name, target.at);
            const member = await q(
              `SELECT 1 FROM pg_catalog.pg_auth_members m JOIN pg_catalog.pg_roles r ON r.oid = m.roleid
                 JOIN pg_catalog.pg_roles u ON u.oid = m.member WHERE r.rolname = $1 AND u.rolname = $2`,
              [role.name, target.name],
            );
            if (!member.length) continue;
            await q(`REVOKE ${adminOnly ? 'ADMIN OPTION FOR ' : ''}${quoteIdent(role.name)} FROM ${quoteIdent(target.name)} GRANTED BY postgres`);
          }
        }
      });
      context.services.invalidateUsers();
      return context.done('REVOKE');
    });
  },
};

export const roleHandlers: StatementHandler[] = [createRole, dropRole, grantRole, revokeRole];
