import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { ensureTemplates, packageRoot } from '../engine/node';

/**
 * Every test opens workspaces from the prebuilt templates; build them once if missing. The Electron
 * bundles (the engine process the app tests fork) are rebuilt too: a stale one carries an older
 * bootstrap version and would rebuild the shared templates under the other tests' feet.
 */
export default async function setup(): Promise<void> {
  await ensureTemplates();
  execFileSync(process.execPath, [join(packageRoot(), 'scripts', 'build-electron.mjs')], { cwd: packageRoot(), stdio: 'ignore' });
}
