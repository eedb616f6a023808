import { ADMIN_USER, type Session, type SqlErrorShape, type StatementOutcome } from '../api/types';
import type { ConsoleIo, ConsoleOutput } from '../console/console-command';
import { runConsoleCommand, splitCommandLine } from '../console/run-console-command';
import type { EmbeddedWarehouse } from '../warehouse/embedded-warehouse';
import { LAB_FILES_PREFIX, withLabFiles } from '../console/lab-files-io';

/**
 * A workspace as the lab runtime sees it: the warehouse, the data seed it was built from (1 = the
 * course data, 2 = the hidden variant) and how console commands read the student's local files.
 */
export interface LabEnvironment {
  readonly warehouse: EmbeddedWarehouse;
  readonly seed: number;
  /** Local files outside `lab-files/` (CLI: the file system). Optional. */
  readonly io?: ConsoleIo;
  /** Ids of the sessions the runtime opened (their statements are not the student's work). */
  readonly runtimeSessions: Set<string>;
  /** Values captured from console output (`capture`), used as `${name}` in later console lines. */
  readonly variables: Map<string, string>;
  /** Open sessions per user, reused between statements (opening one costs ~0.1 s). */
  readonly sessions: Map<string, Session>;
}

export function labEnvironment(warehouse: EmbeddedWarehouse, options: { seed?: number; io?: ConsoleIo } = {}): LabEnvironment {
  return { warehouse, seed: options.seed ?? 1, ...(options.io ? { io: options.io } : {}), runtimeSessions: new Set(), variables: new Map(), sessions: new Map() };
}

/**
 * Runs SQL text as a user. Sessions are reused per user; one that ends up changed by what it ran
 * (an open transaction, another identity) is closed and not reused.
 */
export async function runSql(env: LabEnvironment, sql: string, user = ADMIN_USER, continueOnError = false): Promise<StatementOutcome[]> {
  let session = env.sessions.get(user);
  if (!session) {
    session = await env.warehouse.session(user);
    env.runtimeSessions.add((session as unknown as { id: string }).id);
    env.sessions.set(user, session);
  }
  let outcomes: StatementOutcome[] | undefined;
  try {
    outcomes = await session.execute(sql, { continueOnError });
    return outcomes;
  } finally {
    const changed = !outcomes || session.inTransaction || session.currentUser !== user;
    if (changed) {
      env.sessions.delete(user);
      if (session.inTransaction) await session.execute('ROLLBACK').catch(() => undefined);
      await session.close().catch(() => undefined);
    }
  }
}

/** Closes the sessions the runtime keeps open (the warehouse also closes them when it closes). */
export async function closeLabSessions(env: LabEnvironment): Promise<void> {
  for (const session of env.sessions.values()) await session.close().catch(() => undefined);
  env.sessions.clear();
}

/** The first failure of a batch, if any. */
export function firstError(outcomes: StatementOutcome[]): { sql: string; error: SqlErrorShape } | undefined {
  const failed = outcomes.find((o) => !o.ok);
  return failed && !failed.ok ? { sql: failed.sql, error: failed.error } : undefined;
}

/** Runs a console line (`aws s3 cp …`, `clock advance 8h`); `lab-files/…` paths read the workspace store. */
export async function runConsole(env: LabEnvironment, line: string): Promise<ConsoleOutput> {
  const argv = splitCommandLine(line.replace(/\$\{(\w+)\}/g, (m, name: string) => env.variables.get(name) ?? m));
  if (argv[0] === 'aws') argv.shift();
  const io = withLabFiles(env.warehouse.store, env.io);
  try {
    return await runConsoleCommand(env.warehouse, argv, io);
  } catch (e) {
    return { exitCode: 255, stdout: '', stderr: `\n${e instanceof Error ? e.message : String(e)}\n` };
  }
}

/** The files labs generate for the student (`lab-files/…`), e.g. for the app to offer in its console. */
export async function listLabFiles(env: LabEnvironment): Promise<Array<{ path: string; size: number }>> {
  return (await env.warehouse.store.listFiles(LAB_FILES_PREFIX)).map((f) => ({ path: f.path, size: f.size }));
}

export async function readLabFile(env: LabEnvironment, path: string): Promise<Uint8Array | undefined> {
  return path.startsWith(LAB_FILES_PREFIX) ? env.warehouse.store.readFile(path) : undefined;
}
