// Runs sandboxed: exposes exactly the typed API the renderer's ipc-transport expects, nothing more.
import { contextBridge, ipcRenderer } from 'electron';
import type { PreloadApi } from '../renderer/src/host/ipc-transport';

const IPC = { request: 'wl:request', message: 'wl:message', restart: 'wl:restart-engine', openSql: 'wl:open-sql', saveSql: 'wl:save-sql' };

const api: PreloadApi = {
  send: (message) => ipcRenderer.send(IPC.request, message),
  onMessage: (listener) => {
    ipcRenderer.on(IPC.message, (_event, message) => listener(message));
  },
  restartEngine: () => ipcRenderer.invoke(IPC.restart),
  openSqlFile: () => ipcRenderer.invoke(IPC.openSql),
  saveSqlFile: (name, text) => ipcRenderer.invoke(IPC.saveSql, name, text),
  versions: { electron: process.versions.electron ?? '', chrome: process.versions.chrome ?? '', node: process.versions.node ?? '' },
};

contextBridge.exposeInMainWorld('warehouseLab', api);
