import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { UPLOAD_PHASE } from '../../../../engine/host/upload-progress';
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
/** One file of an upload: queued → uploading (the engine stores it) → done or failed. */
export interface UploadRow {
  name: string;
  size: number;
  /** Bytes stored so far: the engine stores a file in one write, so 0 until it reports it stored. */
  stored: number;
  state: 'queued' | 'uploading' | 'done' | 'failed';
  error?: string;
}

export interface UploadTotals {
  files: number;
  finished: number;
  failed: number;
  bytes: number;
  storedBytes: number;
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
  /** The last upload's files (kept after it ends, so failures stay visible until the next one). */
  const uploads = ref<UploadRow[]>([]);
  const uploading = computed(() => uploads.value.some((r) => r.state === 'queued' || r.state === 'uploading'));
  const uploadTotals = computed<UploadTotals>(() => ({
    files: uploads.value.length,
    finished: uploads.value.filter((r) => r.state === 'done').length,
    failed: uploads.value.filter((r) => r.state === 'failed').length,
    bytes: uploads.value.reduce((n, r) => n + r.size, 0),
    storedBytes: uploads.value.reduce((n, r) => n + r.stored, 0),
  }));

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

  /**
   * Uploads into the current folder, one `aws s3 cp` per file (as a student would type them), one
   * row per file. The engine's progress messages for the file (phase `upload`, named by the file)
   * say when it is stored; a failed file does not stop the others.
   */
  async function uploadFiles(files: CommandFile[]): Promise<boolean> {
    if (!bucket.value || files.length === 0 || uploading.value) return false;
    uploads.value = files.map((f) => ({ name: f.name, size: f.bytes.length, stored: 0, state: 'queued' }));
    let active: UploadRow | undefined;
    const stop = host().on('progress', (p) => {
      if (p.phase !== UPLOAD_PHASE || !active || p.message !== active.name) return;
      if (p.total !== undefined && p.total > 0 && p.done >= p.total) active.stored = active.size;
    });
    try {
      for (const [i, file] of files.entries()) {
        active = uploads.value[i] as UploadRow;
        active.state = 'uploading';
        const target = `s3://${bucket.value}/${prefix.value}${file.name}`;
        const done = await state.guard(() => action(`aws s3 cp ${arg(file.name)} ${arg(target)}`, [file]));
        if (done === undefined) {
          active.state = 'failed';
          active.error = state.error.value;
          active.stored = 0;
        } else {
          active.state = 'done';
          active.stored = active.size;
        }
      }
    } finally {
      active = undefined;
      stop();
    }
    await refresh();
    return uploads.value.every((r) => r.state === 'done');
  }

  /** Hides the finished upload's rows. */
  function clearUploads(): void {
    if (!uploading.value) uploads.value = [];
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

  return { ...state, buckets, bucket, prefix, folders, objects, uploads, uploading, uploadTotals, refresh, open, parentPrefix, createBucket, deleteBucket, uploadFiles, clearUploads, remove, download };
});
