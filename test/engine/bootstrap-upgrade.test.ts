import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FolderStore, openFolderWorkspace } from '../../engine/node';
import { WORKSPACE_META } from '../../engine/warehouse/embedded-warehouse';

/** Workspaces made by an older build get the current bootstrap SQL when opened: it must re-run cleanly. */
let dir = '';

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('bootstrap upgrade on open', () => {
  it('re-runs every install statement on an existing workspace without losing data', async () => {
    dir = await mkdtemp(join(tmpdir(), 'wlab-upgrade-'));
    const first = await openFolderWorkspace(dir);
    const s = await first.session();
    await s.query("CREATE USER dora PASSWORD 'Abcdefg1'; CREATE TABLE public.keep_me (a int); INSERT INTO public.keep_me VALUES (1), (2)");
    await first.close();

    const store = new FolderStore(dir);
    const meta = (await store.readJson<Record<string, unknown>>(WORKSPACE_META))!;
    await store.writeJson(WORKSPACE_META, { ...meta, bootstrapVersion: 'an-older-build' });

    const reopened = await openFolderWorkspace(dir, { create: false });
    const again = await reopened.session();
    expect((await again.query('SELECT count(*) FROM public.keep_me')).rows).toEqual([[2]]);
    expect((await again.query("SELECT usename FROM pg_user WHERE usename = 'dora'")).rows).toEqual([['dora']]);
    expect((await store.readJson<{ bootstrapVersion: string }>(WORKSPACE_META))?.bootstrapVersion).not.toBe('an-older-build');
    await reopened.close();
  });
});
