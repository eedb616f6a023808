import type { WorkspaceStore } from '../workspace/workspace-store';
import type { ConsoleIo } from './console-command';

/** Where lab files (generated CSVs the student uploads) live in the workspace store. */
export const LAB_FILES_PREFIX = 'lab-files/';

/**
 * Console file access in which `lab-files/…` paths are the workspace's lab files (what the labs'
 * solutions name, e.g. `aws s3 cp lab-files/user_session_channel.csv s3://…`) and every other
 * path is the user's own (`local`: CLI the file system, app the files the user picked).
 */
export function withLabFiles(store: WorkspaceStore, local?: ConsoleIo): ConsoleIo {
  return {
    ...local,
    async readLocalFile(path) {
      if (path.startsWith(LAB_FILES_PREFIX)) {
        const bytes = await store.readFile(path);
        if (bytes) return bytes;
      }
      if (local) return local.readLocalFile(path);
      throw new Error(`The user-provided path ${path} does not exist.`);
    },
    async listLocalFiles(folder) {
      const prefix = folder.replace(/[\\/]+$/, '') + '/';
      if (prefix.startsWith(LAB_FILES_PREFIX)) return (await store.listFiles(prefix)).map((f) => f.path.slice(prefix.length));
      return local?.listLocalFiles ? local.listLocalFiles(folder) : [];
    },
  };
}
