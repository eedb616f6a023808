import type { QueryResult } from '../../api/types';
import { SqlError, SQLSTATE } from '../../errors/sql-error';
import { rewriteDialect } from '../../sql/dialect';
import { mapOffset, synth } from '../../sql/rewrite/render';
import { keyword } from '../../sql/tokenizer';
import type { StatementContext, StatementHandler } from '../../session/statement-handler';
import { catalogOf, knownExternalSchemas, type Catalog, type ExternalTable } from './catalog';
import { recordOutsideUserTransaction, rowsOfQuery } from '../copy/outside-transaction';
import { eagerCountPlan } from './eager-count';
import { pushDownCount } from './count-pushdown';
import { insertIntoExternal } from './external-insert';
import { analyzeNewTables } from './auto-analyze';
import { CACHE_SCHEMA, materialize } from './materialize';
import { recordScans, totals, type TableScan } from './scan-bill';
import { qualifiedNames, usesPseudoColumns, type TableRef } from './table-refs';
import { requireSchemaUsage } from './schema-usage';

/**
 * Statements that read external tables: the tables' current S3 objects are brought in (see
 * materialize), the statement runs unchanged as the user, and the scan is billed and recorded in
 * SVL_S3QUERY_SUMMARY. Writes other than INSERT … SELECT are refused as Redshift refuses them.
 */
export const externalQueryHandler: StatementHandler = {
  name: 'external-query',
  // The schema names are loaded when the workspace opens (onWorkspaceOpen), so this pre-filter is right in a fresh process too.
  matches: (s) => qualifiedNames(s).some((r) => knownExternalSchemas.has(r.schema)),
  async run(context) {
    const catalog = await catalogOf(context);
    const refs = qualifiedNames(context.statement).filter((r) => tableOfRef(catalog, r));
    if (refs.length === 0) return context.handOn(externalQueryHandler);
    const w = context.statement.words;
    const verb = keyword(w[0]);
    const target = refs.find((r) => r.at === (verb === 'DELETE' ? 2 : verb === 'INSERT' ? 2 : verb === 'UPDATE' || verb === 'TRUNCATE' ? 1 : -1));
    const targetPos = target ? { position: w[target.at]!.start + 1 } : {};
    if (verb === 'COPY' && refs.some((r) => r.at === 1)) {
      throw new SqlError(SQLSTATE.featureNotSupported, "Amazon Redshift Spectrum external tables are read-only. You can't COPY to an external table.", { position: w[1]!.start + 1 });
    }
    if (target && verb === 'INSERT') return insertIntoExternal(context, catalog, target, tableOfRef(catalog, target)!);
    if (target || (verb === 'TRUNCATE' && refs.some((r) => r.at === 2))) {
      throw new SqlError(SQLSTATE.featureNotSupported, 'Operation not supported on external tables', targetPos);
    }
    if ((verb === 'GRANT' || verb === 'REVOKE') && refs.length) {
      throw new SqlError(SQLSTATE.featureNotSupported, 'Operation not supported on external tables: grant USAGE on the external schema instead', { position: w[refs[0]!.at]!.start + 1 });
    }
    return runReading(context, catalog, refs);
  },
};

function tableOfRef(catalog: Catalog, ref: TableRef): ExternalTable | undefined {
  const schema = catalog.schemas[ref.schema];
  return schema ? catalog.databases[schema.database]?.tables[ref.table] : undefined;
}

/** Brings the referenced tables up to date; returns what each scan would read (before pruning). */
export async function prepareScans(context: StatementContext, catalog: Catalog, refs: TableRef[]): Promise<Map<string, TableScan & { table: ExternalTable }>> {
  const scans = new Map<string, TableScan & { table: ExternalTable }>();
  for (const ref of refs) {
    const key = `${ref.schema}.${ref.table}`;
    if (scans.has(key)) continue;
    const table = tableOfRef(catalog, ref)!;
    const files = await context.asAdmin(() => materialize(context.backend, context.services.store, ref.schema, table));
    scans.set(key, { name: `${ref.schema}.${ref.table}`, format: table.format, partitioned: table.partitionKeys.length > 0, files, table });
  }
  return scans;
}

async function runReading(context: StatementContext, catalog: Catalog, refs: TableRef[]): Promise<QueryResult> {
  const start = new Date();
  const { statement } = context;
  const pseudo = usesPseudoColumns(statement);
  const eager = pseudo ? undefined : eagerCountPlan(statement, (schema, table) => tableOfRef(catalog, { schema, table, at: -1 }));
  const pushed = eager && (await pushDownCount(context, eager));
  const scans = pushed ? new Map([[pushed.scan.name, pushed.scan]]) : await prepareScans(context, catalog, refs);
  await analyzeNewTables(context, statement, new Set(scans.keys()));
  let tokens = pushed ? pushed.tokens : statement.tokens;
  if (pseudo) {
    for (const ref of refs) await requireSchemaUsage(context.backend, ref.schema, statement.words[ref.at]!.start + 1);
    const replace = new Map(refs.map((r) => [statement.words[r.at]!, r]));
    const skip = new Set(refs.flatMap((r) => [statement.words[r.at + 2]!]));
    tokens = tokens.flatMap((t) => {
      const ref = replace.get(t);
      if (ref) return [synth(CACHE_SCHEMA, t.start), synth('.', t.start, 'op'), synth(`"${ref.schema}.${ref.table}"`, t.start, 'quoted')];
      if (skip.has(t)) return [];
      if (refs.some((r) => statement.words[r.at + 1] === t)) return [];
      return [t];
    });
  } else if (eager && !pushed) tokens = eager.rewrite() ?? tokens;
  const rendered = rewriteDialect({ ...statement, tokens });
  const partitioned = [...scans.values()].filter((s) => s.partitioned);
  if (partitioned.length) await pruneByPlan(context, rendered.text, partitioned);
  const result = await context.runAsUser(rendered.text, (offset) => mapOffset(rendered, offset));
  const list = [...scans.values()];
  result.scan = totals(list);
  const end = new Date();
  const query = { user: context.session.currentUser, queryId: context.services.history.currentId, start, end, pid: 1 };
  await recordOutsideUserTransaction(context, (admin) => recordScans(admin, query, list), rowsOfQuery('wl_sys.s3query_summary', query.queryId));
  return result;
}

/** Keeps only the objects whose cache tables the planner will actually scan (partition pruning). */
async function pruneByPlan(context: StatementContext, sql: string, scans: TableScan[]): Promise<void> {
  let plan: unknown;
  try {
    await context.backend.setIdentity(context.session.currentUser);
    plan = (await context.backend.query(`EXPLAIN (FORMAT JSON) ${sql}`)).rows[0]?.[0];
  } catch {
    return; // the real run reports the error
  }
  const scanned = new Set<string>();
  const visit = (node: unknown) => {
    if (!node || typeof node !== 'object') return;
    const n = node as Record<string, unknown>;
    if (typeof n['Relation Name'] === 'string') scanned.add(n['Relation Name']);
    for (const value of Object.values(n)) {
      if (Array.isArray(value)) value.forEach(visit);
      else if (value && typeof value === 'object') visit(value);
    }
  };
  visit(typeof plan === 'string' ? JSON.parse(plan) : plan);
  for (const scan of scans) scan.files = scan.files.filter((f) => scanned.has(f.cacheTable));
}
