import { describe, expect, it } from 'vitest';
import 'fake-indexeddb/auto';
import { IndexedDbStore } from '../../engine/workspace/indexeddb-store';

describe('IndexedDbStore', () => {
  it('stores, lists by prefix, survives reopening and is removed on reset', async () => {
    const store = await IndexedDbStore.open('test-store');
    await store.writeFile('s3/bucket/b.csv', 'b');
    await store.writeFile('s3/bucket/a.csv', new Uint8Array([1, 2, 3]));
    await store.writeFile('s3/other/c.csv', 'c');
    await store.writeJson('workspace.json', { format: 1 });
    expect((await store.listFiles('s3/bucket/')).map((f) => [f.path, f.size])).toEqual([['s3/bucket/a.csv', 3], ['s3/bucket/b.csv', 1]]);
    await store.removeFile('s3/bucket/b.csv');
    store.close();

    const again = await IndexedDbStore.open('test-store');
    expect((await again.listFiles('s3/')).map((f) => f.path)).toEqual(['s3/bucket/a.csv', 's3/other/c.csv']);
    expect(await again.readJson('workspace.json')).toEqual({ format: 1 });
    expect(await again.readFile('missing')).toBeUndefined();
    again.close();

    await IndexedDbStore.remove('test-store');
    const fresh = await IndexedDbStore.open('test-store');
    expect(await fresh.listFiles('')).toEqual([]);
    fresh.close();
  });
});
