import { SqlError, SQLSTATE } from '../../errors/sql-error';
import { identifierName } from '../../sql/tokenizer';
import { parseGrantees, type Grantee } from './principals';
import type { WordCursor } from './word-cursor';

/** One privilege of a GRANT/REVOKE list; `columns` for column-level SELECT/UPDATE/ALL. */
export interface PrivilegeItem {
  name: string;
  columns: string[] | null;
  at: number;
}

export type ObjectClause =
  | { kind: 'table'; names: Array<{ text: string; parts: string[]; at: number }> }
  | { kind: 'all-tables'; schemas: Array<{ name: string; at: number }> }
  | { kind: 'schema'; schemas: Array<{ name: string; at: number }> }
  /** DATABASE, FUNCTION, PROCEDURE, LANGUAGE, ALL FUNCTIONS …: same spelling as PostgreSQL. */
  | { kind: 'other'; text: string };

export interface PrivilegeStatement {
  grant: boolean;
  grantOptionFor: boolean;
  privileges: PrivilegeItem[];
  object: ObjectClause;
  grantees: Grantee[];
  cascade: boolean;
}

const PRIVILEGE_WORDS = new Set(['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'DROP', 'REFERENCES', 'CREATE', 'USAGE', 'TEMP', 'TEMPORARY', 'EXECUTE', 'ALL', 'ALTER', 'TRUNCATE']);

function readColumns(cursor: WordCursor): string[] {
  cursor.expectOp('(');
  const columns: string[] = [];
  do {
    const t = cursor.peek();
    if (!t || (t.kind !== 'word' && t.kind !== 'quoted')) throw cursor.syntaxError();
    cursor.next();
    columns.push(identifierName(t));
  } while (cursor.acceptOp(','));
  cursor.expectOp(')');
  return columns;
}

function readPrivileges(cursor: WordCursor): PrivilegeItem[] {
  const items: PrivilegeItem[] = [];
  do {
    const at = cursor.position();
    const word = cursor.peekKeyword();
    if (!PRIVILEGE_WORDS.has(word)) throw cursor.syntaxError();
    cursor.next();
    if (word === 'ALL') cursor.accept('PRIVILEGES');
    const t = cursor.peek();
    const columns = t?.kind === 'op' && t.text === '(' ? readColumns(cursor) : null;
    if (columns && !['SELECT', 'UPDATE', 'ALL'].includes(word)) {
      throw new SqlError(SQLSTATE.featureNotSupported, `column-level ${word} privileges are not supported: only SELECT and UPDATE can be granted on columns`, { position: at });
    }
    items.push({ name: word === 'TEMPORARY' ? 'TEMP' : word, columns, at });
  } while (cursor.acceptOp(','));
  return items;
}

function readObject(cursor: WordCursor, stopWord: string): ObjectClause {
  if (cursor.accept('SCHEMA')) {
    const schemas: Array<{ name: string; at: number }> = [];
    do schemas.push({ at: cursor.position(), name: cursor.name() });
    while (cursor.acceptOp(','));
    return { kind: 'schema', schemas };
  }
  if (cursor.accept('ALL', 'TABLES', 'IN', 'SCHEMA')) {
    const schemas: Array<{ name: string; at: number }> = [];
    do schemas.push({ at: cursor.position(), name: cursor.name() });
    while (cursor.acceptOp(','));
    return { kind: 'all-tables', schemas };
  }
  const other = ['DATABASE', 'FUNCTION', 'PROCEDURE', 'LANGUAGE', 'ALL'];
  if (other.includes(cursor.peekKeyword())) {
    const start = cursor.peek()!.start;
    let end = start;
    let depth = 0;
    while (!cursor.atEnd()) {
      const t = cursor.peek()!;
      if (t.kind === 'op' && t.text === '(') depth++;
      if (t.kind === 'op' && t.text === ')') depth--;
      if (depth === 0 && cursor.peekKeyword() === stopWord) break;
      end = t.start + t.text.length;
      cursor.next();
    }
    return { kind: 'other', text: cursor.statement.text.slice(start, end) };
  }
  cursor.accept('TABLE');
  const names: Array<{ text: string; parts: string[]; at: number }> = [];
  do names.push(cursor.qualifiedName());
  while (cursor.acceptOp(','));
  return { kind: 'table', names };
}

/** Parses Redshift's GRANT/REVOKE on tables, columns, schemas and other objects. */
export function parsePrivilegeStatement(cursor: WordCursor): PrivilegeStatement {
  const grant = cursor.accept('GRANT');
  if (!grant) cursor.expect('REVOKE');
  const grantOptionFor = !grant && cursor.accept('GRANT', 'OPTION', 'FOR');
  const privileges = readPrivileges(cursor);
  cursor.expect('ON');
  const stopWord = grant ? 'TO' : 'FROM';
  const object = readObject(cursor, stopWord);
  cursor.expect(stopWord);
  const grantees = parseGrantees(cursor, { grantOption: grant });
  // PostgreSQL's trailing form `TO a, b WITH GRANT OPTION` applies to the last grantee here.
  let cascade = false;
  if (!grant) {
    if (cursor.accept('CASCADE')) cascade = true;
    else cursor.accept('RESTRICT');
  }
  cursor.expectEnd();
  return { grant, grantOptionFor, privileges, object, grantees, cascade };
}
