import type { EmbeddedWarehouse } from '../../engine';
import { finishTrainingBeforeExit } from '../../engine/features/ml/training-wait';

/**
 * Work a `sql` run waits for before the process exits (e.g. model training started by CREATE MODEL).
 * Features add hooks here; `wait` is false with --no-wait.
 */
export type AfterStatementsHook = (warehouse: EmbeddedWarehouse, options: { wait: boolean; stderr: (text: string) => void }) => Promise<void>;

export const afterStatementsHooks: AfterStatementsHook[] = [
  finishTrainingBeforeExit, // Redshift ML: wait for training started by CREATE MODEL (or leave it to resume)
];
