/**
 * The source of a worker_threads script: the bundle built next to the module asking
 * (scripts/build-workers.mjs: the CLI and the app), else bundled from its TypeScript entry with
 * esbuild the first time it is asked for (from source: tests, benchmarks). null when neither can be
 * had: callers then do the work on their own thread.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { packageRoot } from './paths';

const sources = new Map<string, Promise<string | null>>();

/** `besideDir`: the directory of the module asking; `enginePath`: the entry's path under engine/. */
export function workerSource(besideDir: string, enginePath: string): Promise<string | null> {
  let source = sources.get(enginePath);
  if (!source) {
    const prebuilt = join(besideDir, basename(enginePath).replace(/\.ts$/, '.cjs'));
    source = existsSync(prebuilt) ? readFile(prebuilt, 'utf8') : bundle(entryFile(besideDir, enginePath));
    sources.set(enginePath, source);
  }
  return source;
}

function entryFile(besideDir: string, enginePath: string): string | null {
  const candidates = [join(besideDir, basename(enginePath))];
  try {
    candidates.push(join(packageRoot(), 'engine', enginePath));
  } catch {
    // no package root: only the file next to the module
  }
  return candidates.find((f) => existsSync(f)) ?? null;
}

async function bundle(entry: string | null): Promise<string | null> {
  if (!entry) return null;
  try {
    const esbuild = await import('esbuild');
    const out = await esbuild.build({ entryPoints: [entry], bundle: true, platform: 'node', format: 'cjs', target: 'node20', write: false, logLevel: 'silent' });
    return out.outputFiles[0]?.text ?? null;
  } catch {
    return null;
  }
}
