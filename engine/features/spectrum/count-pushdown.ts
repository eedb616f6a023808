import type { StatementContext } from '../../session/statement-handler';
import type { Token } from '../../sql/tokenizer';
import type { ExternalColumn, ExternalTable } from './catalog';
import { FACT_ROWS_COLUMN, type EagerCountPlan } from './eager-count';
import { KeyCounter, type FieldRule } from './key-counter';
import { pgType, tableFiles, type ScannedFile } from './materialize';
import { quoteIdent } from '../../sql/quote';
import type { TableScan } from './scan-bill';

/**
 * The Spectrum layer's share of an eager-counted join (see eager-count.ts): the per-key counts of
 * the fact objects are computed while the objects stream past, as Redshift pushes such aggregation
 * down to Spectrum, and PostgreSQL only joins those counts. Every query still reads every object;
 * nothing is cached. Measured on the lecture's join (bench/spectrum-join, 1M-row CSV ⋈ 50k rows):
 * repeated query 490 → 365 ms, first query after the object changed 1.83 s → 0.48 s (no load into
 * PostgreSQL); ~200 ms of it is this counting, ~110 ms PostgreSQL's join of the 50k counts.
 * Only plain delimited text is counted here (see KeyCounter); anything else returns undefined and
 * runs through PostgreSQL.
 */
export interface PushedDownCount {
  tokens: Token[];
  /** What was read, as prepareScans reports a scan (for the bill and SVL_S3QUERY_SUMMARY). */
  scan: TableScan & { table: ExternalTable };
}

const INTEGER_RANGES: Record<string, [number, number]> = {
  smallint: [-32768, 32767],
  integer: [-2147483648, 2147483647],
  bigint: [-Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
};

function fieldRule(column: ExternalColumn): FieldRule | undefined {
  const type = pgType(column.type);
  const range = INTEGER_RANGES[type === 'int' || type === 'int4' ? 'integer' : type === 'int8' ? 'bigint' : type === 'int2' ? 'smallint' : type];
  if (range) return { kind: 'int', min: range[0], max: range[1] };
  if (type === 'text' || type === 'varchar' || type === 'character varying') return { kind: 'text', max: Number.MAX_SAFE_INTEGER };
  const sized = /^(?:varchar|character varying)\s*\(\s*(\d+)\s*\)$/.exec(type);
  return sized ? { kind: 'text', max: Number(sized[1]) } : undefined;
}

export async function pushDownCount(context: StatementContext, plan: EagerCountPlan): Promise<PushedDownCount | undefined> {
  const table = plan.external;
  if (table.format !== 'TEXTFILE' || table.partitionKeys.length > 0 || table.skipHeaderLines > 1) return undefined;
  const delimiter = table.delimiter.length === 1 ? table.delimiter.charCodeAt(0) : -1;
  if (delimiter <= 0 || delimiter >= 128 || table.delimiter === '"' || table.delimiter === '\n' || table.delimiter === '\r') return undefined;
  const keyIndex = table.columns.findIndex((c) => c.name === plan.key);
  const fields = table.columns.map(fieldRule);
  const keyRule = fields[keyIndex];
  if (keyIndex < 0 || keyRule?.kind !== 'int' || fields.some((f) => f === undefined)) return undefined;
  // The statement reads the table's view: without USAGE on its schema the normal path says so.
  const usage = await context.backend.query('SELECT has_schema_privilege($1, \'USAGE\')', [plan.schema]);
  if (usage.rows[0]?.[0] !== true) return undefined;

  const counter = new KeyCounter({
    fields: fields as FieldRule[],
    keyIndex,
    delimiter,
    header: table.skipHeaderLines > 0,
    ...(table.nullFormat !== undefined ? { nullFormat: table.nullFormat } : {}),
  });
  const { store } = context.services;
  const files: ScannedFile[] = [];
  for (const { file, uri } of await tableFiles(store, table)) {
    const before = counter.rows;
    if (store.readChunks) {
      for await (const chunk of store.readChunks(file.path)) if (!counter.push(chunk)) return undefined;
    } else if (!counter.push((await store.readFile(file.path)) ?? new Uint8Array())) return undefined;
    if (!counter.endObject()) return undefined;
    files.push({ uri, size: file.size, rows: counter.rows - before, cacheTable: '' });
  }
  const { keys, counts } = counter.result();
  const keyType = pgType(table.columns[keyIndex]!.type);
  const source = `(SELECT * FROM unnest('{${keys.join(',')}}'::${keyType}[], '{${counts.join(',')}}'::bigint[]) AS wl_spectrum_counts(${quoteIdent(plan.key)}, ${FACT_ROWS_COLUMN}))`;
  const tokens = plan.rewrite(source);
  const name = `${plan.schema}.${plan.table}`;
  return tokens ? { tokens, scan: { name, format: table.format, partitioned: false, files, table } } : undefined;
}
