import { AwsError, type ConsoleContext, type ConsoleOperation, type ConsoleOutput } from '../../console/console-command';
import { LocalS3, S3Problem, type S3Object } from './local-s3';
import { formatS3Uri, isS3Uri, parseS3Uri, type S3Location } from './s3-uri';

/** `aws s3 cp|ls|rm|mb|rb` over the workspace's local S3, printing what the AWS CLI prints. */

const s3Of = (context: ConsoleContext) => new LocalS3(context.warehouse.store);

function location(uri: string, operation: string): S3Location {
  const loc = parseS3Uri(uri);
  if (!loc) throw new AwsError('InvalidArgument', `Invalid S3 URI: ${uri}`, operation);
  return loc;
}

/** The AWS CLI's high-level s3 failure line: `<verb> failed: <uri> An error occurred (…) …`, exit 1. */
function failed(verb: string, target: string, problem: S3Problem, operation: string): ConsoleOutput {
  return { exitCode: 1, stdout: '', stderr: `${verb} failed: ${target} An error occurred (${problem.code}) when calling the ${operation} operation: ${problem.message}\n` };
}

function localTime(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

const baseName = (path: string) => path.slice(path.lastIndexOf('/') + 1);
const joinKey = (prefix: string, name: string) => (prefix === '' || prefix.endsWith('/') ? prefix + name : `${prefix}/${name}`);

const cp: ConsoleOperation = {
  service: 's3',
  name: 'cp',
  summary: 'copy files to, from or within the local S3',
  async run(context) {
    const [source, target] = context.positionals;
    if (!source || !target) return { exitCode: 252, stdout: '', stderr: 'usage: aws s3 cp <LocalPath> <S3Uri> or <S3Uri> <LocalPath> or <S3Uri> <S3Uri>\n' };
    const recursive = context.options.has('recursive');
    const s3 = s3Of(context);
    const lines: string[] = [];
    try {
      if (!isS3Uri(source) && isS3Uri(target)) {
        const to = location(target, 'PutObject');
        const files = recursive ? await listLocal(context, source) : [''];
        if (files === undefined) return { exitCode: 255, stdout: '', stderr: `\nThe user-provided path ${source} does not exist.\n` };
        for (const rel of files) {
          const localPath = rel ? `${source.replace(/\/$/, '')}/${rel}` : source;
          let data: Uint8Array;
          try {
            data = await context.io.readLocalFile(localPath);
          } catch {
            return { exitCode: 255, stdout: lines.join(''), stderr: `\nThe user-provided path ${localPath} does not exist.\n` };
          }
          const key = recursive ? joinKey(to.key, rel) : to.key === '' || to.key.endsWith('/') ? to.key + baseName(localPath) : to.key;
          await s3.put(to.bucket, key, data);
          lines.push(`upload: ${displayLocal(localPath)} to ${formatS3Uri({ bucket: to.bucket, key })}\n`);
        }
      } else if (isS3Uri(source)) {
        const from = location(source, 'GetObject');
        const objects = recursive ? await s3.list(from.bucket, from.key) : [await single(s3, from)];
        if (recursive) await s3.requireBucket(from.bucket);
        for (const object of objects) {
          const rel = recursive ? object.key.slice(from.key.length).replace(/^\//, '') : baseName(object.key);
          const data = await s3.get(from.bucket, object.key);
          if (isS3Uri(target)) {
            const to = location(target, 'CopyObject');
            const key = recursive || to.key === '' || to.key.endsWith('/') ? joinKey(to.key, rel) : to.key;
            await s3.put(to.bucket, key, data);
            lines.push(`copy: ${formatS3Uri({ bucket: from.bucket, key: object.key })} to ${formatS3Uri({ bucket: to.bucket, key })}\n`);
          } else {
            if (!context.io.writeLocalFile) throw new AwsError('Unsupported', 'downloads are not available here', 'GetObject');
            const localPath = recursive || target.endsWith('/') || target === '.' ? `${target.replace(/\/$/, '')}/${rel}` : target;
            await context.io.writeLocalFile(localPath, data);
            lines.push(`download: ${formatS3Uri({ bucket: from.bucket, key: object.key })} to ${displayLocal(localPath)}\n`);
          }
        }
      } else {
        return { exitCode: 252, stdout: '', stderr: 'Error: Invalid argument type: at least one of the paths must be an S3 URI (s3://bucket/key)\n' };
      }
    } catch (e) {
      if (e instanceof S3Problem) {
        const stderr = e.code === 'NoSuchKey'
          ? `fatal error: An error occurred (404) when calling the HeadObject operation: Key "${parseS3Uri(source)?.key ?? ''}" does not exist\n`
          : `fatal error: An error occurred (${e.code}) when calling the ${isS3Uri(source) ? 'ListObjectsV2' : 'PutObject'} operation: ${e.message}\n`;
        return { exitCode: 1, stdout: lines.join(''), stderr };
      }
      throw e;
    }
    return { exitCode: 0, stdout: lines.join(''), stderr: '' };
  },
};

async function single(s3: LocalS3, from: S3Location): Promise<S3Object> {
  const [object] = (await s3.list(from.bucket, from.key)).filter((o) => o.key === from.key);
  if (!object) {
    await s3.requireBucket(from.bucket);
    throw new S3Problem('NoSuchKey', 'The specified key does not exist.');
  }
  return object;
}

async function listLocal(context: ConsoleContext, folder: string): Promise<string[] | undefined> {
  if (!context.io.listLocalFiles) throw new AwsError('Unsupported', 'folder uploads are not available here', 'PutObject');
  try {
    return await context.io.listLocalFiles(folder);
  } catch {
    return undefined;
  }
}

function displayLocal(path: string): string {
  return path.startsWith('/') || path.startsWith('./') || path.startsWith('../') || /^[A-Za-z]:/.test(path) ? path : `./${path}`;
}

const ls: ConsoleOperation = {
  service: 's3',
  name: 'ls',
  summary: 'list buckets, or the objects and folders under an S3 prefix',
  async run(context) {
    const s3 = s3Of(context);
    const target = context.positionals[0];
    if (!target || target === 's3://') {
      const lines = (await s3.buckets()).map((b) => `${localTime(Date.parse(b.created))} ${b.name}\n`);
      return { exitCode: 0, stdout: lines.join(''), stderr: '' };
    }
    const loc = location(target, 'ListObjectsV2');
    if (!(await s3.bucketExists(loc.bucket))) throw new AwsError('NoSuchBucket', 'The specified bucket does not exist', 'ListObjectsV2');
    const objects = await s3.list(loc.bucket, loc.key);
    const lines: string[] = [];
    if (context.options.has('recursive')) {
      for (const o of objects) lines.push(objectLine(o, o.key));
    } else {
      // Like S3's delimiter listing: the prefix up to its last '/' is the "folder" we are in.
      const folder = loc.key.slice(0, loc.key.lastIndexOf('/') + 1);
      const seen = new Set<string>();
      for (const o of objects) {
        const rest = o.key.slice(folder.length);
        const slash = rest.indexOf('/');
        if (slash !== -1) {
          const pre = rest.slice(0, slash + 1);
          if (!seen.has(pre)) lines.push(`${' '.repeat(27)}PRE ${pre}\n`);
          seen.add(pre);
        } else {
          lines.push(objectLine(o, rest));
        }
      }
    }
    const exitCode = lines.length === 0 && loc.key !== '' ? 1 : 0;
    return { exitCode, stdout: lines.join(''), stderr: '' };
  },
};

const objectLine = (o: S3Object, name: string) => `${localTime(o.modified)} ${String(o.size).padStart(10)} ${name}\n`;

const rm: ConsoleOperation = {
  service: 's3',
  name: 'rm',
  summary: 'delete an object, or every object under a prefix with --recursive',
  async run(context) {
    const target = context.positionals[0];
    if (!target) return { exitCode: 252, stdout: '', stderr: 'usage: aws s3 rm <S3Uri> [--recursive]\n' };
    const loc = location(target, 'DeleteObject');
    const s3 = s3Of(context);
    if (!(await s3.bucketExists(loc.bucket))) {
      return failed('delete', target, new S3Problem('NoSuchBucket', 'The specified bucket does not exist'), context.options.has('recursive') ? 'ListObjectsV2' : 'DeleteObject');
    }
    const objects = context.options.has('recursive') ? await s3.list(loc.bucket, loc.key) : (await s3.list(loc.bucket, loc.key)).filter((o) => o.key === loc.key);
    // Deleting a missing key is not an error in S3: the CLI still prints the line.
    const keys = context.options.has('recursive') ? objects.map((o) => o.key) : [loc.key];
    const lines: string[] = [];
    for (const key of keys) {
      await s3.remove(loc.bucket, key);
      lines.push(`delete: ${formatS3Uri({ bucket: loc.bucket, key })}\n`);
    }
    return { exitCode: 0, stdout: lines.join(''), stderr: '' };
  },
};

const mb: ConsoleOperation = {
  service: 's3',
  name: 'mb',
  summary: 'make a bucket',
  async run(context) {
    const target = context.positionals[0];
    if (!target) return { exitCode: 252, stdout: '', stderr: 'usage: aws s3 mb <S3Uri>\n' };
    const loc = location(target, 'CreateBucket');
    try {
      await s3Of(context).createBucket(loc.bucket);
    } catch (e) {
      if (e instanceof S3Problem) return failed('make_bucket', target, e, 'CreateBucket');
      throw e;
    }
    return { exitCode: 0, stdout: `make_bucket: ${loc.bucket}\n`, stderr: '' };
  },
};

const rb: ConsoleOperation = {
  service: 's3',
  name: 'rb',
  summary: 'remove a bucket (with --force: and its objects)',
  async run(context) {
    const target = context.positionals[0];
    if (!target) return { exitCode: 252, stdout: '', stderr: 'usage: aws s3 rb <S3Uri> [--force]\n' };
    const loc = location(target, 'DeleteBucket');
    const s3 = s3Of(context);
    const lines: string[] = [];
    try {
      if (context.options.has('force') && (await s3.bucketExists(loc.bucket))) {
        for (const o of await s3.list(loc.bucket, '')) {
          await s3.remove(loc.bucket, o.key);
          lines.push(`delete: ${formatS3Uri({ bucket: loc.bucket, key: o.key })}\n`);
        }
      }
      await s3.removeBucket(loc.bucket);
    } catch (e) {
      if (e instanceof S3Problem) return { ...failed('remove_bucket', target, e, 'DeleteBucket'), stdout: lines.join('') };
      throw e;
    }
    lines.push(`remove_bucket: ${loc.bucket}\n`);
    return { exitCode: 0, stdout: lines.join(''), stderr: '' };
  },
};

export const s3ConsoleOperations: ConsoleOperation[] = [cp, ls, rm, mb, rb];
