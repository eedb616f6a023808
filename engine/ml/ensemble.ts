/**
 * Ensemble candidate (Autopilot ensembles its best models): the margins of the best boosted candidates
 * on the final feature set are averaged. Its validation score comes for free from the members' stored
 * out-of-fold scores (same folds), and the fitted ensemble is still one tree predictor
 * s = (Σ bases + Σ all members' trees) · 1/m, so prediction, SQL compilation and TreeSHAP need nothing new.
 */
import type { CandidateResult } from './evaluate.js';
import type { Predictor } from './learners/predictor.js';
import type { LeaderboardEntry } from './types.js';

/** At most this many boosted candidates are averaged. */
export const ENSEMBLE_MAX_MEMBERS = 3;

/**
 * Members: the best (by validation) boosted candidates among `pool`, distinct parameter sets only;
 * empty when fewer than two qualify.
 */
export function pickEnsembleMembers(pool: LeaderboardEntry[], better: (a: number, b: number) => boolean): LeaderboardEntry[] {
  const ranked = pool
    .filter((e) => e.algorithm === 'gbdt' && Number.isFinite(e.validationMetric))
    .sort((a, b) => (better(a.validationMetric, b.validationMetric) ? -1 : better(b.validationMetric, a.validationMetric) ? 1 : 0));
  const seen = new Set<string>();
  const members: LeaderboardEntry[] = [];
  for (const e of ranked) {
    const key = JSON.stringify(e.params);
    if (seen.has(key)) continue;
    seen.add(key);
    members.push(e);
    if (members.length === ENSEMBLE_MAX_MEMBERS) break;
  }
  return members.length >= 2 ? members : [];
}

/** Per-row mean of the members' out-of-fold scores (margins). */
export function averageOutOfFold(results: CandidateResult[]): Float64Array[] {
  const first = results[0] as CandidateResult;
  return first.oof.map((s, i) => {
    const out = new Float64Array(s.length);
    for (const r of results) {
      const m = r.oof[i] as Float64Array;
      for (let k = 0; k < out.length; k++) out[k]! += m[k] as number;
    }
    for (let k = 0; k < out.length; k++) out[k] = (out[k] as number) / results.length;
    return out;
  });
}

/** One tree predictor averaging the margins of boosted tree predictors (all with scale 1 and the same outputs). */
export function mergeTreePredictors(members: Predictor[]): Predictor {
  const trees = members.map((p) => {
    if (p.kind !== 'trees' || p.scale !== 1) throw new Error('an ensemble averages boosted tree predictors only');
    return p;
  });
  const first = trees[0] as Extract<Predictor, { kind: 'trees' }>;
  const base = first.base.map((_, k) => trees.reduce((s, p) => s + (p.base[k] as number), 0));
  return {
    kind: 'trees',
    outputs: first.outputs,
    trees: trees.flatMap((p) => p.trees),
    treeOutput: trees.flatMap((p) => p.treeOutput),
    base,
    scale: 1 / trees.length,
  };
}
