import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { e2e, expect } from './harness';

const assets = join(process.cwd(), 'dist', 'web', 'assets');

/** Static imports (`import … from"./x.js"`, `import"./x.js"`) of a built chunk. */
function staticImports(file: string): string[] {
  const code = readFileSync(join(assets, file), 'utf8');
  return [...code.matchAll(/(?:from|import)\s*["'`]\.\/([^"'`]+)["'`]/g)].map((m) => m[1]!);
}

function chunk(prefix: string): string {
  const found = readdirSync(assets).filter((f) => f.startsWith(`${prefix}-`) && f.endsWith('.js') && readFileSync(join(assets, f), 'utf8').length > 0);
  expect(found.length >= 1, `a ${prefix}-*.js chunk in dist/web/assets, found ${found.join(', ') || 'none'}`);
  return found[0]!;
}

// The worker's start-up depends on this shape (see vite.config.ts): its entry must start the downloads
// without waiting for any other chunk, and PGlite's chunk must start without the engine's.
e2e('the engine worker loads as a small entry, then PGlite and the engine in parallel', async () => {
  const entry = chunk('web-worker');
  expect(staticImports(entry).length === 0, `the worker entry imports nothing statically, got ${staticImports(entry).join(', ')}`);
  const entryCode = readFileSync(join(assets, entry), 'utf8');
  const database = [...entryCode.matchAll(/import\(\s*["'`]\.\/(database-[^"'`]+)["'`]\s*\)/g)].map((m) => m[1]!);
  expect(database.length === 1, 'the entry loads the database chunk with import()');
  expect(/import\(\s*["'`]\.\/engine-[^"'`]+["'`]\s*\)/.test(entryCode), 'the entry loads the engine chunk with import()');
  const databaseImports = staticImports(database[0]!);
  expect(!databaseImports.some((f) => f.startsWith('engine-')), `the database chunk does not import the engine, got ${databaseImports.join(', ')}`);
});
