/**
 * Electron main process: one window, the engine in a utility process with the workspace under the
 * user-data folder, a strict CSP, IPC checked and validated. The renderer is the web build.
 */
import { app, BrowserWindow, dialog, ipcMain, Menu, session, shell, utilityProcess, type WebContents } from 'electron';
import { readFile, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { EngineSupervisor } from './engine-supervisor';
import { IPC, registerIpcHandlers } from './ipc-handlers';
import { menuTemplate } from './menu';
import { CONTENT_SECURITY_POLICY, WEB_PREFERENCES, isAllowedNavigation } from './security';

const here = __dirname; // dist/electron inside the app
const appRoot = join(here, '..', '..');
const rendererIndex = join(appRoot, 'dist', 'web', 'index.html');
const appUrlPrefix = pathToFileURL(join(appRoot, 'dist', 'web')).href;
const windows = new Set<WebContents>();
// userData = <appData>/Warehouse Lab, so the workspace is the one the CLI uses by default too.
app.setName('Warehouse Lab');

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    const win = BrowserWindow.getAllWindows()[0];
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });
  void app.whenReady().then(start);
}

function start(): void {
  // Unpacked resources (templates, PGlite's wasm) live beside the asar.
  process.env.WAREHOUSE_LAB_TEMPLATES ??= join(appRoot.replace(/app\.asar$/, 'app.asar.unpacked'), 'dist', 'template');
  const workspaceDir = join(app.getPath('userData'), 'workspace');
  const engine = new EngineSupervisor(
    () =>
      utilityProcess.fork(join(here, 'engine-process.mjs'), [], {
        serviceName: 'Warehouse Lab engine',
        env: { ...process.env, WAREHOUSE_LAB_WORKSPACE: workspaceDir },
        stdio: 'inherit',
      }),
    (message) => {
      for (const wc of windows) if (!wc.isDestroyed()) wc.send(IPC.message, message);
    },
  );
  engine.start();

  registerIpcHandlers({
    ipcMain,
    trustedUrlPrefix: appUrlPrefix,
    engine,
    reply: (sender, message) => sender.send(IPC.message, message),
    remember: (sender) => windows.add(sender as WebContents),
    dialogs: {
      async openSqlFile() {
        const r = await dialog.showOpenDialog({ filters: [{ name: 'SQL', extensions: ['sql'] }], properties: ['openFile'] });
        const path = r.filePaths[0];
        return r.canceled || !path ? undefined : { name: basename(path), text: await readFile(path, 'utf8') };
      },
      async saveSqlFile(name, text) {
        const r = await dialog.showSaveDialog({ defaultPath: name, filters: [{ name: 'SQL', extensions: ['sql'] }] });
        if (r.canceled || !r.filePath) return undefined;
        await writeFile(r.filePath, text, 'utf8');
        return basename(r.filePath);
      },
    },
  });

  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
  session.defaultSession.setPermissionRequestHandler((_wc, permission, callback) => callback(permission === 'clipboard-sanitized-write'));

  app.on('web-contents-created', (_e, contents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isAllowedNavigation(url, appUrlPrefix)) event.preventDefault();
    });
    contents.setWindowOpenHandler(({ url }) => {
      if (/^https:\/\//.test(url)) void shell.openExternal(url);
      return { action: 'deny' };
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });

  const win = createWindow();
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(process.platform, { reload: () => win.reload(), devTools: () => win.webContents.toggleDevTools() })));
  app.on('window-all-closed', () => {
    engine.stop();
    app.quit();
  });
}

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 1280,
    minHeight: 800,
    title: 'Warehouse Lab',
    show: false,
    webPreferences: { ...WEB_PREFERENCES, preload: join(here, 'preload.cjs') },
  });
  win.once('ready-to-show', () => win.show());
  void win.loadFile(rendererIndex);
  windows.add(win.webContents);
  return win;
}
