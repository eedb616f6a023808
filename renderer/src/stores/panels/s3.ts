import { defineStore } from 'pinia';
import { ref } from 'vue';
import { host } from '../../host/host-client-access';
import { HostError } from '../../host/host-client';
import { action, arg, readJson, usePanelState, type CommandFile } from './panel-host';

export interface S3Bucket {
  Name: string;
  CreationDate: string;
}
export interface S3ObjectEntry {
  Key: string;
  Size: number;
  LastModified: string;
}
interface ListObjects {
  Contents?: S3ObjectEntry[];
  CommonPrefixes?: { Prefix: string }[];
}

/** S3 panel: buckets, one folder's objects (`aws s3api list-objects-v2 --delimiter /`), uploads. */
export const useS3Panel = defineStore('panel-s3', () => {
  const state = usePanelState();
  const buckets = ref<S3Bucket[]>([]);
  const bucket = ref<string>();
  const prefix = ref('');
  const folders = ref<string[]>([]);
  const objects = ref<S3ObjectEntry[]>([]);
  /** Upload progress 0..1 while uploading. */
  const upload = ref<{ done: number; total: number; bytes: number; totalBytes: number }>();

  async function refresh(): Promise<void> {
    await state.load(async () => {
      buckets.value = (await readJson<{ Buckets: S3Bucket[] }>('aws s3api list-buckets')).Buckets ?? [];
      if (bucket.value && !buckets.value.some((b) => b.Name === bucket.value)) bucket.value = undefined;
      if (!bucket.value) {
        folders.value = [];
        objects.value = [];
        return;
      }
      const listing = await readJson<ListObjects>(`aws s3api list-objects-v2 --bucket ${arg(bucket.value)} --delimiter /${prefix.value ? ` --prefix ${arg(prefix.value)}` : ''}`);
      folders.value = (listing.CommonPrefixes ?? []).map((p) => p.Prefix);
      objects.value = listing.Contents ?? [];
    });
  }

  async function open(name: string | undefined, folder = ''): Promise<void> {
    bucket.value = name;
    prefix.value = folder;
    await refresh();
  }

  /** The parent folder of the current prefix (`a/b/` → `a/`). */
  function parentPrefix(): string {
    const trimmed = prefix.value.replace(/\/$/, '');
    const cut = trimmed.lastIndexOf('/');
    return cut === -1 ? '' : trimmed.slice(0, cut + 1);
  }

  async function createBucket(name: string): Promise<boolean> {
    const ok = await state.guard(() => action(`aws s3 mb s3://${arg(name)}`));
    await refresh();
    return ok !== undefined;
  }

  async function deleteBucket(name: string): Promise<boolean> {
    const ok = await state.guard(() => action(`aws s3 rb s3://${arg(name)}`));
    await refresh();
    return ok !== undefined;
  }

  /** Uploads into the current folder, one `aws s3 cp` per file (the progress bar counts bytes). */
  async function uploadFiles(files: CommandFile[]): Promise<boolean> {
    if (!bucket.value || files.length === 0) return false;
    const totalBytes = files.reduce((n, f) => n + f.bytes.length, 0);
    upload.value = { done: 0, total: files.length, bytes: 0, totalBytes };
    let ok = true;
    for (const file of files) {
      const target = `s3://${bucket.value}/${prefix.value}${file.name}`;
      const done = await state.guard(() => action(`aws s3 cp ${arg(file.name)} ${arg(target)}`, [file]));
      if (done === undefined) {
        ok = false;
        break;
      }
      upload.value = { ...upload.value, done: upload.value.done + 1, bytes: upload.value.bytes + file.bytes.length };
    }
    upload.value = undefined;
    await refresh();
    return ok;
  }

  async function remove(key: string): Promise<boolean> {
    if (!bucket.value) return false;
    const ok = await state.guard(() => action(`aws s3 rm ${arg(`s3://${bucket.value}/${key}`)}`));
    await refresh();
    return ok !== undefined;
  }

  /** The object's bytes (the panel saves them as a file). */
  async function download(key: string): Promise<Uint8Array | undefined> {
    if (!bucket.value) return undefined;
    const name = bucket.value;
    return state.guard(async () => {
      try {
        return (await host().call('s3.getObject', { bucket: name, key })).bytes;
      } catch (e) {
        const code = e instanceof HostError ? e.code : 'InternalError';
        throw new Error(`An error occurred (${code}) when calling the GetObject operation: ${e instanceof Error ? e.message : String(e)}`);
      }
    });
  }

  return { ...state, buckets, bucket, prefix, folders, objects, upload, refresh, open, parentPrefix, createBucket, deleteBucket, uploadFiles, remove, download };
});
