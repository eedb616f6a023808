import { synth } from '../rewrite/render';
import { isSignificant, type Token } from '../tokenizer';
import type { DialectPass } from './index';

/** Redshift functions that are PostgreSQL functions under another name. */
const RENAMES: Record<string, string> = {
  nvl: 'coalesce',
  add_months: 'pg_catalog.add_months',
  charindex: 'pg_catalog.charindex',
  getdate: 'pg_catalog.getdate',
};

/** Redshift functions written without parentheses. */
const NILADIC: Record<string, string> = {
  sysdate: 'pg_catalog.sysdate()',
};

/** Rewrites `name(` calls whose name differs in PostgreSQL (not qualified names, not column names). */
export const renameFunctions: DialectPass = (tokens) => {
  const out: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const name = token.kind === 'word' ? token.text.toLowerCase() : '';
    const replacement = RENAMES[name];
    const qualified = previousSignificant(tokens, i)?.text === '.' || nextSignificant(tokens, i)?.text === '.';
    if (replacement && nextSignificant(tokens, i)?.text === '(' && !qualified) {
      out.push(synth(replacement, token.start));
    } else if (NILADIC[name] && nextSignificant(tokens, i)?.text !== '(' && !qualified) {
      out.push(synth(NILADIC[name]!, token.start));
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
