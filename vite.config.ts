import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));
const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };
const vuePkg = JSON.parse(readFileSync(new URL('./node_modules/vue/package.json', import.meta.url), 'utf8')) as { version: string };

/** The web build (also the Electron renderer): renderer/ → dist/web; the engine runs in a worker. */
export default defineConfig({
  root: `${root}renderer`,
  base: './',
  publicDir: `${root}renderer/public`,
  plugins: [vue()],
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
