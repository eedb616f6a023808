/** MODEL_TYPE KMEANS (AUTO OFF, no target): standardise every column, fit k-means, report the mean squared distance. */
import { mapHyperparameters } from './candidates.js';
import { MlError } from './errors.js';
import { applyScaler, featureColumns, fitScaler } from './features.js';
import { fitKMeans, kmeansInertia } from './learners/kmeans.js';
import type { TrainedModel } from './model.js';
import { MODEL_FORMAT } from './model.js';
import { fitFeatures, planColumns } from './preprocess.js';
import { exploreData } from './profile.js';
import type { Rng } from './random.js';
import type { AutopilotInput, AutopilotResult } from './result-types.js';
import { DEFAULT_MAX_CELLS, selectTrainingRows, validateTable } from './validate-input.js';

export function fitKMeansModel(input: AutopilotInput, rng: Rng, elapsedSec: () => number): AutopilotResult {
  if (input.auto !== false) throw new MlError('MODEL_TYPE KMEANS requires AUTO OFF.');
  const params = mapHyperparameters('KMEANS', input.hyperparameters);
  if (!params.k) throw new MlError("MODEL_TYPE KMEANS requires HYPERPARAMETERS DEFAULT EXCEPT (K '<number of clusters>').");
  validateTable(input.table, null);
  const { table, downsampled } = selectTrainingRows(input.table, -1, input.maxCells ?? DEFAULT_MAX_CELLS, rng.fork());
  const plans = planColumns(table, -1);
  const all = Int32Array.from(table.rows.keys());
  const target = { problemType: 'MULTICLASS_CLASSIFICATION' as const, labels: [], positiveIndex: -1, y: new Float64Array(table.rows.length) };
  const features = fitFeatures(table, plans, [], all, target);
  const raw = featureColumns(features, table.rows);
  const scaler = fitScaler(raw);
  const cols = applyScaler(scaler, raw);
  const start = Date.now();
  const predictor = fitKMeans(cols, { k: params.k, iterations: params.iterations ?? 50 }, rng);
  const msd = kmeansInertia(cols, predictor.kind === 'kmeans' ? predictor.centroids : []) / Math.max(1, table.rows.length);
  const k = predictor.kind === 'kmeans' ? predictor.centroids.length : 0;
  const model: TrainedModel = {
    format: MODEL_FORMAT,
    version: 1,
    problemType: null,
    objective: null,
    target: null,
    inputColumns: table.columns,
    labels: Array.from({ length: k }, (_, i) => i),
    positiveIndex: -1,
    features,
    scaler,
    predictor,
    link: 'cluster',
    threshold: 0,
    algorithm: 'kmeans',
    params,
  };
  const entry = {
    id: 'candidate-001',
    algorithm: 'kmeans' as const,
    params,
    featureSet: [],
    metricName: 'MSE' as const,
    validationMetric: msd,
    trainMs: Date.now() - start,
  };
  return {
    model,
    problemType: null,
    objective: null,
    metricName: 'MSD',
    validationMetric: msd,
    bestCandidateId: entry.id,
    leaderboard: [entry],
    dataReport: exploreData(table, null),
    candidateReport: [],
    featureEngineering: [],
    trainingJobStatus: 'Completed',
    elapsedSec: elapsedSec(),
    rowsUsed: table.rows.length,
    downsampled,
  };
}
