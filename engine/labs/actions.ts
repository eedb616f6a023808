import { ADMIN_USER } from '../api/types';
import { churnCsv, generateChurnData } from '../seed';
import { csvField } from '../seed/csv';
import { firstError, runConsole, runSql, type LabEnvironment } from './environment';
import type { Action, Check } from './types';
import { runCheck } from './checks/run-check';
import { valueAt } from './checks/store-console-checks';

/** Why an action failed, in words a lab author or student can act on. */
export class LabActionError extends Error {
  constructor(
    readonly action: Action,
    message: string,
  ) {
    super(message);
  }
}

/** Runs actions in order; the first failure throws LabActionError (unless the SQL action continues on error). */
export async function runActions(env: LabEnvironment, actions: Action[], defaultUser = ADMIN_USER): Promise<void> {
  for (const action of actions) await runAction(env, action, defaultUser);
}

export async function runAction(env: LabEnvironment, action: Action, defaultUser = ADMIN_USER): Promise<void> {
  if ('sql' in action) {
    const outcomes = await runSql(env, action.sql, action.user ?? defaultUser, action.continueOnError ?? false);
    const failed = firstError(outcomes);
    if (failed && !action.continueOnError) {
      throw new LabActionError(action, `SQL failed: ${failed.error.code} ${failed.error.message}\n  in: ${failed.sql.slice(0, 200)}`);
    }
  } else if ('console' in action) {
    const out = await runConsole(env, action.console);
    if (out.exitCode !== 0) {
      if (action.continueOnError) return;
      throw new LabActionError(action, `console command failed (exit ${out.exitCode}): ${action.console}\n  ${out.stderr.trim()}`);
    }
    if (action.capture) {
      let value: unknown;
      try {
        value = valueAt(JSON.parse(out.stdout), action.capture.path);
      } catch {
        value = undefined;
      }
      if (value === undefined || value === null) throw new LabActionError(action, `no ${action.capture.path} in the output of ${action.console}`);
      env.variables.set(action.capture.name, String(value));
    }
  } else if ('until' in action) {
    await waitUntil(env, action.until, (action.timeoutSeconds ?? 600) * 1000, action);
  } else {
    await env.warehouse.store.writeFile(action.file.path, await datasetCsv(env, action.file.dataset));
  }
}

/** Polls a check (e.g. SHOW MODEL … READY) until it passes or the time is up. */
async function waitUntil(env: LabEnvironment, check: Check, timeoutMs: number, action: Action): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const result = await runCheck(env, check);
    if (result.passed) return;
    if (Date.now() > deadline) throw new LabActionError(action, `still waiting after ${timeoutMs / 1000} s: ${result.details.map((d) => d.en).join(' / ')}`);
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

/** The CSV a lab hands the student: generated for this workspace's data seed. */
async function datasetCsv(env: LabEnvironment, dataset: 'user_session_channel' | 'churn'): Promise<string> {
  if (dataset === 'churn') return churnCsv(generateChurnData(env.seed));
  // From the workspace's own table, so the hidden variant's file matches its data. No header:
  // the lecture's CREATE EXTERNAL TABLE reads every line as a record.
  const result = await env.warehouse.runAsSystem((backend) =>
    backend.query('SELECT userid, sessionid, channel FROM raw_data.user_session_channel ORDER BY sessionid'),
  );
  return result.rows.map((row) => row.map((v) => csvField(v as string | number | null)).join(',')).join('\n') + '\n';
}
