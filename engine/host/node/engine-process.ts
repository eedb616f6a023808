/**
 * The Node host: the engine in its own process (Electron utility process, or a forked Node
 * process), the workspace in a folder on disk. Messages follow contract.ts; a kill of this process
 * (hard cancel, crash) leaves the workspace intact for the next start.
 */
import './threads';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { isWorkspace, openFolderWorkspace } from '../../workspace/node/open-folder-workspace';
import { createHostHandlers, dispatchRequest } from '../host-core';
import type { EventMessage, HostEventName, HostEvents, RequestMessage, ResponseMessage } from '../contract';
import type { LabsLoader } from '../labs-provider';

export interface Port {
  post(message: ResponseMessage | EventMessage): void;
  onMessage(listener: (message: unknown) => void): void;
}

/** The channel to the parent: Electron's parentPort, else Node's IPC channel (fork). */
export function parentPort(): Port {
  const electronPort = (process as unknown as { parentPort?: { postMessage(m: unknown): void; on(e: 'message', l: (e: { data: unknown }) => void): void } }).parentPort;
  if (electronPort) return { post: (m) => electronPort.postMessage(m), onMessage: (l) => electronPort.on('message', (e) => l(e.data)) };
  if (process.send) return { post: (m) => process.send!(m), onMessage: (l) => process.on('message', l) };
  throw new Error('the engine process needs a parent (Electron utility process or fork)');
}

export function runEngineProcess(options: { workspaceDir: string; version: string; loadLabs: LabsLoader; port: Port }): void {
  const { workspaceDir, port } = options;
  const emit = <E extends HostEventName>(event: E, payload: HostEvents[E]) => port.post({ kind: 'event', event, payload });
  const handlers = createHostHandlers({
    engineVersion: options.version,
    emit,
    loadLabs: options.loadLabs,
    async openWorkspace(reset) {
      if (reset) {
        await rm(join(workspaceDir, 'pgdata'), { recursive: true, force: true });
        await rm(join(workspaceDir, 's3'), { recursive: true, force: true });
        await rm(join(workspaceDir, 'workspace.json'), { force: true });
      }
      const created = !isWorkspace(workspaceDir);
      const warehouse = await openFolderWorkspace(workspaceDir);
      return { warehouse, created, location: workspaceDir, kind: 'node-dir' };
    },
  });
  handlers.prepare();
  port.onMessage((raw) => {
    const message = raw as RequestMessage;
    if (!message || message.kind !== 'request' || typeof message.id !== 'number') return;
    void dispatchRequest(handlers, message).then((response) => port.post(response));
  });
  const shutdown = () => void handlers.close().finally(() => process.exit(0));
  process.on('SIGTERM', shutdown);
}
