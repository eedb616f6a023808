import { synth } from '../rewrite/render';
import { isSignificant, type Token } from '../tokenizer';
import type { DialectPass } from './index';

/** Redshift functions that are PostgreSQL functions under another name. */
const RENAMES: Record<string, string> = {
  nvl: 'coalesce',
};

/** Rewrites `name(` calls whose name differs in PostgreSQL (not qualified names, not column names). */
export const renameFunctions: DialectPass = (tokens) => {
  const out: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const replacement = token.kind === 'word' ? RENAMES[token.text.toLowerCase()] : undefined;
    if (replacement && nextSignificant(tokens, i)?.text === '(' && previousSignificant(tokens, i)?.text !== '.') {
      out.push(synth(replacement, token.start));
    } else {
      out.push(token);
    }
  }
  return out;
};

export function nextSignificant(tokens: Token[], index: number): Token | undefined {
  for (let j = index + 1; j < tokens.length; j++) if (isSignificant(tokens[j]!)) return tokens[j];
  return undefined;
}

export function previousSignificant(tokens: Token[], index: number): Token | undefined {
  for (let j = index - 1; j >= 0; j--) if (isSignificant(tokens[j]!)) return tokens[j];
  return undefined;
}
