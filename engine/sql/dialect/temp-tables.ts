import { synth } from '../rewrite/render';
import { keyword, type Token } from '../tokenizer';
import type { DialectPass } from './index';
import { previousSignificantIndex, significant } from './token-utils';

/**
 * Redshift: a table name starting with `#` names a temporary table. The name is quoted (lower-cased,
 * as Redshift folds it), and creating one (`CREATE TABLE #t`, `SELECT … INTO #t`) makes it TEMP.
 */
export const hashTempTables: DialectPass = (tokens) => {
  const first = keyword(significant(tokens)[0]);
  const out: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.kind !== 'word' || !token.text.startsWith('#')) {
      out.push(token);
      continue;
    }
    const quoted = synth(`"${token.text.toLowerCase()}"`, token.start, 'quoted');
    const previous = previousSignificantIndex(tokens, i);
    const before = keyword(tokens[previous]);
    const creates = (first === 'CREATE' && before === 'TABLE' && !hasTempKeyword(tokens, previous)) || ((first === 'SELECT' || first === 'WITH') && before === 'INTO');
    if (creates && before === 'TABLE') {
      const tableAt = out.lastIndexOf(tokens[previous]!);
      out.splice(tableAt, 0, synth('TEMP ', token.start, 'word'));
      out.push(quoted);
    } else if (creates) {
      out.push(synth('TEMP ', token.start, 'word'), quoted);
    } else {
      out.push(quoted);
    }
  }
  return out;
};

function hasTempKeyword(tokens: Token[], tableIndex: number): boolean {
  const before = keyword(tokens[previousSignificantIndex(tokens, tableIndex)]);
  return before === 'TEMP' || before === 'TEMPORARY';
}
