import type { Statement } from '../../sql/splitter';
import { identifierName, type Token } from '../../sql/tokenizer';

/** A `schema.table` reference in a statement (word indexes into `statement.words`). */
export interface TableRef {
  schema: string;
  table: string;
  /** Indexes in `statement.words` of the schema token, the dot and the table token. */
  at: number;
}

const isName = (t: Token | undefined) => t !== undefined && (t.kind === 'word' || t.kind === 'quoted');

/** Every two-part name `a.b` that is not part of a longer dotted name. */
export function qualifiedNames(statement: Statement): TableRef[] {
  const w = statement.words;
  const refs: TableRef[] = [];
  for (let i = 0; i + 2 < w.length; i++) {
    if (!isName(w[i]) || w[i + 1]!.text !== '.' || !isName(w[i + 2])) continue;
    if (w[i - 1]?.text === '.' || w[i + 3]?.text === '.') continue;
    refs.push({ schema: identifierName(w[i]!), table: identifierName(w[i + 2]!), at: i });
    i += 2;
  }
  return refs;
}

/** True when the statement names a pseudocolumn ("$path" or "$size"). */
export function usesPseudoColumns(statement: Statement): boolean {
  return statement.words.some((t) => t.kind === 'quoted' && /^"\$(path|size)"$/i.test(t.text));
}
