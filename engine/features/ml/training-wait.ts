/**
 * What a one-shot process (the CLI's `sql`) does with training jobs its statements started before it
 * exits: wait for them with progress lines, or (`--no-wait`) leave them TRAINING for the next process
 * that opens the workspace to resume.
 */
import type { EmbeddedWarehouse } from '../../warehouse/embedded-warehouse';
import { MlRuntime } from './ml-runtime';

export async function finishTrainingBeforeExit(warehouse: EmbeddedWarehouse, options: { wait: boolean; stderr: (text: string) => void }): Promise<void> {
  const runtime = MlRuntime.of(warehouse);
  if (runtime.runningCount() === 0) return;
  if (!options.wait) {
    runtime.detach();
    options.stderr('Model training continues when the workspace is opened again (--no-wait).\n');
    return;
  }
  const unsubscribe = runtime.onEvent((e) => {
    const p = e.progress;
    const best = p.leaderboard.length ? ` best ${p.leaderboard[0]!.metricName} so far ${Math.max(...p.leaderboard.map((l) => l.validationMetric)).toFixed(4)}` : '';
    if (e.state === 'TRAINING') options.stderr(`CREATE MODEL ${e.schema}.${e.name}: ${p.phase} ${p.done}/${p.total} candidates, ${p.elapsedSec.toFixed(1)} s${best}\n`);
    else options.stderr(`CREATE MODEL ${e.schema}.${e.name}: ${e.state}\n`);
  });
  try {
    await runtime.idle();
  } finally {
    unsubscribe();
  }
}
