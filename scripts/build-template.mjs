// Builds the prebuilt database templates (dist/template) from the engine sources.
import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist', 'scripts', 'build-template.mjs');
await build({
  stdin: {
    contents: `import { buildTemplates, templatesExist } from './engine/node';
const force = process.argv.includes('--force');
if (force || !templatesExist()) await buildTemplates(undefined, (l) => console.log('[template] ' + l));
else console.log('[template] up to date');`,
    resolveDir: root,
    loader: 'ts',
  },
  outfile: out,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  logLevel: 'warning',
});
await import(pathToFileURL(out).href);
