/**
 * A lossless SQL tokenizer for Redshift/PostgreSQL text. Every character of the input belongs to
 * exactly one token, so rewrites can be done token by token and positions mapped back.
 */

export type TokenKind =
  | 'word' // unquoted identifier or keyword
  | 'quoted' // "double quoted identifier"
  | 'string' // 'literal', E'…', N'…', $tag$…$tag$
  | 'number'
  | 'param' // $1
  | 'op' // operators and punctuation, one token per operator run
  | 'comment'
  | 'space';

export interface Token {
  kind: TokenKind;
  text: string;
  /** 0-based offset of the first character in the input. */
  start: number;
  /** For unterminated strings, quoted identifiers or comments. */
  unterminated?: boolean;
}

const WORD_START = /[A-Za-z_\u0080-\uffff]/;
const WORD_PART = /[A-Za-z0-9_$\u0080-\uffff#]/;
const DIGIT = /[0-9]/;
const OP_CHARS = '+-*/<>=~!@%^&|`?:';
const SINGLE_PUNCT = '(),;[].';

export function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const n = input.length;
  const push = (kind: TokenKind, end: number, unterminated = false) => {
    const token: Token = { kind, text: input.slice(i, end), start: i };
    if (unterminated) token.unterminated = true;
    tokens.push(token);
    i = end;
  };
  while (i < n) {
    const c = input[i]!;
    const next = input[i + 1] ?? '';
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f' || c === '\v') {
      let j = i + 1;
      while (j < n && /\s/.test(input[j]!)) j++;
      push('space', j);
    } else if (c === '-' && next === '-') {
      const nl = input.indexOf('\n', i);
      push('comment', nl === -1 ? n : nl);
    } else if (c === '/' && next === '*') {
      push('comment', ...scanBlockComment(input, i));
    } else if (c === "'") {
      push('string', ...scanQuoted(input, i + 1, "'"));
    } else if ((c === 'E' || c === 'e' || c === 'N' || c === 'n' || c === 'B' || c === 'b' || c === 'X' || c === 'x') && next === "'") {
      push('string', ...scanQuoted(input, i + 2, "'", c === 'E' || c === 'e'));
    } else if (c === '"') {
      push('quoted', ...scanQuoted(input, i + 1, '"'));
    } else if (c === '$' && DIGIT.test(next)) {
      let j = i + 1;
      while (j < n && DIGIT.test(input[j]!)) j++;
      push('param', j);
    } else if (c === '$') {
      const tag = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(input.slice(i, i + 64));
      if (tag) {
        const close = input.indexOf(tag[0], i + tag[0].length);
        if (close === -1) push('string', n, true);
        else push('string', close + tag[0].length);
      } else {
        push('op', i + 1);
      }
    } else if (DIGIT.test(c) || (c === '.' && DIGIT.test(next))) {
      push('number', scanNumber(input, i));
    } else if (WORD_START.test(c) || (c === '#' && /[A-Za-z_]/.test(next))) {
      let j = i + 1;
      while (j < n && WORD_PART.test(input[j]!)) j++;
      push('word', j);
    } else if (SINGLE_PUNCT.includes(c)) {
      push('op', i + 1);
    } else if (c === ':' && next === ':') {
      push('op', i + 2);
    } else if (OP_CHARS.includes(c)) {
      let j = i + 1;
      while (j < n && OP_CHARS.includes(input[j]!) && !(input[j] === '-' && input[j + 1] === '-') && !(input[j] === '/' && input[j + 1] === '*')) j++;
      push('op', j);
    } else {
      push('op', i + 1);
    }
  }
  return tokens;
}

function scanQuoted(input: string, from: number, quote: string, backslashEscapes = false): [number, boolean] {
  let j = from;
  while (j < input.length) {
    const ch = input[j]!;
    if (backslashEscapes && ch === '\\') {
      j += 2;
      continue;
    }
    if (ch === quote) {
      if (input[j + 1] === quote) {
        j += 2;
        continue;
      }
      return [j + 1, false];
    }
    j++;
  }
  return [input.length, true];
}

function scanBlockComment(input: string, from: number): [number, boolean] {
  let depth = 0;
  let j = from;
  while (j < input.length) {
    if (input[j] === '/' && input[j + 1] === '*') {
      depth++;
      j += 2;
    } else if (input[j] === '*' && input[j + 1] === '/') {
      depth--;
      j += 2;
      if (depth === 0) return [j, false];
    } else {
      j++;
    }
  }
  return [input.length, true];
}

function scanNumber(input: string, from: number): number {
  const m = /^(?:0[xX][0-9a-fA-F_]+|[0-9][0-9_]*(?:\.[0-9_]*)?(?:[eE][+-]?[0-9]+)?|\.[0-9_]+(?:[eE][+-]?[0-9]+)?)/.exec(input.slice(from, from + 400));
  return from + (m ? m[0].length : 1);
}

/** True for tokens that carry meaning (not whitespace or comments). */
export function isSignificant(token: Token): boolean {
  return token.kind !== 'space' && token.kind !== 'comment';
}

/** Upper-cased text of a word token, or '' for other kinds. */
export function keyword(token: Token | undefined): string {
  return token && token.kind === 'word' ? token.text.toUpperCase() : '';
}

/** The identifier a word or quoted token names, as PostgreSQL folds it. */
export function identifierName(token: Token): string {
  if (token.kind === 'quoted') return token.text.slice(1, -1).replace(/""/g, '"');
  return token.text.toLowerCase();
}

/** The value of a plain '…' string token. */
export function stringValue(token: Token): string {
  const t = token.text;
  if (t.startsWith('$')) {
    const tag = /^\$[^$]*\$/.exec(t)![0];
    return t.slice(tag.length, t.length - tag.length);
  }
  const body = /^[EeNn]'/.test(t) ? t.slice(2, -1) : t.slice(1, -1);
  return body.replace(/''/g, "'");
}
