#!/usr/bin/env node
// The `warehouse-lab` command: runs the bundled CLI (built by `npm run build:cli`). In a source
// checkout it rebuilds the bundle first when any engine/CLI/labs source is newer, so it never runs stale code.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';
import { execFileSync } from 'node:child_process';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bundle = join(root, 'dist', 'cli', 'warehouse-lab.mjs');

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(full));
    else if (entry.name.endsWith('.ts') || entry.name.endsWith('.json')) newest = Math.max(newest, statSync(full).mtimeMs);
  }
  return newest;
}

const sourceDirs = ['engine', 'cli', 'labs'].map((d) => join(root, d)).filter((d) => existsSync(d));
const stale = !existsSync(bundle) || (existsSync(join(root, 'scripts', 'build-cli.mjs')) && Math.max(...sourceDirs.map(newestSource)) > statSync(bundle).mtimeMs);
if (stale) execFileSync(process.execPath, [join(root, 'scripts', 'build-cli.mjs')], { stdio: 'inherit' });
await import(pathToFileURL(bundle).href);
