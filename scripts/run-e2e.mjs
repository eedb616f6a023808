// End-to-end tests against the web build in Debian's Chromium (playwright-core, no downloaded
// browser). Bundles test/e2e/*.e2e.ts, serves dist/web with `vite preview`, runs the tests in one
// fresh browser profile and prints "N passed, M failed". Usage: node scripts/run-e2e.mjs [name regex]
import { build } from 'esbuild';
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const filter = process.argv[2];
const port = Number(process.env.E2E_PORT ?? 4391);
const baseUrl = `http://127.0.0.1:${port}/`;
const shots = join(root, 'test-output', 'screenshots');
mkdirSync(shots, { recursive: true });

const files = readdirSync(join(root, 'test', 'e2e')).filter((f) => f.endsWith('.e2e.ts')).sort();
const bundle = join(root, 'dist', 'e2e', 'e2e-bundle.mjs');
await build({
  stdin: { contents: files.map((f) => `import './test/e2e/${f}';`).join('\n') + "\nexport { e2eTests } from './test/e2e/harness';", resolveDir: root, loader: 'ts' },
  outfile: bundle, bundle: true, platform: 'node', format: 'esm', packages: 'external', logLevel: 'warning',
});
const { e2eTests } = await import(pathToFileURL(bundle).href);

const server = spawn(process.execPath, [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'preview', '--config', join(root, 'vite.config.ts'), '--port', String(port), '--strictPort'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
await waitForServer(baseUrl, 30_000);

const profile = mkdtempSync(join(tmpdir(), 'wl-e2e-profile-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  viewport: { width: 1280, height: 800 },
  locale: 'en-US',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const page = context.pages()[0] ?? (await context.newPage());
const consoleErrors = [];
page.on('console', (m) => {
  if (m.type() === 'error') consoleErrors.push(m.text());
});
page.on('pageerror', (e) => consoleErrors.push(String(e)));

let passed = 0;
let failed = 0;
for (const t of e2eTests) {
  if (filter && !new RegExp(filter).test(t.name)) continue;
  const started = Date.now();
  const errorsBefore = consoleErrors.length;
  try {
    await t.run({ page, context, baseUrl, screenshot: (name) => page.screenshot({ path: join(shots, `${name}.png`) }) });
    const newErrors = consoleErrors.slice(errorsBefore).filter((e) => !/Failed to load resource: the server responded with a status of 404/.test(e));
    if (newErrors.length) throw new Error(`console errors: ${newErrors.join(' | ')}`);
    passed++;
    console.log(`✓ ${t.name} (${Date.now() - started} ms)`);
  } catch (e) {
    failed++;
    console.log(`✗ ${t.name} (${Date.now() - started} ms)\n    ${String(e?.message ?? e).split('\n').slice(0, 6).join('\n    ')}`);
    await page.screenshot({ path: join(shots, `failed-${t.name.replace(/\W+/g, '-').slice(0, 60)}.png`) }).catch(() => undefined);
  }
}

await context.close();
rmSync(profile, { recursive: true, force: true });
server.kill('SIGTERM');
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);

async function waitForServer(url, timeoutMs) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  server.kill('SIGTERM');
  throw new Error(`vite preview did not start at ${url}`);
}
