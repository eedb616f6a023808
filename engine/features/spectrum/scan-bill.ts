import type { SqlBackend } from '../../backend/backend';
import type { ScannedFile } from './materialize';

/** Spectrum pricing: $5 per TB scanned, bytes rounded up to the megabyte, at least 10 MB per query. */
export const PRICE_PER_TB_USD = 5;
const MB = 1024 * 1024;
const TB = 1024 * 1024 * MB;

export function spectrumCost(bytes: number): number {
  if (bytes <= 0) return 0;
  const billedMb = Math.max(10, Math.ceil(bytes / MB));
  return (billedMb * MB * PRICE_PER_TB_USD) / TB;
}

export const S3QUERY_SUMMARY_SQL = /* sql */ `
CREATE TABLE IF NOT EXISTS wl_sys.s3query_summary (
  userid integer NOT NULL, query integer NOT NULL, xid bigint NOT NULL, pid integer NOT NULL, segment integer NOT NULL DEFAULT 0,
  step integer NOT NULL DEFAULT 0, starttime timestamp NOT NULL, endtime timestamp NOT NULL, elapsed bigint NOT NULL,
  aborted integer NOT NULL DEFAULT 0, external_table_name text NOT NULL, file_format text NOT NULL, is_partitioned text NOT NULL,
  is_rrscan text NOT NULL DEFAULT 'f', is_nested text NOT NULL DEFAULT 'f', s3_scanned_rows bigint NOT NULL, s3_scanned_bytes bigint NOT NULL,
  s3query_returned_rows bigint NOT NULL, s3query_returned_bytes bigint NOT NULL, files integer NOT NULL, files_max integer NOT NULL,
  files_avg integer NOT NULL, splits integer NOT NULL, total_split_size bigint NOT NULL, max_split_size bigint NOT NULL,
  total_retries integer NOT NULL DEFAULT 0, max_retries integer NOT NULL DEFAULT 0, max_request_duration bigint NOT NULL DEFAULT 0,
  avg_request_duration bigint NOT NULL DEFAULT 0, max_request_parallelism integer NOT NULL DEFAULT 1,
  avg_request_parallelism double precision NOT NULL DEFAULT 1, total_slowdown_count integer NOT NULL DEFAULT 0,
  max_slowdown_count integer NOT NULL DEFAULT 0, cost_usd numeric(20,10) NOT NULL DEFAULT 0);
CREATE OR REPLACE VIEW pg_catalog.svl_s3query_summary AS
SELECT s.userid, s.query, s.xid, s.pid, s.segment, s.step, s.starttime, s.endtime, s.elapsed, s.aborted,
  s.external_table_name::char(136) AS external_table_name, s.file_format::char(16) AS file_format, s.is_partitioned::char(1) AS is_partitioned,
  s.is_rrscan::char(1) AS is_rrscan, s.is_nested::char(1) AS is_nested, s.s3_scanned_rows, s.s3_scanned_bytes, s.s3query_returned_rows,
  s.s3query_returned_bytes, s.files, s.files_max, s.files_avg, s.splits, s.total_split_size, s.max_split_size, s.total_retries,
  s.max_retries, s.max_request_duration, s.avg_request_duration, s.max_request_parallelism, s.avg_request_parallelism,
  s.total_slowdown_count, s.max_slowdown_count, s.cost_usd
FROM wl_sys.s3query_summary s
WHERE s.userid = (SELECT usesysid FROM pg_catalog.pg_user WHERE usename = current_user)
   OR (SELECT usesuper FROM pg_catalog.pg_user WHERE usename = current_user);
GRANT SELECT ON pg_catalog.svl_s3query_summary TO PUBLIC;
`;

export interface TableScan {
  /** `S3 Scan <schema>.<table>` style name, as Redshift prints it. */
  name: string;
  format: string;
  partitioned: boolean;
  files: ScannedFile[];
}

export function totals(scans: TableScan[]): { bytes: number; rows: number; files: number; costUsd: number } {
  const files = scans.flatMap((s) => s.files);
  const bytes = files.reduce((n, f) => n + f.size, 0);
  return { bytes, rows: files.reduce((n, f) => n + f.rows, 0), files: files.length, costUsd: spectrumCost(bytes) };
}

/** One SVL_S3QUERY_SUMMARY row per external table scanned by the query; the query's cost on the first. */
export async function recordScans(
  backend: SqlBackend,
  query: { user: string; queryId: number; start: Date; end: Date; pid: number },
  scans: TableScan[],
): Promise<void> {
  const cost = spectrumCost(scans.flatMap((s) => s.files).reduce((n, f) => n + f.size, 0));
  for (const [i, scan] of scans.entries()) {
    const bytes = scan.files.reduce((n, f) => n + f.size, 0);
    const rows = scan.files.reduce((n, f) => n + f.rows, 0);
    const maxSize = scan.files.reduce((n, f) => Math.max(n, f.size), 0);
    await backend.query(
      `INSERT INTO wl_sys.s3query_summary (userid, query, xid, pid, segment, step, starttime, endtime, elapsed, external_table_name, file_format,
         is_partitioned, s3_scanned_rows, s3_scanned_bytes, s3query_returned_rows, s3query_returned_bytes, files, files_max, files_avg, splits,
         total_split_size, max_split_size, cost_usd)
       VALUES ((SELECT usesysid FROM pg_user WHERE usename = $1), $2, $2 + 1000, $3, 0, $4, $5::timestamp, $6::timestamp, $7, $8, $9, $10,
         $11, $12, $11, $12, $13, $13, $13, $13, $12, $14, $15)`,
      [
        query.user, query.queryId, query.pid, i, iso(query.start), iso(query.end), Math.max(1, (query.end.getTime() - query.start.getTime()) * 1000),
        scan.name, scan.format === 'PARQUET' ? 'Parquet' : 'Text', scan.partitioned ? 't' : 'f', rows, bytes, scan.files.length, maxSize,
        i === 0 ? cost : 0,
      ],
    );
  }
}

const iso = (d: Date) => d.toISOString().replace('T', ' ').replace('Z', '');
