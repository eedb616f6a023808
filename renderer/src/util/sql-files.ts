import { preloadApi } from '../host/ipc-transport';
import { download } from './export';

/** Opens a `.sql` file: Electron's dialog, or the browser's file picker. */
export async function openSqlFile(): Promise<{ name: string; text: string } | undefined> {
  const api = preloadApi();
  if (api) return api.openSqlFile();
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = '.sql,text/plain';
    input.onchange = async () => {
      const file = input.files?.[0];
      resolve(file ? { name: file.name, text: await file.text() } : undefined);
    };
    input.click();
  });
}

/** Saves a `.sql` file: Electron's dialog, or a browser download. Returns the name saved as. */
export async function saveSqlFile(name: string, text: string): Promise<string | undefined> {
  const api = preloadApi();
  if (api) return api.saveSqlFile(name, text);
  const fileName = name.endsWith('.sql') ? name : `${name}.sql`;
  download(fileName, text, 'application/sql');
  return fileName;
}
