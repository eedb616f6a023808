import { synth } from '../rewrite/render';
import { isSignificant, keyword, type Token } from '../tokenizer';

/** Index of the next significant token after `index`, or -1. */
export function nextSignificantIndex(tokens: Token[], index: number): number {
  for (let j = index + 1; j < tokens.length; j++) if (isSignificant(tokens[j]!)) return j;
  return -1;
}

/** Index of the previous significant token before `index`, or -1. */
export function previousSignificantIndex(tokens: Token[], index: number): number {
  for (let j = index - 1; j >= 0; j--) if (isSignificant(tokens[j]!)) return j;
  return -1;
}

export function isPunct(token: Token | undefined, text: string): boolean {
  return token !== undefined && token.kind === 'op' && token.text === text;
}

/** Index of the `)` closing the `(` at `open`, or -1 when it is never closed. */
export function matchingParen(tokens: Token[], open: number): number {
  let depth = 0;
  for (let j = open; j < tokens.length; j++) {
    const t = tokens[j]!;
    if (t.kind !== 'op') continue;
    if (t.text === '(') depth++;
    else if (t.text === ')' && --depth === 0) return j;
  }
  return -1;
}

/** A call `name(args)`: where it sits in the token list and its top-level arguments. */
export interface Call {
  /** Index of the name token. */
  name: number;
  open: number;
  close: number;
  /** Tokens of each argument, without the separating commas (may include spaces and comments). */
  args: Token[][];
}

/** Reads the call whose name token is at `index`, if it is `name (` … `)` and not a qualified name. */
export function readCall(tokens: Token[], index: number): Call | undefined {
  const open = nextSignificantIndex(tokens, index);
  if (open === -1 || !isPunct(tokens[open], '(')) return undefined;
  const previous = previousSignificantIndex(tokens, index);
  if (previous !== -1 && isPunct(tokens[previous], '.')) return undefined;
  const close = matchingParen(tokens, open);
  if (close === -1) return undefined;
  return { name: index, open, close, args: splitArguments(tokens.slice(open + 1, close)) };
}

/** Splits tokens at top-level commas; an empty list gives no arguments. */
export function splitArguments(tokens: Token[]): Token[][] {
  if (!tokens.some(isSignificant)) return [];
  const args: Token[][] = [[]];
  let depth = 0;
  for (const t of tokens) {
    if (t.kind === 'op' && (t.text === '(' || t.text === '[')) depth++;
    if (t.kind === 'op' && (t.text === ')' || t.text === ']')) depth--;
    if (depth === 0 && isPunct(t, ',')) args.push([]);
    else args[args.length - 1]!.push(t);
  }
  return args;
}

/** Significant tokens of a token list. */
export function significant(tokens: Token[]): Token[] {
  return tokens.filter(isSignificant);
}

/** Where a token list starts in the statement (for synthetic tokens). */
export function startOf(tokens: Token[], fallback: number): number {
  return significant(tokens)[0]?.start ?? fallback;
}

/** Builds synthetic tokens: strings become tokens at `at`; token lists are kept as they are. */
export function build(at: number, ...parts: Array<string | Token[]>): Token[] {
  const out: Token[] = [];
  for (const part of parts) {
    if (typeof part === 'string') out.push(synth(part, at, 'op'));
    else out.push(...part);
  }
  return out;
}

/** Replaces tokens[from..to] (inclusive) with `replacement`. */
export function splice(tokens: Token[], from: number, to: number, replacement: Token[]): Token[] {
  return [...tokens.slice(0, from), ...replacement, ...tokens.slice(to + 1)];
}

/**
 * Applies `rewrite` to every call named one of `names`. The rewrite returns replacement tokens (or
 * undefined to keep the call); scanning resumes after the replacement's first token, so calls nested
 * in the arguments are rewritten too.
 */
export function rewriteCalls(tokens: Token[], names: Set<string>, rewrite: (call: Call, tokens: Token[]) => CallRewrite | undefined): Token[] {
  let out = tokens;
  for (let i = 0; i < out.length; i++) {
    const t = out[i]!;
    if (t.kind !== 'word' || !names.has(t.text.toLowerCase())) continue;
    const call = readCall(out, i);
    if (!call) continue;
    const replacement = rewrite(call, out);
    if (Array.isArray(replacement)) out = splice(out, i, call.close, replacement);
    else if (replacement) out = splice(out, i, replacement.end, replacement.tokens);
  }
  return out;
}

/** Replacement tokens for the call, or for the call and what follows it up to `end` (inclusive). */
export type CallRewrite = Token[] | { tokens: Token[]; end: number };

export { keyword };
