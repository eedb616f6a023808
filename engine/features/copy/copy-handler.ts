import type { QueryResult } from '../../api/types';
import { SqlError, SQLSTATE } from '../../errors/sql-error';
import { quoteIdent, quoteLiteral } from '../../sql/quote';
import type { StatementContext, StatementHandler } from '../../session/statement-handler';
import { checkRoleFor } from '../iam/check-role';
import { externalSchemaNamed } from '../spectrum/catalog';
import { isCopyFrom, parseCopy, type CopyCommand } from './copy-options';
import { readSourceText, resolveSources } from './copy-sources';
import type { TargetColumn } from './field-types';
import { recordLoadErrors } from './load-errors';
import { loadJson } from './json-rows';
import { loadText, type LoadError } from './load-rows';
import { tryFastLoad } from './fast-load';
import { recordOutsideUserTransaction, rowsOfQuery } from './outside-transaction';

/**
 * Redshift's COPY … FROM 's3://…': rows are read and checked in the front end (bad rows go to
 * STL_LOAD_ERRORS), the good ones are written as clean CSV into the backend's file system and loaded
 * with one server-side COPY inside an atomic step, so a failed load leaves the table as it was.
 */
export const copyHandler: StatementHandler = {
  name: 'copy',
  matches: isCopyFrom,
  async run(context) {
    const command = parseCopy(context.statement);
    return runCopy(context, command);
  },
};

async function runCopy(context: StatementContext, command: CopyCommand): Promise<QueryResult> {
  const { services, session, backend } = context;
  const start = new Date();
  const queryId = services.history.currentId;
  const at = (offset: number) => ({ position: offset + 1 });
  if (command.schema && (await externalSchemaNamed(context, command.schema))) {
    throw new SqlError(SQLSTATE.featureNotSupported, "Amazon Redshift Spectrum external tables are read-only. You can't COPY to an external table.", at(command.tableAt));
  }
  const target = await resolveTarget(context, command);
  if (command.iamRole) await checkRoleFor(services, command.iamRole, 's3', { user: session.currentUser });
  const files = await resolveSources(services.store, command.source, command.manifest);
  const fastRows = await tryFastLoad(context, command, target, files);
  if (fastRows !== undefined) return finish(context, command, fastRows, 0);

  const parts: string[] = [];
  const errors: LoadError[] = [];
  let loaded = 0;
  let failedRecords = 0;
  const totalBytes = files.reduce((sum, f) => sum + f.size, 0);
  let doneBytes = 0;
  for (const file of files) {
    const text = await readSourceText(services.store, file, command.gzip);
    const result = (command.json ? loadJson : loadText)(text, file.uri, command, target.columns, errors.length);
    parts.push(result.csv);
    loaded += result.rows;
    failedRecords += result.errors.length;
    errors.push(...result.errors.slice(0, Math.max(0, 1000 - errors.length)));
    doneBytes += file.size;
    context.options.onProgress?.({ phase: 'COPY', done: doneBytes, total: totalBytes, unit: 'bytes', message: `${loaded} rows read from ${file.uri}` });
  }
  const load = { user: session.currentUser, tableOid: target.oid, query: queryId, session: sessionNumber(session.id), start };
  const record = () => recordOutsideUserTransaction(context, (admin) => recordLoadErrors(admin, load, errors), rowsOfQuery('wl_sys.load_errors', queryId));

  if (failedRecords > command.maxError) {
    await record();
    throw new SqlError(SQLSTATE.internalError, `Load into table '${command.table}' failed.  Check 'stl_load_errors' system table for details.`);
  }
  if (!command.noload && loaded > 0) {
    const serverPath = `/tmp/wl_copy/q${queryId}-${Date.now()}.csv`;
    if (!backend.writeServerFile) throw new SqlError(SQLSTATE.featureNotSupported, 'this backend cannot load files');
    backend.writeServerFile(serverPath, parts.join(''));
    parts.length = 0;
    try {
      const columnList = target.columns.map((c) => quoteIdent(c.name)).join(', ');
      await context.atomic(() =>
        context.asAdmin(() => backend.exec(`COPY ${target.qualified} (${columnList}) FROM ${quoteLiteral(serverPath)} WITH (FORMAT csv)`)),
      );
    } catch (e) {
      throw e instanceof SqlError ? e : new SqlError(SQLSTATE.internalError, `Load into table '${command.table}' failed: ${(e as Error).message}`);
    } finally {
      backend.removeServerFile?.(serverPath);
    }
  }
  await record();
  return finish(context, command, loaded, failedRecords);
}

function finish(context: StatementContext, command: CopyCommand, loaded: number, failedRecords: number): QueryResult {
  const notices: string[] = [];
  if (command.noload) notices.push(`INFO:  Load into table '${command.table}' completed, ${loaded} record(s) validated (NOLOAD: nothing was loaded).`);
  else notices.push(`INFO:  Load into table '${command.table}' completed, ${loaded} record(s) loaded successfully.`);
  if (failedRecords > 0) {
    notices.push(`INFO:  Load into table '${command.table}' completed, ${failedRecords} record(s) could not be loaded.  Check 'stl_load_errors' system table for details.`);
  }
  const result = context.done('COPY', command.noload ? 0 : loaded);
  result.notices.push(...notices);
  return result;
}

interface Target {
  oid: number;
  qualified: string;
  columns: TargetColumn[];
}

/** Finds the table as the user sees it and checks the user may INSERT into it. */
async function resolveTarget(context: StatementContext, command: CopyCommand): Promise<Target> {
  const { backend } = context;
  const qualified = command.schema ? `${quoteIdent(command.schema)}.${quoteIdent(command.table)}` : quoteIdent(command.table);
  const position = { position: command.tableAt + 1 };
  await backend.setIdentity(context.session.currentUser);
  let oid: number;
  try {
    const r = await backend.query(`SELECT $1::regclass::oid::int`, [qualified]);
    oid = Number(r.rows[0]![0]);
  } catch {
    throw new SqlError(SQLSTATE.undefinedTable, `relation "${command.schema ? `${command.schema}.` : ''}${command.table}" does not exist`, position);
  }
  const info = await backend.query(
    `SELECT n.nspname, c.relname, c.relkind::text, has_schema_privilege(n.oid, 'USAGE'), has_table_privilege(c.oid, 'INSERT')
     FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = $1`,
    [oid],
  );
  const [schema, table, kind, usage, insert] = info.rows[0] as [string, string, string, boolean, boolean];
  if (!usage) throw new SqlError(SQLSTATE.insufficientPrivilege, `permission denied for schema ${schema}`, position);
  if (kind !== 'r' && kind !== 'p') throw new SqlError(SQLSTATE.featureNotSupported, `COPY target "${table}" is not a table`, position);
  if (!insert) throw new SqlError(SQLSTATE.insufficientPrivilege, `permission denied for relation ${table}`, position);
  const cols = await backend.query(
    `SELECT attname, format_type(atttypid, atttypmod), attnotnull FROM pg_attribute
     WHERE attrelid = $1 AND attnum > 0 AND NOT attisdropped ORDER BY attnum`,
    [oid],
  );
  const all: TargetColumn[] = cols.rows.map((r) => ({ name: String(r[0]), type: String(r[1]), notNull: r[2] === true }));
  let columns = all;
  if (command.columns) {
    columns = command.columns.map((name) => {
      const column = all.find((c) => c.name === name);
      if (!column) throw new SqlError('42703', `column "${name}" of relation "${table}" does not exist`, position);
      return column;
    });
  }
  return { oid, qualified: `${quoteIdent(schema)}.${quoteIdent(table)}`, columns };
}

function sessionNumber(id: string): number {
  let h = 0;
  for (let i = 0; i < id.length; i++) h = (Math.imul(h, 31) + id.charCodeAt(i)) | 0;
  return Math.abs(h) % 1_000_000_000;
}
