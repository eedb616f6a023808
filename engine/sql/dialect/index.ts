import type { Statement } from '../splitter';
import { render, type Rendered } from '../rewrite/render';
import type { Token } from '../tokenizer';
import { renameFunctions } from './function-names';

/** A rewrite pass: Redshift tokens in, PostgreSQL tokens out (synthetic tokens keep their source start). */
export type DialectPass = (tokens: Token[]) => Token[];

/** Passes run in order; each sees the previous one's output. */
const PASSES: DialectPass[] = [renameFunctions];

/** Rewrites Redshift-only spellings of one statement into PostgreSQL, keeping a position map. */
export function rewriteDialect(statement: Statement): Rendered {
  let tokens = statement.tokens;
  for (const pass of PASSES) tokens = pass(tokens);
  return render(tokens);
}
