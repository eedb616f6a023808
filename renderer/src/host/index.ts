import { HostClient } from './host-client';
import { ipcTransport, preloadApi } from './ipc-transport';
import { workerTransport } from './worker-transport';

let client: HostClient | undefined;

/** The one host client of the app: Electron's IPC when the preload is there, else a Web Worker. */
export function host(): HostClient {
  if (!client) {
    const api = preloadApi();
    client = new HostClient(api ? ipcTransport(api) : workerTransport());
  }
  return client;
}

/** For tests: use a given client. */
export function setHost(c: HostClient): void {
  client = c;
}
