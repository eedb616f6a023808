import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { StatementOutcome } from '../../../engine/api/types';
import { CANCELLED, HostError, host } from '../host/host-client-access';
import { useEngine } from './engine';

/** Rows per page fetched from the engine; the grid fetches more as it scrolls. */
export const PAGE_SIZE = 500;
/** How long a polite cancel (checked between statements) gets before the engine is restarted. */
export const HARD_CANCEL_AFTER_MS = 400;

export interface RunRecord {
  /** The text submitted (positions in errors are 1-based within it). */
  sql: string;
  /** Where `sql` starts in the editor (0-based), to place error markers. */
  editorOffset: number;
  user: string;
  outcomes: StatementOutcome[];
  elapsedMs: number;
  /** Which engine ran it: the cluster, or Athena over the Glue catalog. */
  engine: QueryEngine;
}

export type QueryEngine = 'redshift' | 'athena';

/** Where a run goes: the cluster as a user, or Athena with a default Glue database. */
export type RunTarget = { engine: 'redshift' } | { engine: 'athena'; database?: string };

/** Runs SQL through the host (one batch at a time) and cancels it for sure. */
export const useRunner = defineStore('runner', () => {
  const running = ref(false);
  const last = ref<RunRecord>();
  let currentRequest: string | undefined;
  let counter = 0;

  async function run(sql: string, user: string, editorOffset = 0, target: RunTarget = { engine: 'redshift' }): Promise<RunRecord> {
    const requestId = `run-${Date.now()}-${++counter}`;
    currentRequest = requestId;
    running.value = true;
    const started = performance.now();
    let outcomes: StatementOutcome[];
    try {
      outcomes =
        target.engine === 'athena'
          ? await host().call('athena.query', { sql, ...(target.database ? { database: target.database } : {}) })
          : await host().call('sql.execute', { requestId, user, sql, pageSize: PAGE_SIZE });
    } catch (e) {
      const error = e instanceof HostError ? { code: e.code, message: e.message, ...(e.position !== undefined ? { position: e.position } : {}) } : CANCELLED;
      outcomes = [{ ok: false, sql, error }];
    } finally {
      // A statement's progress ends with it (a message without a total, e.g. CREATE MODEL's, never reaches it).
      useEngine().endProgress(requestId);
      if (currentRequest === requestId) {
        running.value = false;
        currentRequest = undefined;
      }
    }
    const record: RunRecord = { sql, editorOffset, user, outcomes, elapsedMs: performance.now() - started, engine: target.engine };
    last.value = record;
    return record;
  }

  /** Asks politely, then restarts the engine if the statement is still running. */
  async function cancel(): Promise<void> {
    const requestId = currentRequest;
    if (!requestId) return;
    const settled = new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        if (currentRequest !== requestId) {
          clearInterval(timer);
          resolve();
        }
      }, 25);
    });
    void host().call('sql.cancel', { requestId }).catch(() => undefined);
    const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), HARD_CANCEL_AFTER_MS));
    if ((await Promise.race([settled, timeout])) === 'timeout' && currentRequest === requestId) await host().restart('cancel');
  }

  return { running, last, run, cancel };
});
