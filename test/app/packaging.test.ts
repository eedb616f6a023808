import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listPackage } from '@electron/asar';
import { packageRoot } from '../../engine/node';

const root = packageRoot();

/**
 * No Electron binary can be downloaded here, so electron-builder packages against a stand-in
 * Electron distribution (an executable named `electron` and the license files it copies).
 */
function standInElectron(): string {
  const dir = mkdtempSync(join(tmpdir(), 'wl-electron-standin-'));
  writeFileSync(join(dir, 'electron'), '#!/bin/sh\necho "stand-in electron"\n');
  chmodSync(join(dir, 'electron'), 0o755);
  mkdirSync(join(dir, 'resources'));
  for (const f of ['LICENSE', 'LICENSES.chromium.html', 'version']) writeFileSync(join(dir, f), '');
  return dir;
}

function ensureBuilt(): void {
  if (!existsSync(join(root, 'dist', 'electron', 'main.cjs'))) execFileSync(process.execPath, [join(root, 'scripts', 'build-electron.mjs')], { cwd: root });
  if (!existsSync(join(root, 'dist', 'web', 'index.html'))) execFileSync(process.execPath, [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build'], { cwd: root });
}

describe('installer packaging (electron-builder --dir)', () => {
  it('packages the app with the renderer, engine, templates and PGlite wasm unpacked', { timeout: 240_000 }, () => {
    ensureBuilt();
    const electronDist = standInElectron();
    const out = mkdtempSync(join(tmpdir(), 'wl-package-'));
    try {
      try {
        execFileSync(
          process.execPath,
          [join(root, 'node_modules', 'electron-builder', 'cli.js'), '--dir', '--linux', '--config', 'electron-builder.yml', `-c.electronDist=${electronDist}`, '-c.electronVersion=41.7.1', `-c.directories.output=${out}`],
          { cwd: root, stdio: 'pipe', maxBuffer: 64 << 20, env: { ...process.env, CSC_IDENTITY_AUTO_DISCOVERY: 'false' } },
        );
      } catch (e) {
        const { stdout, stderr, message, status, signal } = e as { stdout?: Buffer; stderr?: Buffer; message?: string; status?: number; signal?: string };
        throw new Error(`electron-builder failed (status ${status}, signal ${signal}): ${message}\n${String(stdout ?? '').slice(-2000)}\n${String(stderr ?? '').slice(-2000)}`);
      }
      const app = join(out, 'linux-unpacked');
      expect(existsSync(join(app, 'warehouse-lab'))).toBe(true);
      const files = new Set(listPackage(join(app, 'resources', 'app.asar'), { isPack: false }).map((f) => f.replace(/\\/g, '/')));
      for (const needed of ['/package.json', '/dist/electron/main.cjs', '/dist/electron/preload.cjs', '/dist/electron/engine-process.mjs', '/dist/electron/training-worker.cjs', '/dist/electron/count-worker.cjs', '/dist/web/index.html']) {
        expect(files.has(needed), needed).toBe(true);
      }
      expect([...files].some((f) => /^\/dist\/web\/assets\/SqlEditor-.*\.js$/.test(f))).toBe(true);
      // Nothing the renderer bundles itself, and not the web build's own engine copy.
      expect([...files].some((f) => f.startsWith('/node_modules/monaco-editor'))).toBe(false);
      expect([...files].some((f) => /^\/dist\/web\/assets\/.*\.tar(\.gz)?$/.test(f))).toBe(false);
      if (existsSync(join(root, 'labs', 'bundle.json'))) expect(files.has('/labs/bundle.json')).toBe(true);
      const unpacked = join(app, 'resources', 'app.asar.unpacked');
      expect(existsSync(join(unpacked, 'dist', 'template', 'seeded', 'pgdata', 'PG_VERSION'))).toBe(true);
      expect(existsSync(join(unpacked, 'dist', 'template', 'empty', 'pgdata', 'PG_VERSION'))).toBe(true);
      expect(readdirSync(join(unpacked, 'node_modules', '@electric-sql', 'pglite', 'dist'))).toEqual(expect.arrayContaining(['pglite.wasm', 'pglite.data']));
    } finally {
      rmSync(out, { recursive: true, force: true });
      rmSync(electronDist, { recursive: true, force: true });
    }
  });
});
