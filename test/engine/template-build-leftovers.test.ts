import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { removeAbandonedBuilds } from '../../engine/template/node/build-template';

describe('template build work folders', () => {
  let dir: string | undefined;
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("removes those of builds whose process is gone and keeps running builds' and other folders", async () => {
    dir = await mkdtemp(join(tmpdir(), 'wl-template-'));
    const root = join(dir, 'template');
    const finished = spawnSync(process.execPath, ['-e', '0']);
    const deadPid = finished.pid!;
    const folders = {
      abandoned: `${root}.building-${deadPid}`,
      running: `${root}.building-${process.pid}`,
      otherRoot: join(dir, `other.building-${deadPid}`),
      notAPid: `${root}.building-x`,
    };
    for (const folder of Object.values(folders)) await mkdir(join(folder, 'empty'), { recursive: true });
    await removeAbandonedBuilds(root);
    expect(existsSync(folders.abandoned)).toBe(false);
    expect(existsSync(folders.running)).toBe(true);
    expect(existsSync(folders.otherRoot)).toBe(true);
    expect(existsSync(folders.notAPid)).toBe(true);
  });
});
