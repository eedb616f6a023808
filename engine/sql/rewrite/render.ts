import type { Token } from '../tokenizer';

/** A rewritten statement: its text and where each part of it came from in the original. */
export interface Rendered {
  text: string;
  /** Pairs [offset in text, offset in the original statement], ascending by the first. */
  map: Array<[number, number]>;
}

/**
 * Joins tokens back into text. Tokens produced by a rewrite keep the `start` of the original token
 * they stand for, so an error position in the rewritten text can be mapped to the submitted text.
 */
export function render(tokens: Token[]): Rendered {
  let text = '';
  const map: Array<[number, number]> = [];
  for (const token of tokens) {
    map.push([text.length, token.start]);
    text += token.text;
  }
  return { text, map };
}

/** Maps a 0-based offset in rendered text to a 0-based offset in the original statement. */
export function mapOffset(rendered: Rendered, offset: number): number {
  const { map } = rendered;
  let lo = 0;
  let hi = map.length - 1;
  let best = 0;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (map[mid]![0] <= offset) {
      best = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  const entry = map[best];
  if (!entry) return offset;
  const next = map[best + 1];
  const within = offset - entry[0];
  // A synthetic token longer than the original would point past it: clamp to its start.
  if (next && next[1] > entry[1] && within >= next[1] - entry[1]) return entry[1];
  return entry[1] + within;
}

/** A synthetic token standing for the original token at `at`. */
export function synth(text: string, at: number, kind: Token['kind'] = 'word'): Token {
  return { kind, text, start: at };
}
