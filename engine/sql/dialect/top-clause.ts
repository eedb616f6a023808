import { synth } from '../rewrite/render';
import { keyword, type Token } from '../tokenizer';
import type { DialectPass } from './index';
import { isPunct, matchingParen, nextSignificantIndex, splice } from './token-utils';

/**
 * `SELECT [DISTINCT] TOP n …` → `SELECT [DISTINCT] … LIMIT n`, the LIMIT going to the end of that
 * query level (the closing parenthesis of a subquery or CTE, or the end of the statement).
 */
export const topClause: DialectPass = (tokens) => {
  let out = tokens;
  for (let i = 0; i < out.length; i++) {
    if (keyword(out[i]) !== 'SELECT') continue;
    let topIndex = nextSignificantIndex(out, i);
    if (['DISTINCT', 'ALL'].includes(keyword(out[topIndex]))) topIndex = nextSignificantIndex(out, topIndex);
    if (keyword(out[topIndex]) !== 'TOP') continue;
    const countIndex = nextSignificantIndex(out, topIndex);
    const count = out[countIndex];
    let countTokens: Token[];
    let countEnd: number;
    if (count?.kind === 'number') {
      countTokens = [count];
      countEnd = countIndex;
    } else if (isPunct(count, '(')) {
      countEnd = matchingParen(out, countIndex);
      if (countEnd === -1) continue;
      countTokens = out.slice(countIndex, countEnd + 1);
    } else {
      continue; // a column named top
    }
    const end = endOfQueryLevel(out, countEnd + 1);
    const limit = [synth(' LIMIT ', out[topIndex]!.start, 'op'), ...countTokens, synth(' ', out[topIndex]!.start, 'space')];
    out = splice(out, end, end - 1, limit);
    out = splice(out, topIndex, countEnd, []);
  }
  return out;
};

/** Index where the query level that contains `from` ends (its closing paren, or the end). */
function endOfQueryLevel(tokens: Token[], from: number): number {
  let depth = 0;
  for (let j = from; j < tokens.length; j++) {
    const t = tokens[j]!;
    if (isPunct(t, '(')) depth++;
    else if (isPunct(t, ')')) {
      if (depth === 0) return j;
      depth--;
    }
  }
  return tokens.length;
}
