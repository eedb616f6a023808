import type { LabEnvironment } from './environment';

const PROGRESS_FILE = 'labs/progress.json';
const KEPT_SESSIONS = 500;

interface LabProgress {
  completed: string[];
  /** Query id (STL_QUERY) after which the student's work on a step starts. */
  stepStart: Record<string, number>;
}

interface ProgressFile {
  labs: Record<string, LabProgress>;
  /** Sessions the lab runtime opened: their statements are not the student's. */
  runtimeSessions: string[];
}

/** The student's lab progress, kept in the workspace store (`labs/progress.json`). */
export async function readProgress(env: LabEnvironment): Promise<ProgressFile> {
  const file = await env.warehouse.store.readJson<ProgressFile>(PROGRESS_FILE);
  return { labs: file?.labs ?? {}, runtimeSessions: file?.runtimeSessions ?? [] };
}

async function update(env: LabEnvironment, change: (p: ProgressFile) => void): Promise<void> {
  const progress = await readProgress(env);
  change(progress);
  progress.runtimeSessions = [...new Set([...progress.runtimeSessions, ...env.runtimeSessions])].slice(-KEPT_SESSIONS);
  await env.warehouse.store.writeJson(PROGRESS_FILE, progress);
}

function lab(progress: ProgressFile, labId: string): LabProgress {
  return (progress.labs[labId] ??= { completed: [], stepStart: {} });
}

export async function markStepStarted(env: LabEnvironment, labId: string, stepId: string): Promise<void> {
  const queryId = await env.warehouse.runAsSystem(async (backend) => {
    const r = await backend.query('SELECT coalesce(max(query), 0) FROM wl_sys.query_history');
    return Number(r.rows[0]?.[0] ?? 0);
  });
  const last = Math.max(queryId, env.warehouse.history.currentId);
  await update(env, (p) => {
    const l = lab(p, labId);
    l.stepStart[stepId] = last;
    l.completed = l.completed.filter((s) => s !== stepId);
  });
}

export async function markStepCompleted(env: LabEnvironment, labId: string, stepId: string, passed: boolean): Promise<void> {
  await update(env, (p) => {
    const l = lab(p, labId);
    l.completed = l.completed.filter((s) => s !== stepId);
    if (passed) l.completed.push(stepId);
  });
}

export async function resetLabProgress(env: LabEnvironment, labId: string): Promise<void> {
  await update(env, (p) => {
    delete p.labs[labId];
  });
}

/** The student's successful statements since the step started (STL_QUERY), runtime probes excluded. */
export async function recordedStatements(env: LabEnvironment, labId: string, stepId: string): Promise<string[]> {
  const progress = await readProgress(env);
  const start = progress.labs[labId]?.stepStart[stepId] ?? 0;
  const excluded = [...new Set([...progress.runtimeSessions, ...env.runtimeSessions])];
  const r = await env.warehouse.runAsSystem((backend) =>
    backend.query(
      `SELECT querytxt FROM wl_sys.query_history
       WHERE query > $1 AND NOT aborted AND error_code IS NULL AND NOT (session_id = ANY($2::text[])) ORDER BY query`,
      [start, excluded],
    ),
  );
  return r.rows.map((row) => String(row[0]));
}
