import type { Statement } from '../splitter';
import { render, type Rendered } from '../rewrite/render';
import type { Token } from '../tokenizer';
import { concatStrict, convertCast, decodeCase, listagg, nvl2, ratioToReport } from './call-shapes';
import { addMonthsLiteral, datePartArguments, extractParts } from './date-parts';
import { renameFunctions } from './function-names';
import { keywordColumns } from './keyword-columns';
import { hashTempTables } from './temp-tables';
import { topClause } from './top-clause';
import { typeNames } from './type-names';

/** A rewrite pass: Redshift tokens in, PostgreSQL tokens out (synthetic tokens keep their source start). */
export type DialectPass = (tokens: Token[]) => Token[];

/** Passes run in order; each sees the previous one's output. */
const PASSES: DialectPass[] = [
  hashTempTables,
  topClause,
  typeNames,
  convertCast,
  datePartArguments,
  addMonthsLiteral,
  extractParts,
  decodeCase,
  nvl2,
  concatStrict,
  listagg,
  ratioToReport,
  keywordColumns,
  renameFunctions,
];

/** Rewrites Redshift-only spellings of tokens into PostgreSQL. */
export function rewriteTokens(tokens: Token[]): Token[] {
  let out = tokens;
  for (const pass of PASSES) out = pass(out);
  return out;
}

/** Rewrites Redshift-only spellings of one statement into PostgreSQL, keeping a position map. */
export function rewriteDialect(statement: Statement): Rendered {
  return render(rewriteTokens(statement.tokens));
}
