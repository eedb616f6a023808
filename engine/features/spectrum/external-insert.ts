import type { QueryResult, SqlValue } from '../../api/types';
import { SqlError, SQLSTATE } from '../../errors/sql-error';
import { rewriteDialect } from '../../sql/dialect';
import { makeStatement } from '../../sql/splitter';
import type { StatementContext } from '../../session/statement-handler';
import { checkRoleFor } from '../iam/check-role';
import { LocalS3 } from '../s3/local-s3';
import { parseS3Uri } from '../s3/s3-uri';
import { saveCatalog, type Catalog, type ExternalTable } from './catalog';
import { qualifiedNames, type TableRef } from './table-refs';
import { requireSchemaUsage } from './schema-usage';

/**
 * INSERT INTO external_schema.table SELECT …: runs the query, writes its rows as a new text object
 * under the table's location (partition columns last: one object per partition, partitions added
 * as needed), the way Redshift names them: `<date>_<time>_<micros>_<query>_<slice>_part_00.txt`.
 */
export async function insertIntoExternal(context: StatementContext, catalog: Catalog, ref: TableRef, table: ExternalTable): Promise<QueryResult> {
  const { statement } = context;
  const w = statement.words;
  if (context.backend.inTransaction()) throw new SqlError(SQLSTATE.activeSqlTransaction, 'INSERT into an external table cannot run inside a transaction block');
  if (table.format !== 'TEXTFILE') throw new SqlError(SQLSTATE.featureNotSupported, `INSERT into ${table.format} external tables is not supported in this lab; use a TEXTFILE table`, { position: w[ref.at]!.start + 1 });
  await requireSchemaUsage(context.backend, ref.schema, w[ref.at]!.start + 1);
  const schema = catalog.schemas[ref.schema]!;
  await checkRoleFor(context.services, schema.iamRole, ['s3', 's3-write'], { user: context.session.currentUser });
  let i = ref.at + 3;
  if (w[i]?.text === '(') throw new SqlError(SQLSTATE.featureNotSupported, 'a column list is not supported for INSERT into external tables: select the columns in table order, partition columns last', { position: w[i]!.start + 1 });
  const queryStart = w[i]?.start;
  if (queryStart === undefined) throw new SqlError(SQLSTATE.syntaxError, 'syntax error at end of input');
  const query = makeStatement(statement.text.slice(queryStart), statement.offset + queryStart);
  const inner = qualifiedNames(query);
  const { prepareScans } = await import('./external-query');
  const scans = await prepareScans(context, catalog, inner.filter((r) => catalog.schemas[r.schema]));
  const rendered = rewriteDialect(query);
  const result = await context.runAsUser(rendered.text, (offset) => queryStart + offset);
  const width = table.columns.length + table.partitionKeys.length;
  if (result.columns.length !== width) {
    throw new SqlError('42601', `INSERT has ${result.columns.length > width ? 'more' : 'fewer'} expressions than target columns (${width}: ${[...table.columns, ...table.partitionKeys].map((c) => c.name).join(', ')})`);
  }
  const groups = new Map<string, { values: string[]; lines: string[] }>();
  for (const row of result.rows) {
    const values = row.slice(table.columns.length).map((v) => (v === null ? '' : String(v)));
    const key = values.join('\u0000');
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { values, lines: [] }));
    group.lines.push(row.slice(0, table.columns.length).map((v) => field(v, table.delimiter)).join(table.delimiter));
  }
  const s3 = new LocalS3(context.services.store);
  const name = objectName(context.services.history.currentId);
  let catalogChanged = false;
  for (const group of groups.values()) {
    let location = table.location;
    if (table.partitionKeys.length) {
      const existing = table.partitions.find((p) => p.values.join('\u0000') === group.values.join('\u0000'));
      if (existing) location = existing.location;
      else {
        location = `${table.location.replace(/\/?$/, '/')}${table.partitionKeys.map((k, j) => `${k.name}=${group.values[j]}`).join('/')}/`;
        table.partitions.push({ values: group.values, location });
        catalogChanged = true;
      }
    }
    const loc = parseS3Uri(location)!;
    const prefix = loc.key === '' || loc.key.endsWith('/') ? loc.key : `${loc.key}/`;
    await s3.put(loc.bucket, `${prefix}${name}`, group.lines.join('\n') + '\n');
  }
  if (catalogChanged) await saveCatalog(context, catalog);
  const done = context.done('INSERT', result.rows.length);
  if (scans.size) done.scan = (await import('./scan-bill')).totals([...scans.values()]);
  return done;
}

function field(value: SqlValue, delimiter: string): string {
  if (value === null) return '';
  const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  return text === '' || text.includes(delimiter) || /["\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function objectName(queryId: number): string {
  const d = new Date();
  const p = (n: number, l = 2) => String(n).padStart(l, '0');
  const date = `${d.getUTCFullYear()}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}`;
  const time = `${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}`;
  return `${date}_${time}_${p(d.getUTCMilliseconds() * 1000, 6)}_${queryId}_0001_part_00.txt`;
}
