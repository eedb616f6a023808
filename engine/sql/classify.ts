import { keyword } from './tokenizer';
import type { Statement } from './splitter';

export type StatementKind = 'query' | 'dml' | 'ddl' | 'dcl' | 'transaction' | 'session' | 'utility';

export interface StatementClass {
  kind: StatementKind;
  /** Syntax PostgreSQL does not have, which the front end implements or translates. */
  redshiftOnly: boolean;
  /** Whether a schema tree or completion list should be refreshed after it. */
  changesCatalog: boolean;
}

const REDSHIFT_ONLY: string[][] = [
  ['GRANT', 'ROLE'], ['REVOKE', 'ROLE'], ['REVOKE', 'ADMIN'], ['CREATE', 'RLS'], ['ALTER', 'RLS'], ['DROP', 'RLS'],
  ['ATTACH'], ['DETACH'], ['CREATE', 'EXTERNAL'], ['DROP', 'EXTERNAL'], ['CREATE', 'MODEL'], ['DROP', 'MODEL'],
  ['SHOW', 'MODEL'], ['UNLOAD'], ['CREATE', 'GROUP'], ['ALTER', 'GROUP'], ['DROP', 'GROUP'], ['GRANT', 'IGNORE'],
];

/** What kind of statement this is, from its leading keywords (no parse needed). */
export function classifyStatement(statement: Statement): StatementClass {
  const w = statement.words.slice(0, 4).map((t) => keyword(t));
  const first = w[0] ?? '';
  const startsWith = (seq: string[]) => seq.every((k, i) => w[i] === k);
  const redshiftOnly =
    REDSHIFT_ONLY.some(startsWith) ||
    (first === 'COPY' && statement.words.some((t) => t.kind === 'string' && /^'s3:\/\//i.test(t.text))) ||
    (first === 'GRANT' || first === 'REVOKE' ? statement.words.some((t, i) => keyword(t) === 'TO' && keyword(statement.words[i + 1]) === 'ROLE') : false) ||
    (first === 'ALTER' && w[1] === 'TABLE' && statement.words.some((t, i) => keyword(t) === 'ROW' && keyword(statement.words[i + 1]) === 'LEVEL'));
  let kind: StatementKind;
  if (['SELECT', 'WITH', 'VALUES', 'TABLE', 'SHOW', 'EXPLAIN'].includes(first)) kind = 'query';
  else if (['INSERT', 'UPDATE', 'DELETE', 'MERGE', 'COPY', 'UNLOAD', 'TRUNCATE'].includes(first)) kind = 'dml';
  else if (['CREATE', 'DROP', 'ALTER', 'COMMENT'].includes(first)) kind = w[1] === 'USER' || w[1] === 'GROUP' || w[1] === 'ROLE' ? 'dcl' : 'ddl';
  else if (['GRANT', 'REVOKE', 'ATTACH', 'DETACH'].includes(first)) kind = 'dcl';
  else if (['BEGIN', 'START', 'COMMIT', 'END', 'ROLLBACK', 'ABORT', 'SAVEPOINT', 'RELEASE'].includes(first)) kind = 'transaction';
  else if (['SET', 'RESET', 'DISCARD'].includes(first)) kind = 'session';
  else kind = 'utility';
  const changesCatalog = kind === 'ddl' || kind === 'dcl' || (first === 'SELECT' && statement.words.some((t) => keyword(t) === 'INTO'));
  return { kind, redshiftOnly, changesCatalog };
}
