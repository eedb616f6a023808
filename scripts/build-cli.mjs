// Bundles the CLI (and the engine it uses) into dist/cli/warehouse-lab.mjs with esbuild. Writes to a
// temporary file and renames it, so a CLI started meanwhile never loads half a bundle.
import { build } from 'esbuild';
import { renameSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildWorkers } from './build-workers.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outfile = join(root, 'dist', 'cli', 'warehouse-lab.mjs');
const tmp = `${outfile}.${process.pid}.tmp.mjs`;
await build({
  entryPoints: [join(root, 'cli', 'run.ts')],
  outfile: tmp,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: 'inline',
  logLevel: 'warning',
});
await buildWorkers(root, dirname(outfile));
renameSync(tmp, outfile);
