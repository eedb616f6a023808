import { ref } from 'vue';
import { ADMIN_USER, type SqlValue } from '../../../../engine/api/types';
import type { ConsoleResult } from '../../../../engine/host/contract';
import { HostError, host } from '../../host/host-client-access';
import { useConsole } from '../console';
import { useEngine } from '../engine';

/**
 * How the console panels reach the engine: the same `aws …` command lines as the console (so a panel
 * and a command never disagree) and SQL as the admin for catalog views. A failed command throws
 * its stderr, i.e. AWS's own error message.
 */
export class CommandFailed extends Error {
  constructor(
    readonly line: string,
    readonly result: ConsoleResult,
  ) {
    super(result.stderr.trim() || `exit ${result.exitCode}`);
  }
}

export interface CommandFile {
  name: string;
  bytes: Uint8Array;
}

/** Bumped after every panel action, so other panels refresh too. */
export const panelChanges = ref(0);

async function call(line: string, files?: CommandFile[]): Promise<ConsoleResult> {
  try {
    return await host().call('console.run', files?.length ? { line, files } : { line });
  } catch (e) {
    return { exitCode: 255, stdout: '', stderr: e instanceof HostError ? `${e.code}: ${e.message}` : String(e) };
  }
}

function parse<T>(line: string, result: ConsoleResult): T {
  if (result.exitCode !== 0) throw new CommandFailed(line, result);
  const text = result.stdout.trim();
  if (!text) return {} as T;
  try {
    return JSON.parse(text) as T;
  } catch {
    return { output: text } as T;
  }
}

/** A read (`describe-*`, `list-*`): not echoed in the console. */
export async function readJson<T>(line: string): Promise<T> {
  return parse<T>(line, await call(line));
}

/** An action: shown in the console's output as if typed there, so students see the command. */
export async function action<T = Record<string, unknown>>(line: string, files?: CommandFile[]): Promise<T> {
  const result = await call(line, files);
  useConsole().entries.push({ line, ...result });
  // A console command's progress lines (e.g. a table restore) have no total: end them with the command.
  const engine = useEngine();
  if (engine.progress?.phase === 'console') engine.progress = undefined;
  panelChanges.value++;
  return parse<T>(line, result);
}

export type Row = Record<string, SqlValue>;

/** Runs SQL as the admin; rows as objects. A SQL error throws `ERROR: message` (Redshift's words). */
export async function sql(text: string, options: { change?: boolean } = {}): Promise<Row[][]> {
  let outcomes;
  try {
    outcomes = await host().call('sql.execute', { requestId: `panel-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`, user: ADMIN_USER, sql: text, pageSize: 5000 });
  } catch (e) {
    throw new Error(e instanceof HostError ? `ERROR: ${e.message}` : String(e));
  }
  if (options.change) panelChanges.value++;
  return outcomes.map((o) => {
    if (!o.ok) throw new Error(`ERROR: ${o.error.message}`);
    return o.result.rows.map((r) => Object.fromEntries(o.result.columns.map((c, i) => [c.name, r[i] ?? null])));
  });
}

/** Quotes a value for a command line (single quotes, as a shell would). */
export function arg(value: string): string {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replace(/'/g, `'"'"'`)}'`;
}

/** SQL identifier quoting. */
export function ident(name: string): string {
  return /^[a-z_][a-z0-9_$]*$/.test(name) ? name : `"${name.replace(/"/g, '""')}"`;
}

export function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Shared busy/error handling of a panel store: runs work, keeps AWS's message on failure. */
export function usePanelState() {
  const busy = ref(false);
  const error = ref<string>();
  /** A failed read (refresh); kept apart so a refresh never hides an action's error. */
  const loadError = ref<string>();
  const loaded = ref(false);
  async function guard<T>(work: () => Promise<T>): Promise<T | undefined> {
    busy.value = true;
    error.value = undefined;
    try {
      return await work();
    } catch (e) {
      error.value = messageOf(e);
      return undefined;
    } finally {
      busy.value = false;
    }
  }
  async function load(work: () => Promise<void>): Promise<void> {
    try {
      await work();
      loadError.value = undefined;
    } catch (e) {
      loadError.value = messageOf(e);
    } finally {
      loaded.value = true;
    }
  }
  return { busy, error, loadError, loaded, guard, load };
}
