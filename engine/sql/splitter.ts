import { isSignificant, keyword, tokenize, type Token } from './tokenizer';

/** One statement of a submitted text. */
export interface Statement {
  /** The statement text, without the terminating semicolon, trimmed. */
  text: string;
  /** 0-based offset of `text` in the submitted input. */
  offset: number;
  /** Tokens of `text` (offsets relative to `text`). */
  tokens: Token[];
  /** Significant tokens only (no spaces or comments), offsets relative to `text`. */
  words: Token[];
}

/**
 * Splits SQL text into statements at top-level semicolons; quotes, dollar bodies and comments are
 * respected by the tokenizer, and statements that hold only comments are dropped.
 */
export function splitStatements(input: string): Statement[] {
  const tokens = tokenize(input);
  const statements: Statement[] = [];
  let current: Token[] = [];
  let depth = 0;
  const flush = () => {
    const firstSig = current.findIndex(isSignificant);
    if (firstSig === -1) {
      current = [];
      return;
    }
    let lastSig = current.length - 1;
    // An unterminated trailing comment stays in the text, so that PostgreSQL reports it.
    while (!isSignificant(current[lastSig]!) && !current[lastSig]!.unterminated) lastSig--;
    const start = current[firstSig]!.start;
    const last = current[lastSig]!;
    const end = last.start + last.text.length;
    statements.push(makeStatement(input.slice(start, end), start));
    current = [];
  };
  for (const token of tokens) {
    if (token.kind === 'op' && token.text === '(') depth++;
    if (token.kind === 'op' && token.text === ')') depth = Math.max(0, depth - 1);
    if (token.kind === 'op' && token.text === ';' && (depth === 0 || !insideBody(current))) {
      flush();
      depth = 0;
      continue;
    }
    current.push(token);
  }
  flush();
  return statements;
}

/** Semicolons inside parentheses still end a statement unless we are in a routine body. */
function insideBody(tokens: Token[]): boolean {
  const first = tokens.find(isSignificant);
  return keyword(first) === 'CREATE' && tokens.some((t) => keyword(t) === 'BEGIN');
}

export function makeStatement(text: string, offset: number): Statement {
  const tokens = tokenize(text);
  return { text, offset, tokens, words: tokens.filter(isSignificant) };
}
