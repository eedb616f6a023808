/**
 * runAutopilot: the Redshift ML "AUTO ON" training job. Steps: validate → (downsample) → profile →
 * automatic feature engineering (ranked forward selection, each engineered feature kept only if validation improves) →
 * model search over algorithm families and hyperparameters → ensemble of the best boosted candidates →
 * refit the best on all rows.
 * Reproducible for a given seed; bounded by MAX_RUNTIME; cancellable; yields to the event loop between candidates.
 */
import type { CandidateSpec } from './candidates.js';
import { candidateSpace, mapHyperparameters, PROBE_CANDIDATE } from './candidates.js';
import { cancelledError, MlError } from './errors.js';
import type { CandidateResult, SearchData } from './evaluate.js';
import { evaluateCandidate, scoreValidated } from './evaluate.js';
import { averageOutOfFold, pickEnsembleMembers } from './ensemble.js';
import { derivedCandidates } from './feature-engineering.js';
import { fitFinalModel } from './final-model.js';
import { selectFeatures } from './select-features.js';
import { tuneF1ThresholdByFolds } from './threshold.js';
import { stratifiedHoldout, stratifiedKFold } from './folds.js';
import { defaultThreshold } from './learners/registry.js';
import type { Task } from './learners/tasks.js';
import type { DerivedFeature } from './preprocess.js';
import { planColumns } from './preprocess.js';
import { exploreData } from './profile.js';
import { createRng } from './random.js';
import type { AutopilotInput, AutopilotResult, CandidateDefinition } from './result-types.js';
import { fitKMeansModel } from './search-kmeans.js';
import { validationPredictions } from './validation-predictions.js';
import { encodeTarget, inferProblemType, resolveObjective } from './target.js';
import type { AutopilotProgress, LeaderboardEntry, Params, ProblemType } from './types.js';
import { DEFAULT_MAX_CELLS, selectTrainingRows, splitTarget, validateTable } from './validate-input.js';

export const DEFAULT_MAX_RUNTIME_SEC = 5400;
/** Up to this many rows: 5-fold cross-validation; above: one 20 % holdout (Autopilot's ValidationFraction). */
export const KFOLD_MAX_ROWS = 20_000;
export { FEATURE_MIN_GAIN } from './select-features.js';
export const PROBE_FOLDS = 3;

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

export async function runAutopilot(input: AutopilotInput): Promise<AutopilotResult> {
  const clock = input.clock ?? (() => Date.now());
  const t0 = clock();
  const elapsedSec = (): number => (clock() - t0) / 1000;
  const budget = input.maxRuntimeSec ?? DEFAULT_MAX_RUNTIME_SEC;
  const seed = input.seed ?? 42;
  const rng = createRng(seed);
  const checkAbort = (): void => {
    if (input.signal?.aborted) throw cancelledError();
  };
  const report = (p: Omit<AutopilotProgress, 'elapsedSec'>): void => input.onProgress?.({ ...p, elapsedSec: elapsedSec() });
  const modelType = input.modelType ?? 'AUTO';
  const auto = input.auto ?? true;
  if (modelType === 'KMEANS') return fitKMeansModel(input, rng, elapsedSec);
  if (!auto && input.problemType) throw new MlError('PROBLEM_TYPE is not supported with AUTO OFF.');
  if (!auto && modelType !== 'XGBOOST') throw new MlError('AUTO OFF requires MODEL_TYPE XGBOOST or KMEANS.');

  const ti = validateTable(input.table, input.target);
  const { table, downsampled } = selectTrainingRows(input.table, ti, input.maxCells ?? DEFAULT_MAX_CELLS, rng.fork());
  const targetDef = table.columns[ti] as AutopilotResult['model']['inputColumns'][number];
  const { inputs, targetValues } = splitTarget(table, ti);
  const problemType: ProblemType = input.problemType ?? inferProblemType(targetValues, targetDef.type);
  const objective = resolveObjective(input.objective, problemType);
  const target = encodeTarget(targetValues, targetDef.type, targetDef.name, problemType);
  const task: Task = problemType === 'REGRESSION' ? 'regression' : problemType === 'BINARY_CLASSIFICATION' ? 'binary' : 'multiclass';
  report({ phase: 'profiling', done: 0, total: 0 });
  const dataReport = exploreData(table, targetDef.name);
  const plans = planColumns(inputs, -1);
  const classification = task !== 'regression';
  const folds =
    inputs.rows.length <= KFOLD_MAX_ROWS
      ? stratifiedKFold(target.y, 5, classification, rng.fork())
      : [stratifiedHoldout(target.y, 0.2, classification, rng.fork())];
  const data: SearchData = { table: inputs, target, task, plans, folds };
  // engineered features are judged with cheaper 3-fold cross-validation (same seed stream)
  const probeData: SearchData =
    folds.length > 1 ? { ...data, folds: stratifiedKFold(target.y, PROBE_FOLDS, classification, rng.fork()) } : data;

  const userParams = mapHyperparameters(modelType, input.hyperparameters);
  const fixed = !auto || Object.keys(userParams).length > 0;
  const space: CandidateSpec[] = fixed
    ? [{ algorithm: modelType === 'MLP' ? 'mlp' : modelType === 'LINEAR_LEARNER' ? (task === 'regression' ? 'linear_regression' : 'logistic_regression') : 'gbdt', params: { ...(candidateSpace(task, modelType)[0]?.params ?? {}), ...userParams } }]
    : candidateSpace(task, modelType);
  const featureCandidates = auto && !fixed ? derivedCandidates(inputs, plans) : [];
  const plansEnsemble = auto && !fixed && space.filter((c) => c.algorithm === 'gbdt').length >= 2;
  let total = (featureCandidates.length ? featureCandidates.length + 1 : 0) + space.length + (plansEnsemble ? 1 : 0);
  const leaderboard: LeaderboardEntry[] = [];
  const definitions: CandidateDefinition[] = [];
  const results = new Map<string, CandidateResult>();
  /** The data (hence folds) each candidate was validated on: probes use cheaper folds. */
  const validatedOn = new Map<string, SearchData>();
  let budgetHit = false;
  const better = (a: number, b: number): boolean => (objective === 'MSE' ? a < b : a > b);

  const record = (
    algorithm: CandidateSpec['algorithm'],
    derived: DerivedFeature[],
    r: CandidateResult,
    phase: AutopilotProgress['phase'],
    on: SearchData,
    start: number,
    members?: string[],
  ): LeaderboardEntry => {
    const id = `candidate-${String(leaderboard.length + 1).padStart(3, '0')}`;
    const entry: LeaderboardEntry = {
      id,
      algorithm,
      params: r.params,
      featureSet: derived.map((d) => d.name),
      metricName: objective,
      validationMetric: r.metric,
      trainMs: clock() - start,
      ...(members ? { members } : {}),
    };
    leaderboard.push(entry);
    results.set(id, r);
    validatedOn.set(id, on);
    definitions.push({
      id,
      algorithm,
      params: r.params,
      preprocessing: plans.map((p) => ({ column: p.name, role: p.role, detail: p.reason })),
      engineeredFeatures: derived.map((d) => ({ name: d.name, kind: d.kind, columns: d.cols.map((c) => inputs.columns[c]?.name ?? '') })),
      scaled: algorithm === 'mlp' || algorithm.endsWith('regression'),
      validation: on.folds.length > 1 ? `${on.folds.length}-fold stratified cross-validation` : '20% stratified holdout',
      ...(members ? { ensembleOf: members } : {}),
    });
    report({ phase, done: leaderboard.length, total, entry });
    return entry;
  };
  const run = async (spec: CandidateSpec, derived: DerivedFeature[], phase: AutopilotProgress['phase'], on = data) => {
    checkAbort();
    if (elapsedSec() >= budget) {
      budgetHit = true;
      return null;
    }
    const start = clock();
    const r = evaluateCandidate(on, derived, spec.algorithm, spec.params, objective, rng.fork(), checkAbort);
    const entry = record(spec.algorithm, derived, r, phase, on, start);
    await yieldToEventLoop();
    return entry;
  };

  // 1. automatic feature engineering (ranked forward selection with the probe learner)
  const selection = await selectFeatures(
    featureCandidates,
    objective,
    (set) => run(PROBE_CANDIDATE, set, 'feature_engineering', probeData),
    () => total++,
  );
  const derived = selection.derived;
  const featureTrials: AutopilotResult['featureEngineering'] = selection.trials;
  // 2. model search on the chosen feature set
  let searched = 0;
  for (const spec of space) {
    if (!(await run(spec, derived, 'model_search'))) break;
    searched++;
  }
  const searchEntries = leaderboard.slice(leaderboard.length - searched);
  // 3. ensemble of the best boosted candidates, scored from their out-of-fold margins (no refitting)
  const ensembleMembers = plansEnsemble ? pickEnsembleMembers(searchEntries, better) : [];
  if (ensembleMembers.length && elapsedSec() < budget) {
    checkAbort();
    const start = clock();
    const memberResults = ensembleMembers.map((e) => results.get(e.id) as CandidateResult);
    const link = (memberResults[0] as CandidateResult).link;
    const oof = averageOutOfFold(memberResults);
    const metric = scoreValidated(objective, link, oof, target, data.folds, defaultThreshold(link));
    const params: Params = { ...(ensembleMembers[0] as LeaderboardEntry).params, ensembleMembers: ensembleMembers.length };
    searchEntries.push(record('gbdt', derived, { metric, params, link, oof }, 'model_search', data, start, ensembleMembers.map((e) => e.id)));
  } else if (ensembleMembers.length) budgetHit = true;
  const scored = leaderboard.filter((e) => Number.isFinite(e.validationMetric));
  if (!scored.length) throw new MlError('Autopilot candidate has no models. Increase MAX_RUNTIME.', 'no_models');
  // best among the model-search candidates (feature probes are boosting on other feature sets);
  // on a tie the earlier (simpler) candidate wins
  const pool = searchEntries.filter((e) => Number.isFinite(e.validationMetric));
  const best = (pool.length ? pool : scored).reduce((a, b) => (better(b.validationMetric, a.validationMetric) ? b : a));
  const bestResult = results.get(best.id) as CandidateResult;
  checkAbort();
  report({ phase: 'final_fit', done: leaderboard.length, total });
  const threshold =
    task === 'binary' && objective === 'F1' && input.tuneThreshold !== false
      ? tuneF1ThresholdByFolds(bestResult.link, bestResult.oof, target.y, target.positiveIndex, data.folds)
      : undefined;
  const bestDerived = best.featureSet.map((n) => [...derived, ...featureCandidates].find((d) => d.name === n) as DerivedFeature);
  const model = fitFinalModel(
    {
      inputs,
      targetDef,
      target,
      task,
      plans,
      derived: bestDerived,
      algorithm: best.algorithm as CandidateSpec['algorithm'],
      params: best.params,
      objective,
      threshold,
      members: best.members?.map((id) => (leaderboard.find((e) => e.id === id) as LeaderboardEntry).params),
    },
    createRng(seed + 1),
  );
  const sorted = [...leaderboard].sort((a, b) =>
    objective === 'MSE' ? a.validationMetric - b.validationMetric : b.validationMetric - a.validationMetric,
  );
  const bestDefinition = definitions.find((d) => d.id === best.id) as CandidateDefinition;
  report({ phase: 'done', done: leaderboard.length, total });
  return {
    model,
    problemType,
    objective,
    metricName: objective,
    validationMetric: best.validationMetric,
    bestCandidateId: best.id,
    leaderboard: sorted,
    dataReport,
    candidateReport: definitions,
    featureEngineering: featureTrials,
    trainingJobStatus: budgetHit ? 'MaxAutoMLJobRuntimeReached' : 'Completed',
    elapsedSec: elapsedSec(),
    rowsUsed: inputs.rows.length,
    downsampled,
    ...(classification
      ? { validationPredictions: validationPredictions(best.id, bestDefinition.validation, bestResult, target, (validatedOn.get(best.id) as SearchData).folds) }
      : {}),
  };
}
