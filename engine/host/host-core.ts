import type { Session } from '../api/types';
import { SqlError } from '../errors/sql-error';
import { runConsoleCommand, splitCommandLine } from '../console/run-console-command';
import { withLabFiles } from '../console/lab-files-io';
import type { EmbeddedWarehouse } from '../warehouse/embedded-warehouse';
import { catalogSnapshot } from './catalog-snapshot';
import { LocalS3, S3Problem } from '../features/s3/local-s3';
import { AthenaError, athenaFailure, athenaOutcome, runAthenaQuery } from '../features/athena';
import {
  toErrorShape,
  validateRequest,
  type HostEventName,
  type HostEvents,
  type HostHandlers,
  type RequestMessage,
  type ResponseMessage,
  type WorkspaceStatus,
} from './contract';
import type { LabsLoader, LabsProvider } from './labs-provider';
import { uploadProgress } from './upload-progress';

export interface OpenedWorkspace {
  warehouse: EmbeddedWarehouse;
  created: boolean;
  location: string;
  kind: WorkspaceStatus['kind'];
}

export interface HostDeps {
  /** Opens (or with `reset`, recreates) the workspace. */
  openWorkspace(reset: boolean): Promise<OpenedWorkspace>;
  loadLabs: LabsLoader;
  emit<E extends HostEventName>(event: E, payload: HostEvents[E]): void;
  engineVersion: string;
}

/** The engine side of the contract, shared by every host (web worker, utility process). */
export function createHostHandlers(deps: HostDeps): HostHandlers & { close(): Promise<void>; prepare(): void } {
  let opened: OpenedWorkspace | undefined;
  let opening: Promise<OpenedWorkspace> | undefined;
  let labs: LabsProvider | undefined;
  let postgresVersion = '';
  const sessions = new Map<string, Session>();
  const running = new Map<string, AbortController>();

  async function workspace(): Promise<OpenedWorkspace> {
    if (opened) return opened;
    opening ??= (async () => {
      const w = await deps.openWorkspace(false);
      await afterOpen(w);
      return w;
    })();
    try {
      return await opening;
    } finally {
      opening = undefined;
    }
  }

  async function afterOpen(w: OpenedWorkspace): Promise<void> {
    const v = await w.warehouse.runAsSystem((b) => b.query('SHOW server_version'));
    postgresVersion = String(v.rows[0]?.[0] ?? '');
    labs = await deps.loadLabs(w.warehouse);
    opened = w;
  }

  async function session(user: string): Promise<Session> {
    const existing = sessions.get(user);
    if (existing) return existing;
    const created = await (await workspace()).warehouse.session(user);
    sessions.set(user, created);
    return created;
  }

  function status(w: OpenedWorkspace): WorkspaceStatus {
    return {
      ready: true,
      location: w.location,
      kind: w.kind,
      created: w.created,
      engineVersion: deps.engineVersion,
      postgresVersion,
      labsInstalled: labs !== undefined,
    };
  }

  async function closeAll(): Promise<void> {
    for (const s of sessions.values()) await s.close().catch(() => undefined);
    sessions.clear();
    if (opened) await opened.warehouse.close();
    opened = undefined;
  }

  async function labsOrFail(): Promise<LabsProvider> {
    await workspace();
    if (!labs) throw new SqlError('0A000', 'labs not installed: this build has no lab content');
    return labs;
  }

  return {
    async 'workspace.open'({ reset }) {
      if (reset) {
        await opening?.catch(() => undefined);
        await closeAll();
        const w = await deps.openWorkspace(true);
        await afterOpen(w);
        return status(w);
      }
      return status(await workspace());
    },
    async 'workspace.status'() {
      return status(await workspace());
    },
    async 'sql.execute'({ requestId, user, sql, pageSize }) {
      // Registered before the first await, so a cancel that arrives at any point finds it.
      const controller = new AbortController();
      running.set(requestId, controller);
      try {
        const s = await session(user);
        return await s.execute(sql, {
          pageSize: pageSize ?? 1000,
          signal: controller.signal,
          onProgress: (p) => deps.emit('progress', { ...p, requestId }),
        });
      } finally {
        running.delete(requestId);
      }
    },
    async 'sql.fetchPage'({ user, resultId, offset, limit }) {
      return (await session(user)).fetchPage(resultId, offset, limit);
    },
    async 'sql.cancel'({ requestId }) {
      const controller = running.get(requestId);
      controller?.abort();
      return { cancelled: controller !== undefined };
    },
    async 'users.list'() {
      return (await workspace()).warehouse.users();
    },
    async 'catalog.get'() {
      return catalogSnapshot((await workspace()).warehouse);
    },
    async 'console.run'({ line, files }) {
      const argv = splitCommandLine(line);
      if (argv[0] === 'aws') argv.shift();
      const picked = new Map((files ?? []).map((f) => [f.name, f.bytes]));
      const { warehouse } = await workspace();
      const uploads = argv[0] === 's3' && argv[1] === 'cp' ? uploadProgress((p) => deps.emit('progress', p)) : undefined;
      const localFiles = withLabFiles(warehouse.store, {
        async readLocalFile(path) {
          const bytes = picked.get(path) ?? picked.get(path.split(/[\\/]/).pop() ?? path);
          if (!bytes) throw new Error(`The user-provided path ${path} does not exist.`);
          return bytes;
        },
        async listLocalFiles(folder) {
          const prefix = folder.replace(/[\\/]+$/, '') + '/';
          return [...picked.keys()].filter((n) => n.startsWith(prefix)).map((n) => n.slice(prefix.length));
        },
      });
      return runConsoleCommand(warehouse, argv, {
        ...localFiles,
        async readLocalFile(path) {
          const bytes = await localFiles.readLocalFile(path);
          uploads?.started(path, bytes.length);
          return bytes;
        },
        progress: (message) => deps.emit('progress', { phase: 'console', done: 0, message }),
      })
        .catch((e: unknown) => ({ exitCode: 255, stdout: '', stderr: `\n${e instanceof Error ? e.message : String(e)}\n` }))
        .then((result) => {
          uploads?.ended(result.exitCode);
          return result;
        });
    },
    async 'athena.query'({ sql, database }) {
      const { warehouse } = await workspace();
      try {
        return [athenaOutcome(sql, await runAthenaQuery(warehouse, sql, database ? { database } : {}))];
      } catch (e) {
        if (e instanceof AthenaError) return [athenaFailure(sql, e)];
        throw e;
      }
    },
    async 's3.getObject'({ bucket, key }) {
      try {
        return { bytes: await new LocalS3((await workspace()).warehouse.store).get(bucket, key) };
      } catch (e) {
        if (e instanceof S3Problem) throw { code: e.code, message: e.message };
        throw e;
      }
    },
    async 'labs.list'(r) {
      return (await labsOrFail())['labs.list'](r);
    },
    async 'labs.get'(r) {
      return (await labsOrFail())['labs.get'](r);
    },
    async 'labs.hint'(r) {
      return (await labsOrFail())['labs.hint'](r);
    },
    async 'labs.solution'(r) {
      return (await labsOrFail())['labs.solution'](r);
    },
    async 'labs.check'(r) {
      return (await labsOrFail())['labs.check'](r);
    },
    async 'labs.reset'(r) {
      return (await labsOrFail())['labs.reset'](r);
    },
    close: closeAll,
    /** Starts opening the workspace before the first request asks for it (startup time). */
    prepare() {
      void workspace().catch(() => undefined); // the first request reports the error and retries
    },
  };
}

/** Validates one wire request and runs it: the same for every transport. */
export async function dispatchRequest(handlers: HostHandlers, message: RequestMessage): Promise<ResponseMessage> {
  const invalid = validateRequest(message.channel, message.payload);
  if (invalid) return { kind: 'response', id: message.id, ok: false, error: invalid };
  try {
    const handler = handlers[message.channel] as (payload: unknown) => Promise<unknown>;
    const value = await handler(message.payload);
    return { kind: 'response', id: message.id, ok: true, value };
  } catch (e) {
    return { kind: 'response', id: message.id, ok: false, error: toErrorShape(e) };
  }
}
