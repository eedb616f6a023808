import { defineStore } from 'pinia';
import { ref } from 'vue';
import { host } from '../host';
import { HostError } from '../host/host-client';

export interface ConsoleEntry {
  line: string;
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** The console command line: `aws …` commands against the workspace, with files the user attached. */
export const useConsole = defineStore('console', () => {
  const entries = ref<ConsoleEntry[]>([]);
  const files = ref<{ name: string; bytes: Uint8Array }[]>([]);
  const busy = ref(false);

  async function attach(list: FileList | File[]): Promise<void> {
    for (const file of Array.from(list)) {
      const bytes = new Uint8Array(await file.arrayBuffer());
      files.value = [...files.value.filter((f) => f.name !== file.name), { name: file.name, bytes }];
    }
  }

  async function run(line: string): Promise<ConsoleEntry> {
    busy.value = true;
    let entry: ConsoleEntry;
    try {
      const payload = files.value.length ? { line, files: files.value.map((f) => ({ name: f.name, bytes: f.bytes })) } : { line };
      const r = await host().call('console.run', payload);
      entry = { line, ...r };
    } catch (e) {
      entry = { line, exitCode: 255, stdout: '', stderr: e instanceof HostError ? `${e.code}: ${e.message}` : String(e) };
    } finally {
      busy.value = false;
    }
    entries.value.push(entry);
    return entry;
  }

  return { entries, files, busy, attach, run };
});
