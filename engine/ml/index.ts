/**
 * Redshift ML emulation — public entry. Pure TypeScript: runs in Node and in a browser Web Worker
 * (no Node or DOM APIs).
 *
 *   const result = await runAutopilot({ table, target: 'churn', maxRuntimeSec: 60, seed: 1 });
 *   predict(result.model, row); predictProba(result.model, row);
 *   const statements = compileModelToSql(result.model, { functionName: 'predict_churn' });
 *   explainModel(result.model, sampleRows);   // EXPLAIN_MODEL JSON
 */
export { runAutopilot, DEFAULT_MAX_RUNTIME_SEC } from './search.js';
export type { AutopilotInput, AutopilotResult, CandidateDefinition, FeatureTrial } from './result-types.js';
export type {
  Algorithm,
  AutopilotProgress,
  CellValue,
  ColumnDef,
  ColumnType,
  DataTable,
  LeaderboardEntry,
  ModelType,
  Objective,
  Params,
  ProblemType,
} from './types.js';
export { MlError } from './errors.js';
export type { InputRow, Link, ProbabilityResult, TrainedModel } from './model.js';
export { deserializeModel, predict, predictProba, serializeModel } from './model.js';
export { compileModelToSql } from './sql/compile-model.js';
export type { CompileSqlOptions } from './sql/compile-model.js';
export { explainModel } from './explain/explain-model.js';
export type { ExplainModelResult } from './explain/explain-model.js';
export { exploreData } from './profile.js';
export type { ColumnProfile, DataExplorationReport } from './profile.js';
export {
  accuracy,
  auc,
  binaryScores,
  confusionMatrix,
  f1Binary,
  f1Macro,
  logLoss,
  mse,
  r2,
  rmse,
  rocCurve,
} from './metrics.js';
export type { BinaryScores, RocPoint } from './metrics.js';
export { tableFromCsv } from './csv-table.js';
export type { ValidationPredictions } from './validation-predictions.js';
export { inferProblemType } from './target.js';
export { MIN_TRAINING_ROWS, MAX_FEATURE_COLUMNS, DEFAULT_MAX_CELLS } from './validate-input.js';
