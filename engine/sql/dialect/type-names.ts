import { synth } from '../rewrite/render';
import { keyword, type Token } from '../tokenizer';
import type { DialectPass } from './index';
import { isPunct, matchingParen, nextSignificantIndex, previousSignificantIndex, significant } from './token-utils';

/** Redshift type names PostgreSQL spells differently. */
const TYPE_ALIASES: Record<string, string> = {
  super: 'jsonb',
  varbyte: 'bytea',
  varbinary: 'bytea',
  nvarchar: 'varchar',
  nchar: 'char',
};

/** Types whose length may be written MAX. */
const MAX_LENGTH: Record<string, string> = { varchar: '65535', nvarchar: '65535', varying: '65535', char: '4096', character: '4096', bpchar: '4096' };

/**
 * Redshift type spellings in casts and column definitions: `VARCHAR(MAX)`, `SUPER`, `VARBYTE(n)`,
 * `NVARCHAR`, `NCHAR`. A word counts as a type after `::`, after AS inside CAST( … ), or after a
 * column name in CREATE/ALTER statements.
 */
export const typeNames: DialectPass = (tokens) => {
  const isDdl = ['CREATE', 'ALTER'].includes(keyword(significant(tokens)[0]));
  const out: Token[] = [];
  const calls: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (isPunct(token, '(')) calls.push(keyword(tokens[previousSignificantIndex(tokens, i)]));
    if (isPunct(token, ')')) calls.pop();
    const name = token.kind === 'word' ? token.text.toLowerCase() : '';
    const maxIndex = MAX_LENGTH[name] ? maxArgument(tokens, i) : -1;
    if (maxIndex !== -1) {
      out.push(token);
      for (let j = i + 1; j < maxIndex; j++) out.push(tokens[j]!);
      out.push(synth(MAX_LENGTH[name]!, tokens[maxIndex]!.start, 'number'));
      i = maxIndex;
      continue;
    }
    const alias = TYPE_ALIASES[name];
    if (!alias || !inTypePosition(tokens, i, isDdl, calls)) {
      out.push(token);
      continue;
    }
    out.push(synth(alias, token.start));
    const open = nextSignificantIndex(tokens, i);
    if (alias === 'bytea' && isPunct(tokens[open], '(')) {
      const close = matchingParen(tokens, open);
      if (close !== -1) i = close; // bytea has no length
    }
  }
  return out;
};

/** For `varchar ( MAX )`, the index of MAX; else -1. */
function maxArgument(tokens: Token[], index: number): number {
  const open = nextSignificantIndex(tokens, index);
  if (!isPunct(tokens[open], '(')) return -1;
  const max = nextSignificantIndex(tokens, open);
  if (keyword(tokens[max]) !== 'MAX') return -1;
  return isPunct(tokens[nextSignificantIndex(tokens, max)], ')') ? max : -1;
}

function inTypePosition(tokens: Token[], index: number, isDdl: boolean, calls: string[]): boolean {
  const previous = tokens[previousSignificantIndex(tokens, index)];
  const next = tokens[nextSignificantIndex(tokens, index)];
  if (isPunct(next, '.')) return false;
  if (isPunct(previous, '::')) return true;
  if (keyword(previous) === 'AS') return calls[calls.length - 1] === 'CAST';
  if (isDdl && previous && (previous.kind === 'word' || previous.kind === 'quoted')) return keyword(previous) !== 'TABLE';
  // CONVERT(type, …) is rewritten later; its first argument is a type.
  if (isPunct(previous, '(') && calls[calls.length - 1] === 'CONVERT') return true;
  return false;
}
