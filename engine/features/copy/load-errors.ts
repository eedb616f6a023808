import type { SqlBackend } from '../../backend/backend';
import type { LoadError } from './load-rows';

/** STL_LOAD_ERRORS: the documented columns, over a private table written outside the load's transaction. */
export const LOAD_ERRORS_SQL = /* sql */ `
CREATE TABLE IF NOT EXISTS wl_sys.load_errors (
  userid integer NOT NULL, slice integer NOT NULL DEFAULT 0, tbl integer NOT NULL, starttime timestamp NOT NULL,
  session integer NOT NULL, query integer NOT NULL, filename text NOT NULL, line_number bigint NOT NULL,
  colname text NOT NULL, type text NOT NULL, col_length text NOT NULL, position integer NOT NULL,
  raw_line text NOT NULL, raw_field_value text NOT NULL, err_code integer NOT NULL, err_reason text NOT NULL,
  is_partial integer NOT NULL DEFAULT 0, start_offset bigint NOT NULL DEFAULT 0);
CREATE OR REPLACE VIEW pg_catalog.stl_load_errors AS
SELECT e.userid, e.slice, e.tbl, e.starttime, e.session, e.query, e.filename::char(256) AS filename, e.line_number,
  e.colname::char(127) AS colname, e.type::char(10) AS type, e.col_length::char(10) AS col_length, e.position,
  e.raw_line::char(1024) AS raw_line, e.raw_field_value::char(1024) AS raw_field_value, e.err_code,
  e.err_reason::char(100) AS err_reason, e.is_partial, e.start_offset
FROM wl_sys.load_errors e
WHERE e.userid = (SELECT usesysid FROM pg_catalog.pg_user WHERE usename = current_user)
   OR (SELECT usesuper FROM pg_catalog.pg_user WHERE usename = current_user);
GRANT SELECT ON pg_catalog.stl_load_errors TO PUBLIC;
`;

/** Writes error rows as the internal superuser; call after the load's own work rolled back or committed. */
export async function recordLoadErrors(
  backend: SqlBackend,
  load: { user: string; tableOid: number; query: number; session: number; start: Date },
  errors: LoadError[],
): Promise<void> {
  if (errors.length === 0) return;
  const col = <T>(f: (e: LoadError) => T) => errors.map(f);
  await backend.query(
    `INSERT INTO wl_sys.load_errors (userid, tbl, starttime, session, query, filename, line_number, colname, type, col_length,
       position, raw_line, raw_field_value, err_code, err_reason, start_offset)
     SELECT (SELECT usesysid FROM pg_user WHERE usename = $1), $2, $3::timestamp, $4, $5, * FROM unnest(
       $6::text[], $7::bigint[], $8::text[], $9::text[], $10::text[], $11::int[], $12::text[], $13::text[], $14::int[], $15::text[], $16::bigint[])`,
    [
      load.user, load.tableOid, load.start.toISOString().replace('T', ' ').replace('Z', ''), load.session, load.query,
      col((e) => e.filename), col((e) => e.line), col((e) => e.colname), col((e) => e.type), col((e) => e.colLength), col((e) => e.position),
      col((e) => stripNul(e.rawLine)), col((e) => stripNul(e.rawField)), col((e) => e.errCode), col((e) => e.errReason), col((e) => e.startOffset),
    ],
  );
}

const stripNul = (text: string) => text.replace(/\0/g, '');
