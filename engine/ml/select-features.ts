/**
 * Automatic feature engineering: ranked forward selection with the probe learner.
 *  1. every engineered candidate is scored alone on top of the raw features;
 *  2. candidates that helped alone are added in order of their solo gain, each kept only when it still
 *     improves validation on top of the features already kept (a near-duplicate of a kept feature — e.g.
 *     the sum of minutes once the sum of charges is in — then adds nothing and is dropped); after
 *     FEATURE_PATIENCE rejections in a row the rest are reported with their solo score and not kept.
 * Ranking first makes the result independent of the order the candidates were generated in.
 */
import type { FeatureTrial } from './result-types.js';
import type { DerivedFeature } from './preprocess.js';
import type { LeaderboardEntry, Objective } from './types.js';

/** Minimum relative improvement for an engineered feature to be kept. */
export const FEATURE_MIN_GAIN = 0.002;
/** The combination step stops after this many consecutive rejections (later candidates helped less alone). */
export const FEATURE_PATIENCE = 2;

/** Evaluates the probe learner on a feature set; null once the runtime budget is used up. */
export type ProbeRun = (derived: DerivedFeature[]) => Promise<LeaderboardEntry | null>;

export interface FeatureSelection {
  derived: DerivedFeature[];
  trials: FeatureTrial[];
}

export function relativeGain(objective: Objective, before: number, after: number): number {
  const d = objective === 'MSE' ? before - after : after - before;
  return d / Math.abs(before || 1);
}

/** `onPlanned()` is called before each probe run of the combination step (the total is not known up front). */
export async function selectFeatures(
  candidates: DerivedFeature[],
  objective: Objective,
  probe: ProbeRun,
  onPlanned: () => void,
): Promise<FeatureSelection> {
  const trials: FeatureTrial[] = [];
  if (!candidates.length) return { derived: [], trials };
  const base = await probe([]);
  if (!base) return { derived: [], trials };
  const solo: { cand: DerivedFeature; metric: number; gain: number }[] = [];
  for (const cand of candidates) {
    const e = await probe([cand]);
    if (!e) return { derived: [], trials };
    solo.push({ cand, metric: e.validationMetric, gain: relativeGain(objective, base.validationMetric, e.validationMetric) });
  }
  const helpful = solo.filter((s) => s.gain > FEATURE_MIN_GAIN).sort((a, b) => b.gain - a.gain);
  for (const s of solo) {
    if (s.gain > FEATURE_MIN_GAIN) continue;
    const { name, kind, origin } = s.cand;
    trials.push({ name, kind, origin, metricBefore: base.validationMetric, metricWith: s.metric, kept: false });
  }
  let derived: DerivedFeature[] = [];
  let current = base.validationMetric;
  let rejectedInARow = 0;
  for (const [i, s] of helpful.entries()) {
    const { name, kind, origin } = s.cand;
    if (rejectedInARow >= FEATURE_PATIENCE) {
      trials.push({ name, kind, origin, metricBefore: base.validationMetric, metricWith: s.metric, kept: false });
      continue;
    }
    // the best solo candidate is already evaluated on top of the raw features
    if (i > 0) onPlanned();
    const metric = i === 0 ? s.metric : (await probe([...derived, s.cand]))?.validationMetric;
    if (metric === undefined) break;
    const kept = relativeGain(objective, current, metric) > FEATURE_MIN_GAIN;
    trials.push({ name, kind, origin, metricBefore: current, metricWith: metric, kept });
    if (kept) (derived = [...derived, s.cand]), (current = metric), (rejectedInARow = 0);
    else rejectedInARow++;
  }
  return { derived, trials };
}
