import { SqlError, SQLSTATE } from '../../errors/sql-error';
import type { WorkspaceStore } from '../../workspace/workspace-store';
import { LocalS3, S3Problem } from '../s3/local-s3';
import { formatS3Uri, parseS3Uri } from '../s3/s3-uri';

export interface SourceFile {
  uri: string;
  bucket: string;
  key: string;
  size: number;
}

const xx = (message: string) => new SqlError(SQLSTATE.internalError, message);

/** The objects a COPY reads: every object under the prefix, or the entries of a manifest. */
export async function resolveSources(store: WorkspaceStore, source: string, manifest: boolean): Promise<SourceFile[]> {
  const location = parseS3Uri(source);
  if (!location) throw new SqlError(SQLSTATE.featureNotSupported, `COPY from this data source is not supported: '${source}'. Use an s3://bucket/key URI of the workspace's local S3`);
  const s3 = new LocalS3(store);
  if (!(await s3.bucketExists(location.bucket))) throw xx(`S3ServiceException:The specified bucket does not exist,Status 404,Error NoSuchBucket,Bucket ${location.bucket}`);
  if (manifest) return manifestEntries(s3, location.bucket, location.key);
  const objects = (await s3.list(location.bucket, location.key)).filter((o) => !o.key.endsWith('/'));
  if (objects.length === 0) throw xx(`The specified S3 prefix '${location.key}' does not exist`);
  return objects.map((o) => ({ uri: formatS3Uri({ bucket: location.bucket, key: o.key }), bucket: location.bucket, key: o.key, size: o.size }));
}

async function manifestEntries(s3: LocalS3, bucket: string, key: string): Promise<SourceFile[]> {
  let text: string;
  try {
    text = new TextDecoder().decode(await s3.get(bucket, key));
  } catch (e) {
    if (e instanceof S3Problem) throw xx(`Manifest file s3://${bucket}/${key} not found: S3ServiceException:The specified key does not exist.,Status 404`);
    throw e;
  }
  let entries: Array<{ url?: unknown; mandatory?: unknown }>;
  try {
    const parsed = JSON.parse(text) as { entries?: unknown };
    if (!Array.isArray(parsed.entries)) throw new Error('no entries');
    entries = parsed.entries as typeof entries;
  } catch {
    throw xx(`Manifest file is not in correct json format: s3://${bucket}/${key}`);
  }
  const files: SourceFile[] = [];
  for (const entry of entries) {
    const url = typeof entry.url === 'string' ? entry.url : '';
    const loc = parseS3Uri(url);
    if (!loc || loc.key === '') throw xx(`Manifest file entry url must be a full S3 object path (err_code 8001): '${url}'`);
    const [object] = (await s3.list(loc.bucket, loc.key)).filter((o) => o.key === loc.key);
    if (!object) {
      if (entry.mandatory === true) throw xx(`Manifest file entry ${url} is mandatory but was not found (err_code 1212: Load file not found)`);
      continue;
    }
    files.push({ uri: url, bucket: loc.bucket, key: loc.key, size: object.size });
  }
  return files;
}

/** Reads an object's bytes, gunzipping them for GZIP loads. */
export async function readSourceBytes(store: WorkspaceStore, file: SourceFile, gzip: boolean): Promise<Uint8Array> {
  let bytes = await new LocalS3(store).get(file.bucket, file.key);
  if (gzip) {
    if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) throw xx(`gzip: ${file.uri}: not in gzip format (err_code 1200: Unknown parse error)`);
    const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(new DecompressionStream('gzip'));
    bytes = new Uint8Array(await new Response(stream).arrayBuffer());
  }
  return bytes;
}

/** Reads an object's text, gunzipping it for GZIP loads. */
export async function readSourceText(store: WorkspaceStore, file: SourceFile, gzip: boolean): Promise<string> {
  return new TextDecoder().decode(await readSourceBytes(store, file, gzip));
}
