import { synth } from '../rewrite/render';
import { keyword, type Token } from '../tokenizer';
import type { DialectPass } from './index';
import { isPunct, nextSignificantIndex, previousSignificantIndex } from './token-utils';

/** Words PostgreSQL parses as postfix operators but Redshift accepts as column names (PG_TABLE_DEF.notnull). */
const POSTFIX_WORDS = new Set(['NOTNULL', 'ISNULL']);
const STARTS_AN_EXPRESSION = new Set(['SELECT', 'BY', 'DISTINCT', 'WHERE', 'AND', 'OR', 'ON', 'NOT', 'WHEN', 'THEN', 'ELSE']);

/** Quotes `notnull` / `isnull` where they stand for a column, not after an expression. */
export const keywordColumns: DialectPass = (tokens) =>
  tokens.map((token, i) => {
    if (!POSTFIX_WORDS.has(keyword(token))) return token;
    const previous = tokens[previousSignificantIndex(tokens, i)];
    const columnPosition = !previous || isPunct(previous, ',') || isPunct(previous, '(') || isPunct(previous, '.') || STARTS_AN_EXPRESSION.has(keyword(previous));
    if (!columnPosition || isPunct(tokens[nextSignificantIndex(tokens, i)], '(')) return token;
    return synth(`"${token.text.toLowerCase()}"`, token.start, 'quoted');
  });
