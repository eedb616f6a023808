/** Conversions of raw cells to numbers/strings, shared by training, JS prediction and (mirrored) by the SQL compiler. */
import type { CellValue } from './types.js';

export function isMissing(v: CellValue | undefined): v is null | undefined {
  return v === null || v === undefined || (typeof v === 'string' && v.trim() === '');
}

/**
 * A numeric cell as float64, or null when missing/unparseable. NaN numbers are kept (PostgreSQL float8 has
 * NaN too, and comparisons treat it alike: `NaN <= t` is false in both, so it goes right in a tree).
 */
export function toNumber(v: CellValue | undefined): number | null {
  if (isMissing(v)) return null;
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  const n = Number(v.trim());
  return Number.isNaN(n) ? null : n;
}

const TRUE_WORDS = new Set(['true', 't', 'yes', 'y', '1', 'on']);
const FALSE_WORDS = new Set(['false', 'f', 'no', 'n', '0', 'off']);

/** Boolean cell as 1/0, or null. */
export function toBoolNumber(v: CellValue | undefined): number | null {
  if (isMissing(v)) return null;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'number') return v !== 0 ? 1 : 0;
  const s = v.trim().toLowerCase();
  if (TRUE_WORDS.has(s)) return 1;
  if (FALSE_WORDS.has(s)) return 0;
  return null;
}

/** Categorical key of a cell (what the SQL side sees as `param::text`). */
export function toCategory(v: CellValue | undefined): string | null {
  if (isMissing(v)) return null;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return String(v);
}

/** Whether a label looks like the "positive" one (True, yes, 1 …). */
export function isTrueLike(v: CellValue): boolean {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v === 1;
  if (v === null) return false;
  const s = v.trim().toLowerCase().replace(/\.$/, '');
  return TRUE_WORDS.has(s) || s === 'positive' || s === 'churn';
}
