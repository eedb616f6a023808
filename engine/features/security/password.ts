import { SqlError, SQLSTATE } from '../../errors/sql-error';

/** An MD5 hash as Redshift takes it: 'md5' + 32 hex digits (of password + user name). */
const MD5_HASH = /^md5[0-9a-f]{32}$/;
const SHA256_HASH = /^sha256\|/;

/**
 * Redshift's rules for clear-text passwords: 8–64 characters, at least one upper-case letter, one
 * lower-case letter and one digit, printable ASCII (33–126) except ' " \ / @. The exact error texts
 * are not documented; these follow Redshift's style of stating the broken rule.
 */
export function checkPassword(password: string, position?: number): void {
  if (MD5_HASH.test(password) || SHA256_HASH.test(password)) return;
  const fail = (message: string) => new SqlError(SQLSTATE.invalidParameterValue, message, position === undefined ? {} : { position });
  if (password.length < 8) throw fail('Password must be at least 8 characters long.');
  if (password.length > 64) throw fail('Password must be at most 64 characters long.');
  for (const ch of password) {
    const code = ch.codePointAt(0)!;
    if (code < 33 || code > 126 || `'"\\/@`.includes(ch)) {
      throw fail('Password must only contain printable ASCII characters except \' " \\ / @ and space.');
    }
  }
  if (!/[A-Z]/.test(password)) throw fail('Password must contain an uppercase character.');
  if (!/[a-z]/.test(password)) throw fail('Password must contain a lowercase character.');
  if (!/[0-9]/.test(password)) throw fail('Password must contain a number.');
}
