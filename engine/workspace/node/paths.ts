import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { homedir } from 'node:os';

/** The folder holding the project's package.json (works from sources, bundles and tests). */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      try {
        if (JSON.parse(readFileSync(manifest, 'utf8')).name === 'warehouse-lab') return dir;
      } catch {
        // not ours; keep walking
      }
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error('cannot find the warehouse-lab package root');
    dir = parent;
  }
}

export type TemplateKind = 'empty' | 'seeded';

/** Where the prebuilt database templates live (built by `npm run build:template`). */
export function templateRoot(): string {
  return process.env.WAREHOUSE_LAB_TEMPLATES ?? join(packageRoot(), 'dist', 'template');
}

export function templateDir(kind: TemplateKind): string {
  return join(templateRoot(), kind);
}

/** The workspace the desktop app uses, also the CLI's default. */
export function defaultWorkspaceDir(): string {
  if (process.env.WAREHOUSE_LAB_WORKSPACE) return process.env.WAREHOUSE_LAB_WORKSPACE;
  const base =
    process.platform === 'win32'
      ? process.env.APPDATA ?? join(homedir(), 'AppData', 'Roaming')
      : process.platform === 'darwin'
        ? join(homedir(), 'Library', 'Application Support')
        : process.env.XDG_CONFIG_HOME ?? join(homedir(), '.config');
  return join(base, 'Warehouse Lab', 'workspace');
}
