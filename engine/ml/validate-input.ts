/** CREATE MODEL input checks (Redshift ML's rules) and MAX_CELLS downsampling. */
import { MlError } from './errors.js';
import type { Rng } from './random.js';
import { sampleIndices } from './random.js';
import type { DataTable } from './types.js';
import { isMissing } from './values.js';

export const MIN_TRAINING_ROWS = 500;
export const MAX_FEATURE_COLUMNS = 256;
export const DEFAULT_MAX_CELLS = 1_000_000;

/** Checks the table and returns the target column index (−1 when there is no target, e.g. KMEANS). */
export function validateTable(table: DataTable, target: string | null): number {
  if (!table || !Array.isArray(table.columns) || !Array.isArray(table.rows)) {
    throw new MlError('Training data must be a table with columns and rows.');
  }
  const ti = target === null ? -1 : table.columns.findIndex((c) => c.name.toLowerCase() === target.toLowerCase());
  if (target !== null && ti < 0) {
    throw new MlError(`Target column "${target}" does not exist in the training data.`);
  }
  const features = table.columns.length - (ti >= 0 ? 1 : 0);
  if (features < 1) throw new MlError('The training data has no feature columns besides the target.');
  if (features > MAX_FEATURE_COLUMNS) {
    throw new MlError(
      `The training data has ${features} feature columns; Redshift ML supports at most ${MAX_FEATURE_COLUMNS}.`,
    );
  }
  const usable = ti < 0 ? table.rows.length : table.rows.filter((r) => !isMissing(r[ti])).length;
  if (usable < MIN_TRAINING_ROWS) {
    throw new MlError(
      `Insufficient training data: the query returned ${usable} rows${ti >= 0 ? ' with a non-null target' : ''}; ` +
        `Redshift ML requires at least ${MIN_TRAINING_ROWS} rows to train a model.`,
    );
  }
  return ti;
}

/** Rows with a present target, randomly downsampled when rows × columns exceeds maxCells (as Redshift does). */
export function selectTrainingRows(table: DataTable, ti: number, maxCells: number, rng: Rng): { table: DataTable; downsampled: boolean } {
  const rows = ti < 0 ? table.rows : table.rows.filter((r) => !isMissing(r[ti]));
  const maxRows = Math.max(MIN_TRAINING_ROWS, Math.floor(maxCells / Math.max(1, table.columns.length)));
  if (rows.length <= maxRows) return { table: { columns: table.columns, rows }, downsampled: false };
  const keep = sampleIndices(rows.length, maxRows, rng).sort((a, b) => a - b);
  return { table: { columns: table.columns, rows: keep.map((i) => rows[i] as DataTable['rows'][number]) }, downsampled: true };
}

/** The table without the target column, and the target values. */
export function splitTarget(table: DataTable, ti: number): { inputs: DataTable; targetValues: DataTable['rows'][number] } {
  if (ti < 0) return { inputs: table, targetValues: [] };
  return {
    inputs: { columns: table.columns.filter((_, j) => j !== ti), rows: table.rows.map((r) => r.filter((_, j) => j !== ti)) },
    targetValues: table.rows.map((r) => r[ti] ?? null),
  };
}
