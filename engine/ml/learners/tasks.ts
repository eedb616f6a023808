/** What a learner fits: the task, the feature columns and the encoded target. */
export type Task = 'binary' | 'multiclass' | 'regression';

export interface FitData {
  task: Task;
  /** Column-major features (already scaled for learners that need it). */
  cols: Float64Array[];
  /** Class index (classification) or value (regression), per row. */
  y: Float64Array;
  /** Number of classes (2 for binary, 0 for regression). */
  numClasses: number;
  /** Features split exactly (one bin per distinct value) by tree learners: engineered sums and ratios. */
  exactSplit?: boolean[];
}

export function rowCount(d: FitData): number {
  return d.y.length;
}

export function sigmoid(m: number): number {
  return 1 / (1 + Math.exp(-Math.min(700, Math.max(-700, m))));
}
