import { SqlError, SQLSTATE } from '../errors/sql-error';
import { quoteIdent } from '../sql/quote';
import { identifierName, keyword, stringValue, type Token } from '../sql/tokenizer';
import type { Statement } from '../sql/splitter';
import { passthroughHandler } from './passthrough';
import type { StatementContext, StatementHandler } from './statement-handler';

/**
 * PGlite's connection always belongs to a superuser, so identity is the front end's job: only a
 * superuser may switch users, and no statement may switch the connection's identity behind it.
 */
const words = (s: Statement) => s.words.map((t) => keyword(t));

function startsWith(statement: Statement, ...expected: string[]): boolean {
  const w = words(statement);
  return expected.every((k, i) => w[i] === k);
}

/** Settings that are identities in disguise: `SET role = x`, `SET session_authorization = x`. */
const IDENTITY_PARAMETERS = new Set(['role', 'session_authorization']);

/** Position (1-based, in the statement) of a token. */
const at = (token: Token | undefined) => (token ? token.start + 1 : 1);

function nameFrom(token: Token | undefined): string | undefined {
  if (!token) return undefined;
  if (token.kind === 'string') return stringValue(token);
  if (token.kind === 'word' || token.kind === 'quoted') return identifierName(token);
  return undefined;
}

async function switchUser(context: StatementContext, target: string | 'DEFAULT', local: boolean) {
  const { session, statement } = context;
  const user = target === 'DEFAULT' ? session.user : target;
  if (user !== session.user && !session.loginIsSuperuser) {
    throw new SqlError(SQLSTATE.insufficientPrivilege, 'permission denied to set session authorization');
  }
  const info = await context.services.userInfo(user);
  if (!info) throw new SqlError(SQLSTATE.undefinedObject, `user "${user}" does not exist`, { position: at(statement.words[statement.words.length - 1]) });
  if (local) {
    if (!context.backend.inTransaction()) {
      return { ...context.done('SET'), notices: ['WARNING:  SET LOCAL can only be used in transaction blocks'] };
    }
    session.revertUserAtTransactionEnd ??= session.currentUser;
  }
  session.currentUser = user;
  return context.done('SET');
}

const setSessionAuthorization: StatementHandler = {
  name: 'set-session-authorization',
  matches: (s) =>
    startsWith(s, 'SET', 'SESSION', 'AUTHORIZATION') ||
    startsWith(s, 'SET', 'SESSION', 'SESSION', 'AUTHORIZATION') ||
    startsWith(s, 'SET', 'LOCAL', 'SESSION', 'AUTHORIZATION'),
  async run(context) {
    const w = context.statement.words;
    const authIndex = w.findIndex((t) => keyword(t) === 'AUTHORIZATION');
    const target = w[authIndex + 1];
    if (!target || w.length > authIndex + 2) {
      throw new SqlError(SQLSTATE.syntaxError, `syntax error at or near "${w[authIndex + 2]?.text ?? 'end of input'}"`, { position: at(w[authIndex + 2] ?? w[authIndex]) });
    }
    const local = keyword(w[1]) === 'LOCAL';
    if (keyword(target) === 'DEFAULT') return switchUser(context, 'DEFAULT', local);
    const name = nameFrom(target);
    if (!name) throw new SqlError(SQLSTATE.syntaxError, `syntax error at or near "${target.text}"`, { position: at(target) });
    return switchUser(context, name, local);
  },
};

const resetSessionAuthorization: StatementHandler = {
  name: 'reset-session-authorization',
  matches: (s) => startsWith(s, 'RESET', 'SESSION', 'AUTHORIZATION'),
  run: (context) => switchUser(context, 'DEFAULT', false),
};

/** Redshift has no SET ROLE; for a superuser it acts like SET SESSION AUTHORIZATION. */
const setRole: StatementHandler = {
  name: 'set-role',
  matches: (s) => startsWith(s, 'SET', 'ROLE') || startsWith(s, 'SET', 'SESSION', 'ROLE') || startsWith(s, 'SET', 'LOCAL', 'ROLE') || startsWith(s, 'RESET', 'ROLE'),
  async run(context) {
    const w = context.statement.words;
    if (keyword(w[0]) === 'RESET' || keyword(w[w.length - 1]) === 'NONE') return switchUser(context, 'DEFAULT', false);
    const name = nameFrom(w[w.length - 1]);
    if (!context.session.loginIsSuperuser && name !== context.session.user) {
      throw new SqlError(SQLSTATE.insufficientPrivilege, `permission denied to set role "${name}"`);
    }
    return switchUser(context, name ?? 'DEFAULT', keyword(w[1]) === 'LOCAL');
  },
};

/** Anonymous code blocks are not Redshift SQL (and could switch identity from inside). */
const doBlock: StatementHandler = {
  name: 'do-block',
  matches: (s) => startsWith(s, 'DO'),
  async run(context) {
    throw new SqlError(SQLSTATE.syntaxError, 'syntax error at or near "DO"', { position: at(context.statement.words[0]) });
  },
};

/** RESET ALL and DISCARD clear the session's own settings too. */
const resetAll: StatementHandler = {
  name: 'reset-all',
  matches: (s) => startsWith(s, 'RESET', 'ALL') || startsWith(s, 'DISCARD'),
  async run(context) {
    const result = await passthroughHandler.run(context);
    context.session.settings.clear();
    return result;
  },
};

/** Plain SET name = value: run it, and remember it so it comes back when the session does. */
const setParameter: StatementHandler = {
  name: 'set-parameter',
  matches: (s) => startsWith(s, 'SET') && !startsWith(s, 'SET', 'LOCAL') && !startsWith(s, 'SET', 'TRANSACTION') && !startsWith(s, 'SET', 'CONSTRAINTS'),
  async run(context) {
    const w = context.statement.words;
    const start = keyword(w[1]) === 'SESSION' ? 2 : 1;
    const nameToken = w[start];
    const valueIndex = w.findIndex((t, i) => i > start && (keyword(t) === 'TO' || t.text === '='));
    if (nameToken && IDENTITY_PARAMETERS.has(identifierName(nameToken))) {
      const value = w[valueIndex + 1];
      if (!value || keyword(value) === 'DEFAULT') return switchUser(context, 'DEFAULT', false);
      const name = nameFrom(value);
      if (!name) throw new SqlError(SQLSTATE.syntaxError, `syntax error at or near "${value.text}"`, { position: at(value) });
      return switchUser(context, name, false);
    }
    const result = await passthroughHandler.run(context);
    if (nameToken && valueIndex !== -1) {
      const valueText = context.statement.text.slice(w[valueIndex + 1]?.start ?? context.statement.text.length).trim();
      context.session.settings.set(quoteIdent(identifierName(nameToken)), valueText);
    }
    return result;
  },
};

const resetParameter: StatementHandler = {
  name: 'reset-parameter',
  matches: (s) => startsWith(s, 'RESET') && s.words.length === 2,
  async run(context) {
    const nameToken = context.statement.words[1];
    if (nameToken && IDENTITY_PARAMETERS.has(identifierName(nameToken))) return switchUser(context, 'DEFAULT', false);
    const result = await passthroughHandler.run(context);
    if (nameToken) context.session.settings.delete(quoteIdent(identifierName(nameToken)));
    return result;
  },
};

export const identityHandlers: StatementHandler[] = [
  setSessionAuthorization,
  resetSessionAuthorization,
  setRole,
  doBlock,
  resetAll,
  setParameter,
  resetParameter,
];
