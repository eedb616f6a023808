import type { EventMessage, RequestMessage, ResponseMessage } from '../../../engine/host/contract';

/** How the renderer reaches the engine host: a Web Worker or Electron's IPC. Same messages either way. */
export interface Transport {
  readonly name: 'web-worker' | 'electron';
  send(message: RequestMessage): void;
  onMessage(listener: (message: ResponseMessage | EventMessage) => void): void;
  /** Kills the host and starts a fresh one on the same (persistent) workspace. */
  restart(): Promise<void>;
}
