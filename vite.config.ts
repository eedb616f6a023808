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

/** The web build (also the Electron renderer): renderer/ → dist/web; the engine runs in a worker. */
export default defineConfig({
  root: `${root}renderer`,
  base: './',
  publicDir: `${root}renderer/public`,
  plugins: [vue(), labBundle()],
  define: { __APP_VERSION__: JSON.stringify(pkg.version), __VUE_VERSION__: JSON.stringify(vuePkg.version) },
  worker: { format: 'es' },
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
