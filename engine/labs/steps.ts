import { ADMIN_USER } from '../api/types';
import { runActions } from './actions';
import type { LabEnvironment } from './environment';
import { markStepStarted } from './progress';
import type { Action, Lab, Step } from './types';

export function findStep(lab: Lab, stepId: string): { step: Step; index: number } {
  const index = lab.steps.findIndex((s) => s.id === stepId);
  if (index === -1) throw new Error(`lab ${lab.id} has no step "${stepId}"`);
  return { step: lab.steps[index]!, index };
}

/**
 * Puts a workspace in a step's starting state from any state: the lab's setup, then every earlier
 * step's setup and reference solution, then the step's own setup. Every action is idempotent.
 */
export async function startStep(env: LabEnvironment, lab: Lab, stepId: string): Promise<void> {
  const { index } = findStep(lab, stepId);
  await runActions(env, lab.setup);
  for (const earlier of lab.steps.slice(0, index)) {
    await runActions(env, earlier.setup, earlier.user ?? ADMIN_USER);
    await runActions(env, earlier.solution, earlier.user ?? ADMIN_USER);
  }
  await runActions(env, lab.steps[index]!.setup, lab.steps[index]!.user ?? ADMIN_USER);
  await markStepStarted(env, lab.id, stepId);
}

/** The reference solution as one text: SQL as is, console commands as `-- $ aws …` lines. */
export function solutionText(actions: Action[]): string {
  return actions
    .map((a) =>
      'sql' in a ? a.sql.trim().replace(/;?$/, ';') : 'console' in a ? `-- $ ${a.console}` : 'until' in a ? `-- (wait until: ${a.until.description?.en ?? a.until.kind})` : `-- (file ${a.file.path})`,
    )
    .join('\n\n');
}

/** The SQL of a solution (what can be replayed on a hidden variant). */
export function solutionSql(actions: Action[]): string {
  return actions.flatMap((a) => ('sql' in a ? [a.sql.trim().replace(/;?$/, ';')] : [])).join('\n');
}
