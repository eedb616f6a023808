#!/usr/bin/env node
// The `warehouse-lab` command: runs the bundled CLI (built by `npm run build:cli`), bundling it
// first from the sources when the bundle is missing (a fresh development checkout).
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';
import { execFileSync } from 'node:child_process';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bundle = join(root, 'dist', 'cli', 'warehouse-lab.mjs');
if (!existsSync(bundle)) {
  execFileSync(process.execPath, [join(root, 'scripts', 'build-cli.mjs')], { stdio: 'inherit' });
}
await import(pathToFileURL(bundle).href);
