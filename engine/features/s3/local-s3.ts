import type { StoredFile, WorkspaceStore } from '../../workspace/workspace-store';
import { bucketNameProblem } from './s3-uri';

export const S3_ROOT = 's3/';
const BUCKETS_FILE = 'meta/s3-buckets.json';

export interface S3Object {
  key: string;
  size: number;
  modified: number;
  /** Path of the object in the workspace store. */
  storePath: string;
}

interface BucketList {
  buckets: Array<{ name: string; created: string }>;
}

/** Thrown for S3 problems; the console turns it into AWS's error shape, SQL into a SqlError. */
export class S3Problem extends Error {
  constructor(
    readonly code: 'NoSuchBucket' | 'InvalidBucketName' | 'BucketAlreadyOwnedByYou' | 'BucketNotEmpty' | 'NoSuchKey',
    message: string,
  ) {
    super(message);
  }
}

/**
 * The workspace's local S3: object `s3://b/k` is the store file `s3/b/k`; buckets are listed in
 * `meta/s3-buckets.json` (so an empty bucket exists) and also appear when they hold files.
 */
export class LocalS3 {
  constructor(readonly store: WorkspaceStore) {}

  storePath(bucket: string, key: string): string {
    return `${S3_ROOT}${bucket}/${key}`;
  }

  async buckets(): Promise<Array<{ name: string; created: string }>> {
    const listed = (await this.store.readJson<BucketList>(BUCKETS_FILE))?.buckets ?? [];
    const byName = new Map(listed.map((b) => [b.name, b]));
    for (const file of await this.store.listFiles(S3_ROOT)) {
      const name = file.path.slice(S3_ROOT.length).split('/')[0]!;
      if (!byName.has(name)) byName.set(name, { name, created: new Date(file.modified).toISOString() });
    }
    return [...byName.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  async bucketExists(name: string): Promise<boolean> {
    return (await this.buckets()).some((b) => b.name === name);
  }

  async createBucket(name: string, options: { ifMissing?: boolean } = {}): Promise<void> {
    const problem = bucketNameProblem(name);
    if (problem) throw new S3Problem('InvalidBucketName', `The specified bucket is not valid. ${problem}`);
    const listed = (await this.store.readJson<BucketList>(BUCKETS_FILE))?.buckets ?? [];
    if (listed.some((b) => b.name === name) || (await this.bucketExists(name))) {
      if (options.ifMissing) return;
      throw new S3Problem('BucketAlreadyOwnedByYou', 'Your previous request to create the named bucket succeeded and you already own it.');
    }
    listed.push({ name, created: new Date().toISOString() });
    await this.store.writeJson(BUCKETS_FILE, { buckets: listed } satisfies BucketList);
  }

  async removeBucket(name: string): Promise<void> {
    if (!(await this.bucketExists(name))) throw new S3Problem('NoSuchBucket', 'The specified bucket does not exist');
    if ((await this.list(name, '')).length > 0) throw new S3Problem('BucketNotEmpty', 'The bucket you tried to delete is not empty');
    const listed = (await this.store.readJson<BucketList>(BUCKETS_FILE))?.buckets ?? [];
    await this.store.writeJson(BUCKETS_FILE, { buckets: listed.filter((b) => b.name !== name) } satisfies BucketList);
  }

  /** Objects whose key starts with `prefix`, sorted by key. */
  async list(bucket: string, prefix: string): Promise<S3Object[]> {
    const base = `${S3_ROOT}${bucket}/`;
    const files: StoredFile[] = await this.store.listFiles(base + prefix);
    return files.map((f) => ({ key: f.path.slice(base.length), size: f.size, modified: f.modified, storePath: f.path }));
  }

  async requireBucket(bucket: string): Promise<void> {
    if (!(await this.bucketExists(bucket))) throw new S3Problem('NoSuchBucket', 'The specified bucket does not exist');
  }

  async get(bucket: string, key: string): Promise<Uint8Array> {
    const data = await this.store.readFile(this.storePath(bucket, key));
    if (!data) {
      await this.requireBucket(bucket);
      throw new S3Problem('NoSuchKey', 'The specified key does not exist.');
    }
    return data;
  }

  /** Stores an object; the bucket is created on first use. */
  async put(bucket: string, key: string, data: Uint8Array | string): Promise<void> {
    if (!(await this.bucketExists(bucket))) await this.createBucket(bucket, { ifMissing: true });
    await this.store.writeFile(this.storePath(bucket, key), data);
  }

  async remove(bucket: string, key: string): Promise<void> {
    await this.store.removeFile(this.storePath(bucket, key));
  }
}
