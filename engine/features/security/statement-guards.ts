import { SqlError, SQLSTATE } from '../../errors/sql-error';
import { passthroughHandler } from '../../session/passthrough';
import type { StatementContext, StatementHandler } from '../../session/statement-handler';
import type { Statement } from '../../sql/splitter';
import { keyword } from '../../sql/tokenizer';
import { asSecurityAdmin } from './catalog-access';
import { checkRoutineText } from './function-body-guard';
import { principalKind } from './principals';
import { startsWithWords, WordCursor } from './word-cursor';

async function currentIsSuperuser(context: StatementContext): Promise<boolean> {
  return (await context.services.userInfo(context.session.currentUser))?.superuser === true;
}

const syntaxErrorAt = (statement: Statement, index: number) => {
  const t = statement.words[index];
  return new SqlError(SQLSTATE.syntaxError, `syntax error at or near "${t?.text ?? 'end of input'}"`, { position: (t?.start ?? statement.text.length) + 1 });
};

/** PostgreSQL statements that are not Redshift SQL and could weaken security: refused for everyone. */
const notRedshift: StatementHandler = {
  name: 'non-redshift-security-statements',
  matches: (s) =>
    startsWithWords(s, 'CREATE', 'EXTENSION') || startsWithWords(s, 'ALTER', 'EXTENSION') || startsWithWords(s, 'ALTER', 'SYSTEM') ||
    startsWithWords(s, 'LOAD') || startsWithWords(s, 'CREATE', 'POLICY') || startsWithWords(s, 'ALTER', 'POLICY') ||
    startsWithWords(s, 'DROP', 'POLICY') || startsWithWords(s, 'CREATE', 'EVENT') || startsWithWords(s, 'CREATE', 'TRIGGER') ||
    startsWithWords(s, 'CREATE', 'RULE') || startsWithWords(s, 'CREATE', 'OR', 'REPLACE', 'RULE') || startsWithWords(s, 'CREATE', 'OR', 'REPLACE', 'TRIGGER') ||
    startsWithWords(s, 'CREATE', 'CONSTRAINT', 'TRIGGER') ||
    startsWithWords(s, 'CREATE', 'LANGUAGE') || startsWithWords(s, 'CREATE', 'TRUSTED') || startsWithWords(s, 'SECURITY', 'LABEL') ||
    startsWithWords(s, 'CREATE', 'SERVER') || startsWithWords(s, 'CREATE', 'FOREIGN', 'DATA') || startsWithWords(s, 'CREATE', 'USER', 'MAPPING') ||
    startsWithWords(s, 'REASSIGN', 'OWNED') || startsWithWords(s, 'DROP', 'OWNED') || startsWithWords(s, 'CREATE', 'SUBSCRIPTION') ||
    startsWithWords(s, 'CREATE', 'PUBLICATION') || startsWithWords(s, 'IMPORT', 'FOREIGN') ||
    (startsWithWords(s, 'ALTER', 'TABLE') && s.words.some((w, i) => keyword(w) === 'LEVEL' && keyword(s.words[i - 1]) === 'ROW' && ['ENABLE', 'DISABLE', 'FORCE', 'NO'].includes(keyword(s.words[i - 2])))),
  async run(context) {
    const s = context.statement;
    const index = keyword(s.words[0]) === 'LOAD' || keyword(s.words[0]) === 'SECURITY' || keyword(s.words[0]) === 'REASSIGN' || keyword(s.words[0]) === 'IMPORT' ? 0 : 1;
    throw new SqlError(SQLSTATE.syntaxError, `syntax error at or near "${s.words[index]!.text}"`, { position: s.words[index]!.start + 1 });
  },
};

/** Redshift's ALTER ROLE only renames (or sets EXTERNALID); PostgreSQL's attribute forms are refused. */
const alterRole: StatementHandler = {
  name: 'alter-role',
  matches: (s) => startsWithWords(s, 'ALTER', 'ROLE'),
  async run(context) {
    const cursor = new WordCursor(context.statement);
    cursor.expect('ALTER', 'ROLE');
    const at = cursor.position();
    const name = cursor.name();
    cursor.accept('WITH');
    if (cursor.accept('EXTERNALID', 'TO')) {
      cursor.next();
      cursor.expectEnd();
      return context.done('ALTER ROLE');
    }
    if (!cursor.accept('RENAME', 'TO')) throw cursor.syntaxError();
    const newAt = cursor.position();
    const newName = cursor.name();
    cursor.expectEnd();
    return asSecurityAdmin(context, async (q) => {
      const { requireKind, requireFreeName, requireSecurityAdmin } = await import('./principals');
      await requireSecurityAdmin(context, q, 'alter role');
      await requireKind(q, 'role', name, at);
      if (name.startsWith('sys:')) throw new SqlError(SQLSTATE.insufficientPrivilege, `cannot alter system role "${name}"`, { position: at });
      await requireFreeName(q, 'role', newName, newAt);
      await context.atomic(async () => {
        await q(`ALTER ROLE "${name.replace(/"/g, '""')}" RENAME TO "${newName.replace(/"/g, '""')}"`);
        await q('UPDATE wl_sys.principals SET name = $2 WHERE name = $1', [name, newName]);
        await q('UPDATE wl_sys.rls_attachments SET grantee = $2 WHERE grantee = $1', [name, newName]);
        await q('UPDATE wl_sys.rls_ignore SET role_name = $2 WHERE role_name = $1', [name, newName]);
        await q('UPDATE wl_sys.drop_grants SET grantee = $2 WHERE grantee = $1', [name, newName]);
      });
      return context.done('ALTER ROLE');
    });
  },
};

/** CREATE FUNCTION / PROCEDURE and ALTER FUNCTION / PROCEDURE by non-superusers: see function-body-guard. */
const routineGuard: StatementHandler = {
  name: 'routine-guard',
  matches: (s) => {
    const w = s.words.map((t) => keyword(t));
    const i = w[0] === 'CREATE' && w[1] === 'OR' && w[2] === 'REPLACE' ? 3 : 1;
    return (w[0] === 'CREATE' || w[0] === 'ALTER') && ['FUNCTION', 'PROCEDURE', 'AGGREGATE', 'ROUTINE'].includes(w[i] ?? '');
  },
  async run(context) {
    if (!(await currentIsSuperuser(context))) checkRoutineText(context.statement.tokens);
    return passthroughHandler.run(context);
  },
};

/** `CREATE SCHEMA … AUTHORIZATION u` and `ALTER … OWNER TO u`: only superusers give objects away; owners must be users. */
const ownershipGuard: StatementHandler = {
  name: 'ownership-guard',
  matches: (s) =>
    (startsWithWords(s, 'CREATE', 'SCHEMA') && s.words.some((w) => keyword(w) === 'AUTHORIZATION')) ||
    (keyword(s.words[0]) === 'ALTER' && s.words.some((w, i) => keyword(w) === 'OWNER' && keyword(s.words[i + 1]) === 'TO')),
  async run(context) {
    const s = context.statement;
    const words = s.words;
    const i = words.findIndex((w, j) => keyword(w) === 'AUTHORIZATION' || (keyword(w) === 'TO' && keyword(words[j - 1]) === 'OWNER'));
    const target = words[i + 1];
    if (!target) throw syntaxErrorAt(s, i + 1);
    const name = new WordCursor(s);
    name.index = i + 1;
    const owner = name.name();
    const superuser = await currentIsSuperuser(context);
    await asSecurityAdmin(context, async (q) => {
      const kind = await principalKind(q, owner);
      if (kind !== 'user') throw new SqlError(SQLSTATE.undefinedObject, `user "${owner}" does not exist`, { position: target.start + 1 });
    });
    if (!superuser && owner !== context.session.currentUser && keyword(words[0]) === 'CREATE') {
      throw new SqlError(SQLSTATE.insufficientPrivilege, 'permission denied: only a superuser can create a schema for another user', { position: target.start + 1 });
    }
    if (!superuser && keyword(words[0]) === 'ALTER') {
      throw new SqlError(SQLSTATE.insufficientPrivilege, 'permission denied: only a superuser can change the owner of an object', { position: target.start + 1 });
    }
    return passthroughHandler.run(context);
  },
};

export const guardHandlers: StatementHandler[] = [notRedshift, alterRole, routineGuard, ownershipGuard];
