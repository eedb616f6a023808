import { mkdir, rm } from 'node:fs/promises';
import { copyTree } from './copy-tree';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DATABASE_NAME } from '../../api/types';
import { PgliteBackend } from '../../backend/pglite-backend';
import { SqlError } from '../../errors/sql-error';
import { EmbeddedWarehouse, WORKSPACE_META, type WorkspaceMeta } from '../../warehouse/embedded-warehouse';
import { FolderStore } from './folder-store';
import { templateDir, type TemplateKind } from './paths';
import { ensureTemplates } from '../../template/node/build-template';

export interface FolderWorkspaceOptions {
  /** Create the workspace when the folder has none (default true). */
  create?: boolean;
  /** Seed a new workspace with the course data (default true). */
  seeded?: boolean;
}

const PGDATA = 'pgdata';

export function isWorkspace(dir: string): boolean {
  return existsSync(join(dir, PGDATA, 'PG_VERSION'));
}

/**
 * Opens the workspace in `dir`, creating it from a prebuilt template when missing: a copy of a
 * ready data dir, so no initdb runs for the user.
 */
export async function openFolderWorkspace(dir: string, options: FolderWorkspaceOptions = {}): Promise<EmbeddedWarehouse> {
  const store = new FolderStore(dir);
  if (!isWorkspace(dir)) {
    if (options.create === false) throw new SqlError('3D000', `no workspace in ${dir}`);
    await createFromTemplate(dir, store, options.seeded === false ? 'empty' : 'seeded');
  }
  const backend = await PgliteBackend.open({ dataDir: join(dir, PGDATA), database: DATABASE_NAME });
  return EmbeddedWarehouse.start(backend, store, dir);
}

async function createFromTemplate(dir: string, store: FolderStore, kind: TemplateKind): Promise<void> {
  await ensureTemplates();
  const source = templateDir(kind);
  await mkdir(dir, { recursive: true });
  const target = join(dir, PGDATA);
  await rm(target, { recursive: true, force: true });
  await copyTree(join(source, PGDATA), target);
  const meta = await new FolderStore(source).readJson<WorkspaceMeta>(WORKSPACE_META);
  if (meta) await store.writeJson(WORKSPACE_META, { ...meta, createdAt: new Date().toISOString() });
}
