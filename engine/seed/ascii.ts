/**
 * Bulk creation of many fixed-width ASCII strings: write the characters into
 * one byte buffer, decode it once, then slice. Far cheaper (in time and
 * garbage) than building 100 000 strings by concatenation.
 */

/** Splits the ASCII bytes into `bytes.length / width` strings of `width` characters. */
export function decodeFixedWidth(bytes: Uint8Array, width: number): string[] {
  if (width <= 0 || bytes.length % width !== 0) throw new Error(`buffer of ${bytes.length} bytes is not a multiple of ${width}`);
  const all = new TextDecoder('latin1').decode(bytes);
  const count = bytes.length / width;
  const out = new Array<string>(count);
  for (let i = 0, at = 0; i < count; i++, at += width) out[i] = all.slice(at, at + width);
  return out;
}

const ZERO = 48;

/** Copies the character codes of an ASCII string to `at`; returns the next offset. */
export function writeAscii(bytes: Uint8Array, at: number, text: string): number {
  for (let i = 0; i < text.length; i++) bytes[at + i] = text.charCodeAt(i);
  return at + text.length;
}

/** Writes 0 ≤ value < 100 as two digits at `at`. */
export function writePair(bytes: Uint8Array, at: number, value: number): void {
  const tens = (value / 10) | 0;
  bytes[at] = ZERO + tens;
  bytes[at + 1] = ZERO + value - tens * 10;
}
