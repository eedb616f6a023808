import { validateRequest, type EventMessage, type RequestMessage, type ResponseMessage } from '../engine/host/contract';

/** IPC channel names shared by main and preload. */
export const IPC = {
  request: 'wl:request',
  message: 'wl:message',
  restart: 'wl:restart-engine',
  openSql: 'wl:open-sql',
  saveSql: 'wl:save-sql',
} as const;

export interface SenderLike {
  id: number;
  send(channel: string, message: unknown): void;
}
export interface IpcEventLike {
  sender: SenderLike;
  senderFrame: { url: string } | null;
}
export interface IpcMainLike {
  on(channel: string, listener: (event: IpcEventLike, ...args: unknown[]) => void): unknown;
  handle(channel: string, listener: (event: IpcEventLike, ...args: unknown[]) => unknown): unknown;
}

export interface Dialogs {
  openSqlFile(): Promise<{ name: string; text: string } | undefined>;
  saveSqlFile(name: string, text: string): Promise<string | undefined>;
}

/** Only our own page (the packaged renderer) may talk to the engine. */
export function isTrustedSender(event: IpcEventLike, trustedUrlPrefix: string): boolean {
  const url = event.senderFrame?.url ?? '';
  return url.startsWith(trustedUrlPrefix);
}

/**
 * Wires the renderer's requests to the engine: sender checked, payload validated against the
 * contract, answers routed back to the window that asked.
 */
export function registerIpcHandlers(options: {
  ipcMain: IpcMainLike;
  trustedUrlPrefix: string;
  engine: { send(message: RequestMessage): void; restart(): Promise<void> };
  dialogs: Dialogs;
  reply: (sender: SenderLike, message: ResponseMessage | EventMessage) => void;
  remember: (sender: SenderLike) => void;
}): void {
  const { ipcMain, trustedUrlPrefix, engine, dialogs } = options;
  ipcMain.on(IPC.request, (event, raw) => {
    if (!isTrustedSender(event, trustedUrlPrefix)) return;
    const message = raw as RequestMessage;
    if (typeof message !== 'object' || message === null || message.kind !== 'request' || !Number.isInteger(message.id)) return;
    options.remember(event.sender);
    const invalid = validateRequest(message.channel, message.payload);
    if (invalid) {
      options.reply(event.sender, { kind: 'response', id: message.id, ok: false, error: invalid });
      return;
    }
    engine.send({ kind: 'request', id: message.id, channel: message.channel, payload: message.payload } as RequestMessage);
  });
  ipcMain.handle(IPC.restart, async (event) => {
    if (!isTrustedSender(event, trustedUrlPrefix)) throw new Error('untrusted sender');
    await engine.restart();
  });
  ipcMain.handle(IPC.openSql, async (event) => {
    if (!isTrustedSender(event, trustedUrlPrefix)) throw new Error('untrusted sender');
    return dialogs.openSqlFile();
  });
  ipcMain.handle(IPC.saveSql, async (event, name, text) => {
    if (!isTrustedSender(event, trustedUrlPrefix)) throw new Error('untrusted sender');
    if (typeof name !== 'string' || typeof text !== 'string' || name.length > 1024 || text.length > 10_000_000) throw new Error('invalid save request');
    return dialogs.saveSqlFile(name, text);
  });
}
