// Bundles the Electron main process, the preload and the engine's utility-process entry into
// dist/electron with esbuild. The renderer is the web build (npm run build:web → dist/web).
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildWorkers } from './build-workers.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist', 'electron');
const labsRuntime = join(root, 'engine', 'labs', 'index.ts');
const labsBundle = join(root, 'labs', 'bundle.json');

/** `virtual:labs` → the labs runtime and content when both exist, else nothing (labs not installed). */
const virtualLabs = {
  name: 'virtual-labs',
  setup(b) {
    b.onResolve({ filter: /^virtual:labs$/ }, () => ({ path: 'virtual:labs', namespace: 'virtual-labs' }));
    b.onLoad({ filter: /.*/, namespace: 'virtual-labs' }, () => ({
      contents:
        existsSync(labsRuntime) && existsSync(labsBundle)
          ? `export * as runtime from ${JSON.stringify(labsRuntime)};\nexport { default as bundle } from ${JSON.stringify(labsBundle)};`
          : 'export const runtime = undefined;\nexport const bundle = undefined;',
      loader: 'js',
      resolveDir: root,
    }));
  },
};

// The lab content as one JSON document (the labs CLI owns the format).
if (existsSync(join(root, 'labs')) && existsSync(join(root, 'cli', 'commands', 'lab.ts'))) {
  execFileSync(process.execPath, [join(root, 'bin', 'warehouse-lab.mjs'), 'lab', 'bundle'], { cwd: root, stdio: 'inherit' });
}

const common = { bundle: true, platform: 'node', target: 'node20', sourcemap: true, logLevel: 'warning' };
await Promise.all([
  build({ ...common, entryPoints: [join(root, 'electron', 'main.ts')], outfile: join(out, 'main.cjs'), format: 'cjs', external: ['electron'] }),
  build({ ...common, entryPoints: [join(root, 'electron', 'preload.ts')], outfile: join(out, 'preload.cjs'), format: 'cjs', external: ['electron'] }),
  build({
    ...common,
    entryPoints: [join(root, 'engine', 'host', 'node', 'engine-process-entry.ts')],
    outfile: join(out, 'engine-process.mjs'),
    format: 'esm',
    packages: 'external',
    plugins: [virtualLabs],
  }),
  buildWorkers(root, out),
]);
console.log(`electron bundles written to ${out}`);
