import { quoteIdent, quoteLiteral } from '../../sql/quote';
import type { StatementContext } from '../../session/statement-handler';
import { S3_ROOT } from '../s3/local-s3';
import { mountedPathOf } from '../spectrum/server-files';
import type { CopyCommand } from './copy-options';
import { readSourceBytes, type SourceFile } from './copy-sources';
import { fastPlan, scanFast } from './fast-scan';
import type { TargetColumn } from './field-types';

const QUERY_CANCELED = '57014';
let fileCounter = 0;

/**
 * Loads clean files with PostgreSQL's own server-side COPY (streamed from the mounted workspace
 * folder, or from a copy in the backend's memory FS), all files in one atomic step. Returns the
 * number of rows loaded, or undefined when some row needs checking one by one — then nothing was
 * loaded and the row-checking path runs, with Redshift's STL_LOAD_ERRORS reasons.
 */
export async function tryFastLoad(
  context: StatementContext,
  command: CopyCommand,
  target: { qualified: string; columns: TargetColumn[] },
  files: SourceFile[],
): Promise<number | undefined> {
  const plan = fastPlan(command, target.columns, quoteIdent);
  const { backend, services } = context;
  if (!plan || !backend.writeServerFile) return undefined;
  const paths: string[] = [];
  const temporary: string[] = [];
  try {
    const totalBytes = files.reduce((sum, f) => sum + f.size, 0);
    let doneBytes = 0;
    for (const file of files) {
      const bytes = await readSourceBytes(services.store, file, command.gzip);
      if (scanFast(bytes, plan) === undefined) return undefined;
      let path = command.gzip ? undefined : mountedPathOf(backend, services.store, `${S3_ROOT}${file.bucket}/${file.key}`);
      if (!path) {
        path = `/tmp/wl_copy/fast-${++fileCounter}.csv`;
        backend.writeServerFile(path, bytes);
        temporary.push(path);
      }
      paths.push(path);
      doneBytes += file.size;
      context.options.onProgress?.({ phase: 'COPY', done: doneBytes / 2, total: totalBytes, unit: 'bytes', message: `checked ${file.uri}` });
    }
    const columnList = target.columns.map((c) => quoteIdent(c.name)).join(', ');
    try {
      return await context.atomic(() =>
        context.asAdmin(async () => {
          let rows = 0;
          for (const path of paths) {
            const result = await backend.query(`COPY ${target.qualified} (${columnList}) FROM ${quoteLiteral(path)} WITH (${plan.copyOptions})`);
            rows += result.affectedRows;
          }
          return rows;
        }),
      );
    } catch (e) {
      if ((e as { code?: string }).code === QUERY_CANCELED) throw e;
      return undefined; // PostgreSQL refused a row (overflow, no such day …): the checking path finds and reports it
    }
  } finally {
    for (const path of temporary) backend.removeServerFile?.(path);
  }
}
