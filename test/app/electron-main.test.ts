import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { EventMessage, RequestMessage, ResponseMessage } from '../../engine/host/contract';
import { EngineSupervisor, type ChildProcessLike } from '../../electron/engine-supervisor';
import { IPC, registerIpcHandlers, type IpcEventLike } from '../../electron/ipc-handlers';
import { CONTENT_SECURITY_POLICY, isAllowedNavigation } from '../../electron/security';

const electron = vi.hoisted(() => {
  const listeners: Record<string, (...args: unknown[]) => void> = {};
  const created: Array<{ options: Record<string, unknown>; loadFile: ReturnType<typeof vi.fn> }> = [];
  return {
    listeners,
    created,
    exposed: {} as Record<string, unknown>,
    forks: [] as Array<{ path: string; env: Record<string, string> }>,
  };
});

vi.mock('electron', () => {
  class BrowserWindow {
    static getAllWindows = () => [];
    webContents = { send: vi.fn(), isDestroyed: () => false, reload: vi.fn(), toggleDevTools: vi.fn() };
    loadFile = vi.fn(async () => undefined);
    constructor(options: Record<string, unknown>) {
      electron.created.push({ options, loadFile: this.loadFile });
    }
    once() {}
    reload() {}
  }
  const fakeChild = () => ({ postMessage: vi.fn(), on: vi.fn(), kill: vi.fn(() => true) });
  return {
    app: {
      requestSingleInstanceLock: () => true,
      setName: vi.fn(),
      on: (event: string, l: (...args: unknown[]) => void) => (electron.listeners[`app:${event}`] = l),
      whenReady: () => Promise.resolve(),
      getPath: () => '/tmp/wl-user-data',
      quit: vi.fn(),
    },
    BrowserWindow,
    dialog: { showOpenDialog: vi.fn(), showSaveDialog: vi.fn() },
    ipcMain: { on: vi.fn(), handle: vi.fn() },
    Menu: { setApplicationMenu: vi.fn(), buildFromTemplate: vi.fn((t: unknown) => t) },
    session: { defaultSession: { webRequest: { onHeadersReceived: vi.fn() }, setPermissionRequestHandler: vi.fn() } },
    shell: { openExternal: vi.fn() },
    utilityProcess: {
      fork: (path: string, _args: string[], options: { env: Record<string, string> }) => {
        electron.forks.push({ path, env: options.env });
        return fakeChild();
      },
    },
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => (electron.exposed[key] = api) },
    ipcRenderer: { send: vi.fn(), on: vi.fn(), invoke: vi.fn(async () => undefined) },
  };
});

describe('main process', () => {
  it('opens one secure 1280×800 window and the engine in a utility process on the user-data workspace', async () => {
    await import('../../electron/main');
    await new Promise((r) => setTimeout(r, 0));
    expect(electron.created).toHaveLength(1);
    const options = electron.created[0]!.options as { minWidth: number; minHeight: number; webPreferences: Record<string, unknown> };
    expect([options.minWidth, options.minHeight]).toEqual([1280, 800]);
    expect(options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });
    expect(String(options.webPreferences.preload)).toMatch(/preload\.cjs$/);
    expect(electron.forks[0]!.path).toMatch(/engine-process\.mjs$/);
    expect(electron.forks[0]!.env.WAREHOUSE_LAB_WORKSPACE).toBe('/tmp/wl-user-data/workspace');
  });

  it('blocks navigation away from the app and new windows', async () => {
    const handlers: Record<string, (...args: unknown[]) => unknown> = {};
    let openHandler: ((d: { url: string }) => { action: string }) | undefined;
    const contents = { on: (e: string, h: (...a: unknown[]) => unknown) => (handlers[e] = h), setWindowOpenHandler: (h: typeof openHandler) => (openHandler = h) };
    electron.listeners['app:web-contents-created']!({}, contents);
    const prevent = vi.fn();
    handlers['will-navigate']!({ preventDefault: prevent }, 'https://example.com/');
    expect(prevent).toHaveBeenCalled();
    expect(openHandler!({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    expect(isAllowedNavigation('file:///app/dist/web/index.html', 'file:///app/dist/web')).toBe(true);
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/https?:/);
  });

  it('preload exposes only the typed API', async () => {
    await import('../../electron/preload');
    const api = electron.exposed['warehouseLab'] as Record<string, unknown>;
    expect(Object.keys(api).sort()).toEqual(['onMessage', 'openSqlFile', 'restartEngine', 'saveSqlFile', 'send', 'versions']);
    const { ipcRenderer } = await import('electron');
    (api.send as (m: unknown) => void)({ kind: 'request', id: 1, channel: 'users.list', payload: {} });
    expect(ipcRenderer.send).toHaveBeenCalledWith(IPC.request, { kind: 'request', id: 1, channel: 'users.list', payload: {} });
  });
});

describe('IPC handlers', () => {
  const on: Record<string, (event: IpcEventLike, ...args: unknown[]) => unknown> = {};
  const handle: Record<string, (event: IpcEventLike, ...args: unknown[]) => unknown> = {};
  const sent: RequestMessage[] = [];
  const replies: Array<ResponseMessage | EventMessage> = [];
  const trusted = (): IpcEventLike => ({ sender: { id: 1, send: vi.fn() }, senderFrame: { url: 'file:///app/dist/web/index.html' } });
  const untrusted = (): IpcEventLike => ({ sender: { id: 2, send: vi.fn() }, senderFrame: { url: 'https://evil.example/' } });

  beforeEach(() => {
    sent.length = 0;
    replies.length = 0;
    registerIpcHandlers({
      ipcMain: { on: (c, l) => (on[c] = l), handle: (c, l) => (handle[c] = l) },
      trustedUrlPrefix: 'file:///app/dist/web',
      engine: { send: (m) => void sent.push(m), restart: vi.fn(async () => undefined) },
      dialogs: { openSqlFile: async () => ({ name: 'a.sql', text: 'SELECT 1' }), saveSqlFile: async (name) => name },
      reply: (_s, m) => void replies.push(m),
      remember: () => undefined,
    });
  });

  it('forwards valid requests from the app page only', () => {
    const request = { kind: 'request', id: 3, channel: 'sql.execute', payload: { requestId: 'r', user: 'awsuser', sql: 'SELECT 1' } };
    on[IPC.request]!(untrusted(), request);
    expect(sent).toHaveLength(0);
    on[IPC.request]!(trusted(), request);
    expect(sent).toEqual([request]);
  });

  it('answers invalid payloads itself and never forwards them', () => {
    on[IPC.request]!(trusted(), { kind: 'request', id: 4, channel: 'sql.execute', payload: { sql: 'x', user: 42 } });
    on[IPC.request]!(trusted(), { kind: 'request', id: 5, channel: 'fs.readFile', payload: {} });
    on[IPC.request]!(trusted(), 'garbage');
    expect(sent).toHaveLength(0);
    expect(replies).toMatchObject([{ id: 4, ok: false, error: { code: '22023' } }, { id: 5, ok: false, error: { code: '22023' } }]);
  });

  it('checks the sender and arguments of invoke handlers', async () => {
    await expect(Promise.resolve(handle[IPC.restart]!(untrusted()))).rejects.toThrow(/untrusted/);
    await expect(Promise.resolve(handle[IPC.saveSql]!(trusted(), 42, 'x'))).rejects.toThrow(/invalid/);
    expect(await handle[IPC.saveSql]!(trusted(), 'q.sql', 'SELECT 1')).toBe('q.sql');
    expect(await handle[IPC.openSql]!(trusted())).toEqual({ name: 'a.sql', text: 'SELECT 1' });
  });
});

describe('EngineSupervisor', () => {
  function fakeChildFactory() {
    const children: Array<ChildProcessLike & { emit(event: string, value: unknown): void; posted: unknown[]; killed: boolean }> = [];
    const spawn = () => {
      const listeners: Record<string, Array<(v: never) => void>> = {};
      const child = {
        posted: [] as unknown[],
        killed: false,
        postMessage: (m: unknown) => void child.posted.push(m),
        on: (event: string, l: (v: never) => void) => ((listeners[event] ??= []).push(l), child),
        kill: () => {
          child.killed = true;
          queueMicrotask(() => child.emit('exit', 0));
          return true;
        },
        emit: (event: string, value: unknown) => listeners[event]?.forEach((l) => l(value as never)),
      };
      children.push(child);
      return child;
    };
    return { children, spawn };
  }
  const request = (id: number): RequestMessage => ({ kind: 'request', id, channel: 'users.list', payload: {} });

  it('restarts on demand: calls in flight fail as cancelled, the next call goes to the new process', async () => {
    const { children, spawn } = fakeChildFactory();
    const delivered: Array<ResponseMessage | EventMessage> = [];
    const sup = new EngineSupervisor(spawn, (m) => void delivered.push(m));
    sup.start();
    sup.send(request(1));
    await sup.restart();
    expect(children[0]!.killed).toBe(true);
    expect(children).toHaveLength(2);
    expect(delivered).toContainEqual({ kind: 'response', id: 1, ok: false, error: { code: '57014', message: 'canceling statement due to user request' } });
    expect(delivered).toContainEqual({ kind: 'event', event: 'restarted', payload: { reason: 'cancel' } });
    sup.send(request(2));
    expect(children[1]!.posted).toEqual([request(2)]);
  });

  it('restarts a crashed engine and tells the renderer', () => {
    const { children, spawn } = fakeChildFactory();
    const delivered: Array<ResponseMessage | EventMessage> = [];
    const sup = new EngineSupervisor(spawn, (m) => void delivered.push(m));
    sup.start();
    sup.send(request(7));
    children[0]!.emit('message', { kind: 'response', id: 7, ok: true, value: [] });
    sup.send(request(8));
    children[0]!.emit('exit', 134);
    expect(children).toHaveLength(2);
    expect(delivered[0]).toEqual({ kind: 'response', id: 7, ok: true, value: [] });
    expect(delivered).toContainEqual({ kind: 'response', id: 8, ok: false, error: expect.objectContaining({ code: 'XX000' }) });
    expect(delivered).toContainEqual({ kind: 'event', event: 'restarted', payload: { reason: 'engine exited with code 134' } });
    sup.stop();
  });
});
