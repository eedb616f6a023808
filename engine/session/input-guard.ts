import { SqlError, SQLSTATE } from '../errors/sql-error';

/** Input that PostgreSQL cannot receive as query text: NUL bytes and broken UTF-16. */
export function checkInputText(sql: string): SqlError | undefined {
  const nul = sql.indexOf('\u0000');
  if (nul !== -1) {
    return new SqlError(SQLSTATE.characterNotInRepertoire, 'invalid byte sequence for encoding "UTF8": 0x00', { position: nul + 1 });
  }
  const lone = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.exec(sql);
  if (lone) {
    return new SqlError(SQLSTATE.characterNotInRepertoire, 'invalid byte sequence for encoding "UTF8"', { position: lone.index + 1 });
  }
  return undefined;
}
