import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));
const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };
const vuePkg = JSON.parse(readFileSync(new URL('./node_modules/vue/package.json', import.meta.url), 'utf8')) as { version: string };

/** Writes labs/bundle.json from the lab folders (the labs CLI owns the format) before the worker is bundled. */
function labBundle() {
  return {
    name: 'warehouse-lab-lab-bundle',
    buildStart() {
      if (!existsSync(`${root}labs`) || !existsSync(`${root}cli/commands/lab.ts`)) return;
      execFileSync(process.execPath, [`${root}bin/warehouse-lab.mjs`, 'lab', 'bundle'], { cwd: root, stdio: 'inherit' });
    },
  };
}

/** The worker's entry chunk: small, it starts the downloads (see engine/host/web-worker.ts). */
const WORKER_ENTRY = /[\\/]engine[\\/]host[\\/]web-(worker|assets|events)\.ts$|\?url$/;
/** The database chunk: PGlite and what web-database.ts needs to start it, none of the engine. */
const WORKER_DATABASE =
  /[\\/]node_modules[\\/]@electric-sql[\\/]pglite[\\/]|[\\/]engine[\\/](host[\\/]web-database|backend[\\/](pglite-backend|value-parsers)|workspace[\\/](indexeddb-store|workspace-store)|sql[\\/]quote|util[\\/]mutex|api[\\/]types)\.ts$/;

/** The web build (also the Electron renderer): renderer/ → dist/web; the engine runs in a worker. */
export default defineConfig({
  root: `${root}renderer`,
  base: './',
  publicDir: `${root}renderer/public`,
  plugins: [vue(), labBundle()],
  define: { __APP_VERSION__: JSON.stringify(pkg.version), __VUE_VERSION__: JSON.stringify(vuePkg.version) },
  worker: {
    format: 'es',
    // Three chunks: the entry, then PGlite and the engine loaded in parallel. Split along the engine's
    // dynamic imports instead, the chunks arrived one level after another (entry → host → its chunks
    // → PGlite's): ~1 s on a first visit. A test checks the database chunk does not import the engine.
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: 'database', test: (id: string) => WORKER_DATABASE.test(id) && !WORKER_ENTRY.test(id), priority: 2 },
            { name: 'engine', test: (id: string) => !WORKER_ENTRY.test(id), priority: 1 },
          ],
        },
      },
    },
  },
  // PGlite loads its wasm/data with new URL(…, import.meta.url): keep it out of dep pre-bundling.
  optimizeDeps: { exclude: ['@electric-sql/pglite'] },
  build: {
    outDir: `${root}dist/web`,
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 8000,
    assetsInlineLimit: 0,
  },
  server: { fs: { allow: [root] } },
  preview: { host: '127.0.0.1', port: Number(process.env.PORT ?? 4173), strictPort: true },
});
