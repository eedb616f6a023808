import { SqlError, SQLSTATE } from '../../errors/sql-error';
import { isSignificant, keyword, stringValue, tokenize, type Token } from '../../sql/tokenizer';

/**
 * PGlite's connection is authenticated as a superuser, so PostgreSQL lets any code switch back to
 * it with SET SESSION AUTHORIZATION (or a function's `SET session_authorization` clause). Routines
 * written by non-superusers are therefore checked before they are created:
 * - no identity-changing words anywhere (SESSION AUTHORIZATION, session_authorization, SET ROLE,
 *   set_config), in the statement or in any string inside it (the body, nested literals);
 * - PL/pgSQL dynamic EXECUTE only of a string constant (which is checked like the rest), so that
 *   no identity change can be assembled at run time.
 */
const FORBIDDEN_WORDS = new Set(['AUTHORIZATION', 'SESSION_AUTHORIZATION', 'SET_CONFIG', 'ROLE', 'DBLINK', 'LO_IMPORT', 'LO_EXPORT', 'PG_READ_FILE', 'PG_READ_BINARY_FILE', 'PG_LS_DIR']);

function refuse(what: string): SqlError {
  return new SqlError(SQLSTATE.insufficientPrivilege, `permission denied: functions and procedures of non-superusers cannot ${what}`);
}

function scan(tokens: Token[], depth: number): void {
  const words = tokens.filter(isSignificant);
  for (let i = 0; i < words.length; i++) {
    const t = words[i]!;
    const k = keyword(t);
    if (t.kind === 'quoted' && FORBIDDEN_WORDS.has(t.text.slice(1, -1).toUpperCase())) throw refuse('change the session identity');
    if (FORBIDDEN_WORDS.has(k)) throw refuse('change the session identity or read server files');
    if (k === 'EXECUTE' && depth > 0 && keyword(words[i + 1]) !== 'ON') {
      const arg = words[i + 1];
      const next = words[i + 2];
      const ends = !next || (next.kind === 'op' && next.text === ';') || ['INTO', 'USING'].includes(keyword(next));
      if (arg?.kind !== 'string' || !ends) throw refuse('run dynamic SQL built at run time (EXECUTE takes a string constant here)');
    }
    // U&"…" / U&'…' and E'…' escapes could spell a forbidden word that the scan would not see.
    if (k === 'U' && words[i + 1]?.kind === 'op' && words[i + 1]!.text.startsWith('&')) throw refuse('use Unicode escapes');
    if (t.kind === 'string' && /^[Ee]'/.test(t.text) && t.text.includes('\\')) throw refuse('use escape strings');
    if (t.kind === 'string' && depth < 4) scan(tokenize(stringValue(t)), depth + 1);
  }
}

/** Throws when a CREATE FUNCTION/PROCEDURE (or ALTER FUNCTION) by a non-superuser could escalate. */
export function checkRoutineText(tokens: Token[]): void {
  scan(tokens, 0);
}
