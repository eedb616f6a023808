import { PGlite } from '@electric-sql/pglite';
import { cp, mkdir, readdir, rename, rm, writeFile, rmdir } from 'node:fs/promises';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { bootstrapVersion } from '../bootstrap-sql';
import { basename, dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { DATABASE_NAME } from '../../api/types';
import { PgliteBackend } from '../../backend/pglite-backend';
import { EmbeddedWarehouse, WORKSPACE_META, type WorkspaceMeta } from '../../warehouse/embedded-warehouse';
import { FolderStore } from '../../workspace/node/folder-store';
import { templateRoot } from '../../workspace/node/paths';
import { loadCourseData } from '../load-course-data';

/** Bump when the way templates are built changes (the bootstrap SQL has its own version). */
const TEMPLATE_BUILD = '4';

/**
 * Builds the database templates once, at build time: `empty` (bootstrap objects only) and `seeded`
 * (plus the course data), each as a data dir (Node) and a tarball (browser). New workspaces copy
 * these, so users never wait for initdb.
 */
export async function buildTemplates(root = templateRoot(), log: (line: string) => void = () => {}): Promise<void> {
  const work = `${root}.building-${process.pid}`;
  await removeAbandonedBuilds(root);
  await rm(work, { recursive: true, force: true });
  const emptyDir = join(work, 'empty');
  await mkdir(emptyDir, { recursive: true });
  const t0 = Date.now();
  // 1 MB WAL segments (default 16 MB) keep workspaces, snapshots and tarballs small.
  const fresh = await PGlite.create({ dataDir: join(emptyDir, 'pgdata'), initDbStartParams: ['--wal-segsize=1'] });
  await fresh.exec(`CREATE DATABASE ${DATABASE_NAME}`);
  await fresh.close();
  // A workspace needs only `dev` (CREATE DATABASE is refused: create-database-handler.ts): dropping
  // `postgres`, template0 and template1 leaves a third of the files every new workspace copies and
  // the browser loads (seeded template 36.7 → 29.5 MB).
  const trim = await PGlite.create({ dataDir: join(emptyDir, 'pgdata'), database: DATABASE_NAME });
  await trim.exec('DROP DATABASE postgres');
  for (const template of ['template0', 'template1']) {
    await trim.exec(`UPDATE pg_database SET datistemplate = false WHERE datname = '${template}'`);
    await trim.exec(`DROP DATABASE ${template}`);
  }
  for (const setting of ["min_wal_size = '4MB'", "max_wal_size = '64MB'", "wal_level = 'minimal'", 'max_wal_senders = 0', 'wal_recycle = off']) {
    await trim.exec(`ALTER SYSTEM SET ${setting}`);
  }
  await trim.close();
  log(`initdb ${Date.now() - t0} ms`);

  const empty = await openTemplate(emptyDir);
  await writeTarball(empty.backend as PgliteBackend, join(work, 'empty.tar'));
  await empty.close();

  const seededDir = join(work, 'seeded');
  await cp(emptyDir, seededDir, { recursive: true });
  const seeded = await openTemplate(seededDir);
  const t1 = Date.now();
  await seeded.runAsSystem(async (backend) => {
    await loadCourseData(backend);
    await backend.exec('CHECKPOINT');
  });
  log(`course data ${Date.now() - t1} ms`);
  const store = new FolderStore(seededDir);
  const meta = await store.readJson<WorkspaceMeta>(WORKSPACE_META);
  await store.writeJson(WORKSPACE_META, { ...meta, seeded: true });
  await writeTarball(seeded.backend as PgliteBackend, join(work, 'seeded.tar'), { gzipped: true });
  await seeded.close();

  await writeFile(join(work, 'BUILD'), TEMPLATE_BUILD);
  await rm(root, { recursive: true, force: true });
  await rename(work, root);
  log(`templates ready in ${root} (${Date.now() - t0} ms)`);
}

/** Work folders of builds whose process is gone (killed mid-build): nothing will finish or remove them. */
export async function removeAbandonedBuilds(root: string): Promise<void> {
  const prefix = `${basename(root)}.building-`;
  const names = await readdir(dirname(root)).catch(() => [] as string[]);
  for (const name of names) {
    const pid = Number(name.slice(prefix.length));
    if (name.startsWith(prefix) && Number.isInteger(pid) && pid > 0 && !processAlive(pid)) await rm(join(dirname(root), name), { recursive: true, force: true });
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function openTemplate(dir: string): Promise<EmbeddedWarehouse> {
  const backend = await PgliteBackend.open({ dataDir: join(dir, 'pgdata'), database: DATABASE_NAME });
  return EmbeddedWarehouse.start(backend, new FolderStore(dir), 'template');
}

/**
 * The data dir as a tarball, and optionally gzipped beside it (`.tar.gz`): what the web build
 * downloads on a first visit (seeded: 29.1 MB → 7.9 MB; the browser inflates it natively).
 */
async function writeTarball(backend: PgliteBackend, path: string, options: { gzipped?: boolean } = {}): Promise<void> {
  const blob = await backend.dumpDataDir();
  const bytes = new Uint8Array(await blob.arrayBuffer());
  await writeFile(path, bytes);
  if (options.gzipped) await writeFile(`${path}.gz`, gzipSync(bytes, { level: 6 }));
}

/** True when both templates exist and were built from the current bootstrap SQL. */
export function templatesExist(root = templateRoot()): boolean {
  try {
    if (readFileSync(join(root, 'BUILD'), 'utf8') !== TEMPLATE_BUILD) return false;
  } catch {
    return false;
  }
  return ['empty', 'seeded'].every((kind) => {
    if (!existsSync(join(root, kind, 'pgdata', 'PG_VERSION'))) return false;
    try {
      const meta = JSON.parse(readFileSync(join(root, kind, WORKSPACE_META), 'utf8')) as WorkspaceMeta;
      return meta.bootstrapVersion === bootstrapVersion();
    } catch {
      return false;
    }
  });
}

function lockIsStale(lock: string): boolean {
  try {
    return Date.now() - statSync(lock).mtimeMs > 5 * 60_000;
  } catch {
    return false;
  }
}

/** Builds the templates if they are missing; concurrent callers wait for one build. */
export async function ensureTemplates(root = templateRoot()): Promise<void> {
  if (templatesExist(root)) return;
  const lock = `${root}.lock`;
  await mkdir(join(root, '..'), { recursive: true });
  for (;;) {
    try {
      await mkdir(lock);
      break;
    } catch {
      if (templatesExist(root)) return;
      if (lockIsStale(lock)) await rmdir(lock).catch(() => undefined);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  try {
    if (!templatesExist(root)) await buildTemplates(root);
  } finally {
    await rmdir(lock).catch(() => undefined);
  }
}
