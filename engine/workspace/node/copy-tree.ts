import { constants } from 'node:fs';
import { copyFile, mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';

const PARALLEL = 32;

/**
 * Copies a directory tree with many small files (a PostgreSQL data dir: ~700 files) with parallel
 * copyFile calls, using copy-on-write clones where the file system has them. Measured on this
 * machine: fs.cp takes ~1.2 s for the seeded template, this ~0.3 s.
 */
export async function copyTree(source: string, target: string): Promise<void> {
  const files: string[] = [];
  const dirs: string[] = [''];
  for (let i = 0; i < dirs.length; i++) {
    const rel = dirs[i]!;
    for (const entry of await readdir(join(source, rel), { withFileTypes: true })) {
      const child = rel ? join(rel, entry.name) : entry.name;
      if (entry.isDirectory()) dirs.push(child);
      else if (entry.isFile()) files.push(child);
    }
  }
  for (const dir of dirs) await mkdir(join(target, dir), { recursive: true });
  let next = 0;
  const worker = async () => {
    while (next < files.length) {
      const file = files[next++]!;
      await copyFile(join(source, file), join(target, file), constants.COPYFILE_FICLONE);
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, worker));
}
