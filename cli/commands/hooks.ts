import type { EmbeddedWarehouse } from '../../engine';

/**
 * Work a `sql` run waits for before the process exits (e.g. model training started by CREATE MODEL).
 * Features add hooks here; `wait` is false with --no-wait.
 */
export type AfterStatementsHook = (warehouse: EmbeddedWarehouse, options: { wait: boolean; stderr: (text: string) => void }) => Promise<void>;

export const afterStatementsHooks: AfterStatementsHook[] = [];
