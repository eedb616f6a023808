/** Input and result types of runAutopilot (see search.ts). */
import type { TrainedModel } from './model.js';
import type { ColumnRole } from './preprocess.js';
import type { DataExplorationReport } from './profile.js';
import type {
  Algorithm,
  AutopilotProgress,
  DataTable,
  LeaderboardEntry,
  ModelType,
  Objective,
  Params,
  ProblemType,
} from './types.js';
import type { ValidationPredictions } from './validation-predictions.js';

export interface AutopilotInput {
  /** Training data (the CREATE MODEL FROM query result). */
  table: DataTable;
  /** TARGET column name (case-insensitive). Ignored for MODEL_TYPE KMEANS. */
  target: string;
  /** PROBLEM_TYPE; inferred from the target when omitted. */
  problemType?: ProblemType;
  /** OBJECTIVE ('F1', 'Accuracy', 'AUC', 'MSE', 'F1Macro'/'F1_Macro', or XGBoost names); default by problem type. */
  objective?: string;
  /** MODEL_TYPE; default AUTO (every family). */
  modelType?: ModelType;
  /** AUTO ON (default) / OFF. OFF needs MODEL_TYPE XGBOOST or KMEANS and trains one model with the given hyperparameters. */
  auto?: boolean;
  /** HYPERPARAMETERS DEFAULT EXCEPT (key 'value', …). XGBoost names (num_round, eta, max_depth …), K for KMEANS. */
  hyperparameters?: Record<string, string>;
  /** SETTINGS MAX_RUNTIME in seconds (default 5400). No new candidate starts once it is used up. */
  maxRuntimeSec?: number;
  /** SETTINGS MAX_CELLS (default 1,000,000): rows are randomly downsampled above it. */
  maxCells?: number;
  /** Seed of every random choice (folds, bagging, initialisation). Default 42. */
  seed?: number;
  /** Cancels the job; the promise rejects with MlError code 'cancelled'. */
  signal?: AbortSignal;
  /** Called after each candidate (and at phase changes). */
  onProgress?: (p: AutopilotProgress) => void;
  /** Milliseconds clock, default Date.now; inject a virtual clock to test MAX_RUNTIME deterministically. */
  clock?: () => number;
  /** Binary F1 objective: tune the decision threshold on out-of-fold scores (default true). */
  tuneThreshold?: boolean;
}

/** Autopilot-like candidate definition: preprocessing + algorithm + params. */
export interface CandidateDefinition {
  id: string;
  algorithm: Algorithm;
  params: Params;
  preprocessing: { column: string; role: ColumnRole; detail: string }[];
  engineeredFeatures: { name: string; kind: 'sum' | 'ratio'; columns: string[] }[];
  /** Whether features are standardised before the learner. */
  scaled: boolean;
  validation: string;
  /** Ensemble candidates only: ids of the candidates whose margins are averaged. */
  ensembleOf?: string[];
}

export interface FeatureTrial {
  name: string;
  kind: 'sum' | 'ratio';
  origin: 'name' | 'correlation';
  metricBefore: number;
  metricWith: number;
  kept: boolean;
}

export interface AutopilotResult {
  model: TrainedModel;
  /** Null for KMEANS. */
  problemType: ProblemType | null;
  objective: Objective | null;
  /** Name shown by SHOW MODEL as `validation:<metricName>`. */
  metricName: Objective | 'MSD';
  validationMetric: number;
  bestCandidateId: string;
  /** Every evaluated candidate, best first. */
  leaderboard: LeaderboardEntry[];
  dataReport: DataExplorationReport;
  candidateReport: CandidateDefinition[];
  featureEngineering: FeatureTrial[];
  /** SHOW MODEL "Training Job Status". */
  trainingJobStatus: 'Completed' | 'MaxAutoMLJobRuntimeReached';
  elapsedSec: number;
  rowsUsed: number;
  downsampled: boolean;
  /** Classification: the best candidate's out-of-fold predictions on its validation rows. */
  validationPredictions?: ValidationPredictions;
}
