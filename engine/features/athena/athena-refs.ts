import type { Statement } from '../../sql/splitter';
import { identifierName, keyword, type Token } from '../../sql/tokenizer';

/** A table named in an Athena query's FROM clause: `[awsdatacatalog.][db.]table`. */
export interface AthenaTableRef {
  catalog?: string;
  database?: string;
  table: string;
  /** Indexes in `statement.words` of the first and last token of the name. */
  first: number;
  last: number;
}

const isName = (t: Token | undefined) => t !== undefined && (t.kind === 'word' || t.kind === 'quoted');
const CLAUSE_END = new Set(['WHERE', 'GROUP', 'ORDER', 'HAVING', 'LIMIT', 'UNION', 'INTERSECT', 'EXCEPT', 'ON', 'USING', 'WINDOW', 'OFFSET', 'FETCH']);

/**
 * The relations an Athena query reads: names after FROM / JOIN and after commas of a FROM list,
 * skipping subqueries, table functions and the query's own WITH names.
 */
export function athenaTableRefs(statement: Statement): AthenaTableRef[] {
  const w = statement.words;
  const withNames = new Set<string>();
  for (let i = 0; i + 2 < w.length; i++) {
    const before = keyword(w[i - 1]);
    if ((before === 'WITH' || before === 'RECURSIVE' || w[i - 1]?.text === ',') && isName(w[i]) && keyword(w[i + 1]) === 'AS' && w[i + 2]?.text === '(') {
      withNames.add(identifierName(w[i]!));
    }
  }
  const refs: AthenaTableRef[] = [];
  // Parenthesis depth at which each open FROM list started.
  const fromDepths: number[] = [];
  let depth = 0;
  for (let i = 0; i < w.length; i++) {
    const t = w[i]!;
    if (t.text === '(') depth++;
    else if (t.text === ')') {
      depth--;
      while (fromDepths.length && fromDepths[fromDepths.length - 1]! > depth) fromDepths.pop();
    }
    const k = keyword(t);
    if (CLAUSE_END.has(k) && fromDepths[fromDepths.length - 1] === depth) fromDepths.pop();
    const startsName = k === 'FROM' || k === 'JOIN' || (t.text === ',' && fromDepths[fromDepths.length - 1] === depth);
    if (k === 'FROM') fromDepths.push(depth);
    if (!startsName || !isName(w[i + 1]) || keyword(w[i + 1]) === 'LATERAL' || keyword(w[i + 1]) === 'UNNEST') continue;
    const parts: string[] = [identifierName(w[i + 1]!)];
    let last = i + 1;
    while (w[last + 1]?.text === '.' && isName(w[last + 2])) {
      parts.push(identifierName(w[last + 2]!));
      last += 2;
    }
    if (w[last + 1]?.text === '(') continue; // a table function
    if (parts.length === 1 && withNames.has(parts[0]!)) continue;
    const table = parts[parts.length - 1]!;
    const ref: AthenaTableRef = { table, first: i + 1, last };
    if (parts.length >= 2) ref.database = parts[parts.length - 2]!;
    if (parts.length >= 3) ref.catalog = parts[parts.length - 3]!;
    refs.push(ref);
    i = last;
  }
  return refs;
}

/** Athena's `line L:C` for a 0-based offset in the query text. */
export function lineColumn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return `line ${line}:${offset - before.lastIndexOf('\n')}`;
}
