// Bundles the CLI (and the engine it uses) into dist/cli/warehouse-lab.mjs with esbuild.
import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
await build({
  entryPoints: [join(root, 'cli', 'run.ts')],
  outfile: join(root, 'dist', 'cli', 'warehouse-lab.mjs'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});
