/**
 * SHOW MODEL's "Estimated Cost": what SageMaker would have charged for the Autopilot job (USD).
 *
 * Model (documented choice; SageMaker list prices, us-east-1):
 *   cells     = rows × columns of the exported training data (after MAX_CELLS downsampling)
 *   job hours = min(MAX_RUNTIME / 3600, 0.25 + 0.15 × cells / 100,000)
 *               (a 2,666 × 20 churn job ≈ 20 minutes; the lecture's job ran 23 minutes)
 *   cost      = job hours × (4 parallel training instances × $0.922/h ml.m5.4xlarge
 *                            + 1 processing instance × $0.461/h ml.m5.2xlarge)
 * AUTO OFF trains one candidate: one training instance instead of four.
 */
export const TRAINING_INSTANCE_USD_HOUR = 0.922;
export const PROCESSING_INSTANCE_USD_HOUR = 0.461;
export const PARALLEL_CANDIDATES = 4;

export function estimatedJobHours(cells: number, maxRuntimeSec: number): number {
  return Math.min(maxRuntimeSec / 3600, 0.25 + (0.15 * cells) / 100_000);
}

export function estimatedTrainingCost(rows: number, columns: number, maxRuntimeSec: number, auto: boolean): number {
  const hours = estimatedJobHours(rows * columns, maxRuntimeSec);
  const instances = auto ? PARALLEL_CANDIDATES : 1;
  return Math.round(hours * (instances * TRAINING_INSTANCE_USD_HOUR + PROCESSING_INSTANCE_USD_HOUR) * 1e6) / 1e6;
}
