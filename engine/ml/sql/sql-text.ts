/** SQL literal and identifier helpers for the model compiler (PostgreSQL syntax). */
import { MlError } from '../errors.js';

/**
 * Exact float8 literal: JS prints the shortest decimal that round-trips, and PostgreSQL's float8 input
 * (strtod) reads it back to the very same double. Also handles ±Infinity and NaN.
 */
export function float8(x: number): string {
  if (Number.isNaN(x)) return `'NaN'::float8`;
  if (x === Infinity) return `'Infinity'::float8`;
  if (x === -Infinity) return `'-Infinity'::float8`;
  return `'${Object.is(x, -0) ? '-0' : String(x)}'::float8`;
}

export function textLiteral(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

/** Double-quoted identifier; a dotted name ("schema.fn") is split and each part quoted. */
export function qualifiedName(name: string): string {
  const parts = name.split('.');
  if (parts.some((p) => p.length === 0)) throw new MlError(`Invalid function name '${name}'.`);
  return parts.map((p) => (/^[a-z_][a-z0-9_]*$/.test(p) ? p : `"${p.replace(/"/g, '""')}"`)).join('.');
}

/** Always-quoted identifier (safe for reserved words and names with spaces). */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Left-associative sum of terms, `a + b + c` (same addition order as a JS loop `s = a; s += b; …`). */
export function sumExpr(terms: string[]): string {
  return terms.length === 0 ? float8(0) : terms.join(' + ');
}
