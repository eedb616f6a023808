/**
 * Bodies of the PL/pgSQL helpers that score one feature vector. The prediction function (inlined SQL)
 * computes the features once per row and passes them here as float8 arguments, so the trees compare plain
 * float8 values; a PL/pgSQL function whose body is a single RETURN runs its expression through the
 * executor's fast path, and being PL/pgSQL it is never inlined back into the caller (which would
 * substitute the feature expressions into every tree node again).
 */
import type { Predictor } from '../learners/predictor.js';
import { TREE_SUM_CHUNK } from '../learners/predictor.js';
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

/** Trees between two early-exit checks (measured on the churn forest: every 2 / 4 / 8 / 16 trees → 0.18 / 0.16 / 0.16 / 0.19 ms CPU per row). */
export const EARLY_EXIT_EVERY = 8;

/**
 * Binary decision `score > threshold` for a tree ensemble, summing exactly as JS does (chunks of
 * TREE_SUM_CHUNK trees, each a left-to-right sum, added to the base) and returning as soon as the trees
 * still to come cannot change the answer: after tree j the final score lies within
 * [(s + Σ min) · scale, (s + Σ max) · scale] of the remaining trees. The cut-offs keep a margin of 1e-9
 * of the largest possible magnitude, orders of magnitude above the rounding error of the sums, so an early
 * answer is always the answer of the complete sum. Checks are only emitted where they can fire.
 */
export function decideBody(plan: TreeSumPlan, threshold: number, checkEvery = EARLY_EXIT_EVERY): string {
  const { base, trees, treeMin, treeMax, scale } = plan;
  const n = trees.length;
  const earlyExit = scale > 0 && Number.isFinite(scale) && Number.isFinite(threshold) && [...treeMin, ...treeMax].every(Number.isFinite);
  const cut = threshold / scale;
  const magnitude = Math.abs(base) + Math.abs(cut) + treeMin.reduce((a, v, t) => a + Math.max(Math.abs(v), Math.abs(treeMax[t] as number)), 0);
  const margin = 1e-9 * (1 + magnitude);
  const restMin = new Array<number>(n + 1).fill(0);
  const restMax = new Array<number>(n + 1).fill(0);
  for (let t = n - 1; t >= 0; t--) {
    restMin[t] = (restMin[t + 1] as number) + (treeMin[t] as number);
    restMax[t] = (restMax[t + 1] as number) + (treeMax[t] as number);
  }
  const lines = [`s := ${float8(base)};`];
  let reachableMin = base;
  let reachableMax = base;
  let pending: string[] = [];
  let chunkStarted = false;
  const flush = (): void => {
    if (!pending.length) return;
    lines.push(chunkStarted ? `c := c + ${pending.join(' + ')};` : `c := ${pending.join(' + ')};`);
    chunkStarted = true;
    pending = [];
  };
  for (let t = 0; t < n; t++) {
    pending.push(trees[t] as string);
    reachableMin += treeMin[t] as number;
    reachableMax += treeMax[t] as number;
    const chunkEnd = (t + 1) % TREE_SUM_CHUNK === 0 || t === n - 1;
    const falseBelow = cut - (restMax[t + 1] as number) - margin;
    const trueAbove = cut - (restMin[t + 1] as number) + margin;
    const checks: string[] = [];
    if (earlyExit && t < n - 1 && (t + 1) % checkEvery === 0) {
      if (reachableMin < falseBelow) checks.push(`false`);
      if (reachableMax > trueAbove) checks.push(`true`);
    }
    if (!chunkEnd && !checks.length) continue;
    flush();
    if (chunkEnd) {
      lines.push('s := s + c;');
      chunkStarted = false;
    }
    const partial = chunkEnd ? 's' : 's + c';
    const conditions = checks.map((answer) =>
      answer === 'false' ? `${partial} < ${float8(falseBelow)} THEN RETURN false;` : `${partial} > ${float8(trueAbove)} THEN RETURN true;`,
    );
    if (conditions.length) lines.push(`IF ${conditions.join(' ELSIF ')} END IF;`);
  }
  lines.push(`RETURN ${aboveThreshold(scale === 1 ? 's' : `s * ${float8(scale)}`, threshold)};`);
  return `DECLARE s float8; c float8; BEGIN ${lines.join(' ')} END`;
}

/** `score > threshold` as JS decides it: -s < -t is s > t with JS's NaN rule (false); PostgreSQL orders NaN above every number. */
export function aboveThreshold(score: string, threshold: number): string {
  return `-(${score}) < ${float8(-threshold)}`;
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
