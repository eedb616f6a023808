import type { StatementContext } from '../../session/statement-handler';
import type { Token } from '../../sql/tokenizer';
import type { ExternalColumn, ExternalTable } from './catalog';
import { FACT_ROWS_COLUMN, type EagerCountPlan } from './eager-count';
import { KeyCounter, type FieldRule } from './key-counter';
import { LinePieces, NEWLINE } from './line-pieces';
import { countHelper } from './count-helper';
import type { WorkspaceStore } from '../../workspace/workspace-store';
import { pgType, tableFiles, type ScannedFile } from './materialize';
import { quoteIdent } from '../../sql/quote';
import type { TableScan } from './scan-bill';
import { attempt } from '../../backend/attempt';
import { hasSchemaUsage } from './schema-usage';

/**
 * The Spectrum layer's share of an eager-counted join (see eager-count.ts): the per-key counts of
 * the fact objects are computed while the objects stream past, as Redshift pushes such aggregation
 * down to Spectrum, and PostgreSQL only joins those counts. Every query still reads every object;
 * nothing is cached. Measured on the lecture's join (bench/spectrum-join, 1M-row CSV ⋈ 50k rows):
 * repeated query 490 → 365 ms, first query after the object changed 1.83 s → 0.48 s (no load into
 * PostgreSQL); then 365 → 205 ms with the counts looked up instead of joined (countsLookup) and
 * most of each piece counted on a helper thread (count-helper.ts): counting alone took ~190 ms.
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
  if (!(await hasSchemaUsage(context.backend, plan.schema))) return undefined;

  const options = { fields: fields as FieldRule[], keyIndex, delimiter, ...(table.nullFormat !== undefined ? { nullFormat: table.nullFormat } : {}) };
  const counter = new KeyCounter(options);
  const { store } = context.services;
  const objects = await tableFiles(store, table);
  const helper = objects.reduce((n, o) => n + o.file.size, 0) >= PARALLEL_BYTES ? countHelper()?.start(options) : undefined;
  const files: ScannedFile[] = [];
  /** The file of each piece handed to the helper. */
  const helped: ScannedFile[] = [];
  /** Counts a piece here, its first part (HELPER_SHARE) on the helper when there is one. */
  const take = (whole: Uint8Array | false, scanned: ScannedFile): boolean => {
    if (whole === false) return false;
    let piece = whole;
    const cut = helper && piece.length >= SPLIT_BYTES ? piece.indexOf(NEWLINE, Math.floor(piece.length * HELPER_SHARE)) + 1 : 0;
    if (cut > 0) {
      helper!.count(piece.subarray(0, cut));
      helped.push(scanned);
      piece = piece.subarray(cut);
    }
    const before = counter.rows;
    if (!counter.countLines(piece)) return false;
    scanned.rows += counter.rows - before;
    return true;
  };
  let ok = true;
  for (const { file, uri } of objects) {
    const scanned: ScannedFile = { uri, size: file.size, rows: 0, cacheTable: '' };
    files.push(scanned);
    const lines = new LinePieces(table.skipHeaderLines > 0);
    for await (const chunk of readAhead(chunksOf(store, file.path))) if (!(ok = take(lines.push(chunk), scanned))) break;
    if (!ok || !(ok = take(lines.endObject(), scanned))) break;
  }
  const shared = await helper?.finish();
  if (!ok || (helper && !shared)) return undefined;
  if (shared) {
    counter.merge(shared.share);
    shared.rowsPerPiece.forEach((rows, i) => (helped[i]!.rows += rows));
  }
  const { keys, counts } = counter.result();
  const lookup = await countsLookup(context, plan, keys, counts);
  const tokens = lookup ? plan.rewriteAsLookup(lookup) : plan.rewrite(countsTable(keys, counts, pgType(table.columns[keyIndex]!.type), plan.key));
  const name = `${plan.schema}.${plan.table}`;
  return tokens ? { tokens, scan: { name, format: table.format, partitioned: false, files, table } } : undefined;
}

/** Below this much text a second thread costs more than it saves. */
const PARALLEL_BYTES = 8 << 20;
/** Pieces at least this long are shared with the helper. */
const SPLIT_BYTES = 64 << 10;
/**
 * The helper's share of a piece: more than half, as this thread also reads, cuts and posts the
 * pieces (measured on the lecture's 27 MB: 100 ms counting + 34 ms the rest here with half each,
 * the helper done first; with 0.6 both finish together).
 */
const HELPER_SHARE = 0.6;

/** Asks for the next chunk before the current one is counted, so reading overlaps counting. */
async function* readAhead(chunks: AsyncIterable<Uint8Array>): AsyncIterable<Uint8Array> {
  const it = chunks[Symbol.asyncIterator]();
  let next = it.next();
  try {
    for (;;) {
      const r = await next;
      if (r.done) return;
      next = it.next();
      yield r.value;
    }
  } finally {
    await next.then(() => it.return?.(), () => undefined);
  }
}

async function* chunksOf(store: WorkspaceStore, path: string): AsyncIterable<Uint8Array> {
  if (store.readChunks) yield* store.readChunks(path);
  else yield (await store.readFile(path)) ?? new Uint8Array();
}

/** The counts as a FROM item (key, wl_fact_rows) for PostgreSQL to join. */
function countsTable(keys: number[], counts: number[], keyType: string, key: string): string {
  return `(SELECT * FROM unnest('{${keys.join(',')}}'::${keyType}[], '{${counts.join(',')}}'::bigint[]) AS wl_spectrum_counts(${quoteIdent(key)}, ${FACT_ROWS_COLUMN}))`;
}

const INT2 = 21;
const INT4 = 23;
const INT8 = 20;
/** Bounds of a dense lookup array: elements per counted key, and in all. */
const DENSE_SPREAD = 4;
const DENSE_MAX = 1 << 23;

/**
 * The counts as an array indexed by key, when the keys are dense enough and the other table's key
 * is an integer: each of its rows then looks its count up instead of PostgreSQL hash-joining the
 * counts (measured on 50k keys: 98 → 41 ms). The array holds 0 for keys without rows, never NULL:
 * subscripting an array that has NULLs walks its null bitmap (50k keys with gaps: 15 s).
 */
async function countsLookup(context: StatementContext, plan: EagerCountPlan, keys: number[], counts: number[]): Promise<string | undefined> {
  if (keys.length === 0) return undefined;
  let lo = Infinity;
  let hi = -Infinity;
  for (const k of keys) {
    if (k < lo) lo = k;
    if (k > hi) hi = k;
  }
  const span = hi - lo + 1;
  if (lo < -2147483648 || hi > 2147483647 || span > DENSE_MAX || span > Math.max(DENSE_SPREAD * keys.length, 1 << 16)) return undefined;
  // When this fails (no such column, no privilege), the statement itself will say so.
  const probe = await attempt(context.backend, () => context.backend.query(`SELECT ${plan.other.key} FROM ${plan.other.from} LIMIT 0`));
  const otherType = probe?.fields[0]?.typeOid;
  if (otherType !== INT2 && otherType !== INT4 && otherType !== INT8) return undefined;
  const dense = new Float64Array(span);
  for (let i = 0; i < keys.length; i++) dense[keys[i]! - lo] = counts[i]!;
  const array = `('[${lo}:${hi}]={${dense.join(',')}}'::bigint[])`;
  const key = plan.other.key;
  return otherType === INT8 ? `CASE WHEN ${key} BETWEEN ${lo} AND ${hi} THEN ${array}[${key}::int4] END` : `${array}[${key}]`;
}
