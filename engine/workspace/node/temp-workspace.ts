import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EmbeddedWarehouse } from '../../warehouse/embedded-warehouse';
import { openFolderWorkspace } from './open-folder-workspace';

/** A throw-away workspace in a temporary folder, removed on close (tests, benchmarks, lab verify). */
export async function openTempWorkspace(options: { seeded?: boolean } = {}): Promise<EmbeddedWarehouse> {
  const dir = await mkdtemp(join(tmpdir(), 'wlab-'));
  const warehouse = await openFolderWorkspace(dir, { seeded: options.seeded ?? true });
  const close = warehouse.close.bind(warehouse);
  warehouse.close = async () => {
    await close();
    await rm(dir, { recursive: true, force: true });
  };
  return warehouse;
}
