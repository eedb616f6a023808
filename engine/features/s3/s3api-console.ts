import { AwsError, ok, type ConsoleContext, type ConsoleOperation } from '../../console/console-command';
import { ACCOUNT_ID } from '../iam/iam-state';
import { LocalS3 } from './local-s3';

/**
 * `aws s3api list-buckets` and `aws s3api list-objects-v2`: the JSON reads of the S3 API, with AWS's
 * field names (the console panel reads buckets and folders through them).
 */

const MAX_KEYS_LIMIT = 1000;

function option(context: ConsoleContext, name: string): string | undefined {
  const value = context.options.get(name);
  if (value === true) throw new AwsError('ValidationError', `argument --${name}: expected one argument`);
  return value;
}

/** A stable ETag of an object version: its store path, size and time (no content hashing on every listing). */
function etag(path: string, size: number, modified: number): string {
  let h = 0x811c9dc5;
  for (const ch of `${path}|${size}|${modified}`) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  return `"${h.toString(16).padStart(8, '0')}${(size >>> 0).toString(16).padStart(8, '0')}"`;
}

const listBuckets: ConsoleOperation = {
  service: 's3api',
  name: 'list-buckets',
  summary: 'list buckets as JSON',
  async run(context) {
    const buckets = await new LocalS3(context.warehouse.store).buckets();
    return ok({
      Buckets: buckets.map((b) => ({ Name: b.name, CreationDate: b.created })),
      Owner: { DisplayName: 'student', ID: ACCOUNT_ID },
    });
  },
};

const listObjectsV2: ConsoleOperation = {
  service: 's3api',
  name: 'list-objects-v2',
  summary: 'list the objects (and with --delimiter the common prefixes) of a bucket as JSON',
  async run(context) {
    const bucket = option(context, 'bucket');
    if (!bucket) throw new AwsError('ValidationError', 'the following arguments are required: --bucket');
    const prefix = option(context, 'prefix') ?? '';
    const delimiter = option(context, 'delimiter');
    const maxText = option(context, 'max-keys');
    const maxKeys = maxText === undefined ? MAX_KEYS_LIMIT : Number(maxText);
    if (!Number.isInteger(maxKeys) || maxKeys < 0) throw new AwsError('InvalidArgument', `Provided max-keys not an integer or within integer range: ${maxText}`, 'ListObjectsV2');
    const s3 = new LocalS3(context.warehouse.store);
    if (!(await s3.bucketExists(bucket))) throw new AwsError('NoSuchBucket', 'The specified bucket does not exist', 'ListObjectsV2');
    const contents: Record<string, unknown>[] = [];
    const prefixes: string[] = [];
    for (const o of await s3.list(bucket, prefix)) {
      if (contents.length + prefixes.length >= Math.min(maxKeys, MAX_KEYS_LIMIT)) break;
      const rest = o.key.slice(prefix.length);
      const cut = delimiter ? rest.indexOf(delimiter) : -1;
      if (cut !== -1) {
        const common = prefix + rest.slice(0, cut + delimiter!.length);
        if (!prefixes.includes(common)) prefixes.push(common);
        continue;
      }
      contents.push({ Key: o.key, LastModified: new Date(o.modified).toISOString().replace(/\.\d{3}Z$/, '+00:00'), ETag: etag(o.storePath, o.size, o.modified), Size: o.size, StorageClass: 'STANDARD' });
    }
    const json: Record<string, unknown> = { IsTruncated: false, Name: bucket, Prefix: prefix, MaxKeys: maxKeys, KeyCount: contents.length + prefixes.length };
    if (contents.length) json.Contents = contents;
    if (delimiter !== undefined) json.Delimiter = delimiter;
    if (prefixes.length) json.CommonPrefixes = prefixes.map((p) => ({ Prefix: p }));
    return ok(json);
  },
};

export const s3ApiConsoleOperations: ConsoleOperation[] = [listBuckets, listObjectsV2];
