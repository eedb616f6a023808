import type { EventMessage, RequestMessage, ResponseMessage } from '../../../engine/host/contract';
import type { Transport } from './transport';

/** What electron/preload.ts exposes on `window.warehouseLab` (and nothing more). */
export interface PreloadApi {
  send(message: RequestMessage): void;
  onMessage(listener: (message: ResponseMessage | EventMessage) => void): void;
  restartEngine(): Promise<void>;
  openSqlFile(): Promise<{ name: string; text: string } | undefined>;
  saveSqlFile(name: string, text: string): Promise<string | undefined>;
  versions: Record<string, string>;
}

export function ipcTransport(api: PreloadApi): Transport {
  return {
    name: 'electron',
    send: (message) => api.send(message),
    onMessage: (listener) => api.onMessage(listener),
    restart: () => api.restartEngine(),
  };
}

export function preloadApi(): PreloadApi | undefined {
  return (globalThis as { warehouseLab?: PreloadApi }).warehouseLab;
}
