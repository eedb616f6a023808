/**
 * Public types of the Redshift ML "AutoPilot" emulation (pure TypeScript, runs in Node and in a Web Worker).
 *
 * A training table is column-described rows; the model learns `target` from every other column.
 * The trained model's input columns (in order) become the SQL prediction function's parameters.
 */

/** One cell of an input table. `null` (or `undefined`) means missing. */
export type CellValue = number | string | boolean | null;

/** Logical column type. Numbers are continuous, strings categorical, booleans 0/1. */
export type ColumnType = 'number' | 'string' | 'boolean';

export interface ColumnDef {
  name: string;
  type: ColumnType;
}

/** A training (or scoring) table. Every row has one value per column, in column order. */
export interface DataTable {
  columns: ColumnDef[];
  rows: CellValue[][];
}

export type ProblemType = 'BINARY_CLASSIFICATION' | 'MULTICLASS_CLASSIFICATION' | 'REGRESSION';

/** Autopilot objectives (Redshift spelling; `F1_Macro` is accepted as an alias of `F1Macro`). */
export type Objective = 'F1' | 'Accuracy' | 'AUC' | 'MSE' | 'F1Macro';

/** Redshift MODEL_TYPE. `AUTO` = let the search try every family. */
export type ModelType = 'AUTO' | 'XGBOOST' | 'MLP' | 'LINEAR_LEARNER' | 'KMEANS';

/** Algorithm families the search knows. */
export type Algorithm =
  | 'gbdt'
  | 'random_forest'
  | 'decision_tree'
  | 'logistic_regression'
  | 'linear_regression'
  | 'mlp'
  | 'kmeans';

/** Hyperparameters of one candidate (numbers only, so they serialise and print easily). */
export type Params = Record<string, number>;

/** Progress report: `done` of `total` planned candidates; `entry` is the candidate that just finished. */
export interface AutopilotProgress {
  phase: 'profiling' | 'feature_engineering' | 'model_search' | 'final_fit' | 'done';
  done: number;
  total: number;
  elapsedSec: number;
  entry?: LeaderboardEntry;
}

/** One evaluated candidate, as listed in the leaderboard. */
export interface LeaderboardEntry {
  id: string;
  algorithm: Algorithm;
  params: Params;
  /** Feature set the candidate was trained on (names of the engineered features included). */
  featureSet: string[];
  metricName: Objective;
  /** Validation value of `metricName` (out-of-fold). Higher is better except MSE. */
  validationMetric: number;
  trainMs: number;
  /** Ensemble candidates only: ids of the averaged candidates. */
  members?: string[];
}
