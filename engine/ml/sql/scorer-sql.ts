/**
 * Bodies of the PL/pgSQL helpers that score one feature vector. The prediction function (inlined SQL)
 * computes the features once per row and passes them here as float8 arguments, so the trees compare plain
 * float8 values; a PL/pgSQL function whose body is a single RETURN runs its expression through the
 * executor's fast path, and being PL/pgSQL it is never inlined back into the caller (which would
 * substitute the feature expressions into every tree node again).
 */
import type { Predictor } from '../learners/predictor.js';
import type { TreeSumPlan } from './predictor-sql.js';
import { predictorSql, treeSumPlan } from './predictor-sql.js';
import { float8 } from './sql-text.js';

/** PostgreSQL's FUNC_MAX_ARGS. */
export const POSTGRES_MAX_FUNCTION_ARGS = 100;

/** How a scorer receives the features: one float8 argument each, or one float8[] past FUNC_MAX_ARGS. */
export interface ScorerSignature {
  params: string;
  /** SQL (inside the scorer) for feature j. */
  refs: string[];
  /** SQL (at the call site) passing the feature expressions. */
  args: (features: string[]) => string;
}

export function scorerSignature(featureCount: number): ScorerSignature {
  const idx = Array.from({ length: featureCount }, (_, j) => j + 1);
  if (featureCount <= POSTGRES_MAX_FUNCTION_ARGS) {
    return { params: idx.map(() => 'float8').join(', '), refs: idx.map((j) => `$${j}`), args: (f) => f.join(', ') };
  }
  return { params: 'float8[]', refs: idx.map((j) => `$1[${j}]`), args: (f) => `ARRAY[${f.join(', ')}]::float8[]` };
}

/** `RETURN ARRAY[score_0, …]`: every raw score of the predictor. */
export function scoresBody(p: Predictor, refs: string[]): string {
  return `BEGIN RETURN ARRAY[${predictorSql(p, refs).join(', ')}]::float8[]; END`;
}

/**
 * Binary decision `score > threshold` for a tree ensemble, summing chunk by chunk exactly as JS does and
 * returning as soon as the trees still to come cannot change the answer: after chunk c the final score lies
 * in [(s + Σ min) · scale, (s + Σ max) · scale] of the remaining chunks. The cut-offs keep a margin of 1e-9
 * of the largest possible magnitude, some 10^4 times the worst rounding error of the sums, so an early
 * answer is always the answer of the complete sum. Checks are only emitted where they can fire.
 */
export function decideBody(plan: TreeSumPlan, threshold: number): string {
  const { base, chunks, chunkMin, chunkMax, scale } = plan;
  const finalScore = scale === 1 ? 's' : `s * ${float8(scale)}`;
  const lines = [`s := ${float8(base)};`];
  const earlyExit = scale > 0 && Number.isFinite(scale) && Number.isFinite(threshold) && [...chunkMin, ...chunkMax].every(Number.isFinite);
  const cut = threshold / scale;
  const magnitude = Math.abs(base) + Math.abs(cut) + chunkMin.reduce((a, v, c) => a + Math.max(Math.abs(v), Math.abs(chunkMax[c] as number)), 0);
  const margin = 1e-9 * (1 + magnitude);
  let reachableMin = base;
  let reachableMax = base;
  chunks.forEach((chunk, c) => {
    lines.push(`s := s + ${chunk};`);
    reachableMin += chunkMin[c] as number;
    reachableMax += chunkMax[c] as number;
    if (!earlyExit || c === chunks.length - 1) return;
    const restMin = chunkMin.slice(c + 1).reduce((a, v) => a + v, 0);
    const restMax = chunkMax.slice(c + 1).reduce((a, v) => a + v, 0);
    const falseBelow = cut - restMax - margin;
    const trueAbove = cut - restMin + margin;
    const checks: string[] = [];
    if (reachableMin < falseBelow) checks.push(`s < ${float8(falseBelow)} THEN RETURN false;`);
    if (reachableMax > trueAbove) checks.push(`s > ${float8(trueAbove)} THEN RETURN true;`);
    if (checks.length) lines.push(`IF ${checks.join(' ELSIF ')} END IF;`);
  });
  lines.push(`RETURN ${finalScore} > ${float8(threshold)};`);
  return `DECLARE s float8; BEGIN ${lines.join(' ')} END`;
}

export function decidePlan(p: Predictor, refs: string[]): TreeSumPlan | null {
  return p.kind === 'trees' && p.outputs === 1 ? treeSumPlan(p, refs, 0) : null;
}

/**
 * First index (1-based) of the largest score, comparing like JS's `s[k] > s[best]` (a NaN never wins,
 * whereas PostgreSQL orders NaN above every number).
 */
export const ARGMAX_BODY =
  `DECLARE b int4 := 1; BEGIN FOR i IN 2 .. coalesce(array_length($1, 1), 1) LOOP ` +
  `IF $1[i] > $1[b] AND $1[i] <> 'NaN'::float8 AND $1[b] <> 'NaN'::float8 THEN b := i; END IF; END LOOP; RETURN b; END`;
