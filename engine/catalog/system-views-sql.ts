/**
 * Redshift catalog views that students query, created in pg_catalog so that they resolve whatever
 * the search_path (needs allow_system_table_mods while installing). All statements are idempotent.
 */
export const SYSTEM_VIEWS_SQL = /* sql */ `
CREATE OR REPLACE FUNCTION pg_catalog.wl_default_encoding(typ oid, is_first_sortkey boolean) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE
    WHEN is_first_sortkey THEN 'none'
    WHEN typ IN (16, 700, 701) THEN 'none'
    WHEN typ IN (20, 21, 23, 1082, 1114, 1184, 1700) THEN 'az64'
    WHEN typ IN (25, 1042, 1043) THEN 'lzo'
    ELSE 'none' END
$$;

CREATE OR REPLACE VIEW pg_catalog.pg_table_def AS
SELECT n.nspname AS schemaname,
       c.relname AS tablename,
       a.attname AS "column",
       format_type(a.atttypid, a.atttypmod)::varchar(128) AS type,
       coalesce(ta.encodings ->> a.attname,
                wl_default_encoding(a.atttypid, coalesce(ta.sortkeys[1] = a.attname::text, false)))::varchar(32) AS encoding,
       coalesce(ta.distkey = a.attname::text, false) AS distkey,
       (CASE WHEN ta.sortkey_type = 'interleaved' THEN -1 ELSE 1 END
        * coalesce(array_position(ta.sortkeys, a.attname::text), 0))::integer AS sortkey,
       a.attnotnull AS notnull
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
LEFT JOIN wl_sys.table_attrs ta ON ta.relid = c.oid
WHERE c.relkind IN ('r', 'p')
  AND pg_table_is_visible(c.oid)
  AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'wl_sys', 'pg_toast');

CREATE OR REPLACE VIEW pg_catalog.svv_tables AS
SELECT current_database()::varchar(128) AS table_catalog,
       n.nspname::varchar(128) AS table_schema,
       c.relname::varchar(128) AS table_name,
       (CASE c.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'f' THEN 'EXTERNAL TABLE' ELSE 'BASE TABLE' END)::varchar(128) AS table_type,
       obj_description(c.oid, 'pg_class')::varchar(256) AS remarks
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f')
  AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'wl_sys', 'pg_toast')
  AND n.nspname NOT LIKE 'pg_temp%'
  AND has_schema_privilege(n.oid, 'USAGE')
  AND (has_table_privilege(c.oid, 'SELECT, INSERT, UPDATE, DELETE, REFERENCES')
       OR has_any_column_privilege(c.oid, 'SELECT, INSERT, UPDATE, REFERENCES'));

CREATE OR REPLACE VIEW pg_catalog.svv_all_tables AS
SELECT current_database()::varchar(128) AS database_name,
       t.table_schema AS schema_name,
       t.table_name,
       t.table_type,
       array_to_string(c.relacl, ',')::varchar(1024) AS table_acl,
       t.remarks
FROM pg_catalog.svv_tables t
JOIN pg_namespace n ON n.nspname = t.table_schema
JOIN pg_class c ON c.relnamespace = n.oid AND c.relname = t.table_name;

CREATE OR REPLACE VIEW pg_catalog.svv_columns AS
SELECT current_database()::varchar(128) AS table_catalog,
       n.nspname::varchar(128) AS table_schema,
       c.relname::varchar(128) AS table_name,
       a.attname::varchar(128) AS column_name,
       a.attnum::integer AS ordinal_position,
       pg_get_expr(d.adbin, d.adrelid)::varchar(4000) AS column_default,
       (CASE WHEN a.attnotnull THEN 'NO' ELSE 'YES' END)::varchar(3) AS is_nullable,
       format_type(a.atttypid, NULL)::varchar(128) AS data_type,
       (CASE WHEN a.atttypid IN (1042, 1043) AND a.atttypmod > 0 THEN a.atttypmod - 4 END)::integer AS character_maximum_length,
       (CASE WHEN a.atttypid = 1700 AND a.atttypmod > 0 THEN ((a.atttypmod - 4) >> 16) & 65535
             WHEN a.atttypid = 21 THEN 16 WHEN a.atttypid = 23 THEN 32 WHEN a.atttypid = 20 THEN 64
             WHEN a.atttypid = 700 THEN 24 WHEN a.atttypid = 701 THEN 53 END)::integer AS numeric_precision,
       (CASE WHEN a.atttypid = 1700 THEN 10 WHEN a.atttypid IN (20, 21, 23, 700, 701) THEN 2 END)::integer AS numeric_precision_radix,
       (CASE WHEN a.atttypid = 1700 AND a.atttypmod > 0 THEN (a.atttypmod - 4) & 65535
             WHEN a.atttypid IN (20, 21, 23) THEN 0 END)::integer AS numeric_scale,
       (CASE WHEN a.atttypid IN (1082, 1083, 1114, 1184, 1266) THEN greatest(a.atttypmod, 6) END)::integer AS datetime_precision,
       NULL::varchar(128) AS interval_type,
       NULL::varchar(128) AS interval_precision,
       NULL::varchar(128) AS character_set_catalog,
       NULL::varchar(128) AS character_set_schema,
       NULL::varchar(128) AS character_set_name,
       NULL::varchar(128) AS collation_catalog,
       NULL::varchar(128) AS collation_schema,
       NULL::varchar(128) AS collation_name,
       NULL::varchar(128) AS domain_name,
       col_description(c.oid, a.attnum)::varchar(256) AS remarks
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum
WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f')
  AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'wl_sys', 'pg_toast')
  AND n.nspname NOT LIKE 'pg_temp%'
  AND has_schema_privilege(n.oid, 'USAGE')
  AND (has_table_privilege(c.oid, 'SELECT, INSERT, UPDATE, DELETE, REFERENCES')
       OR has_column_privilege(c.oid, a.attnum, 'SELECT, INSERT, UPDATE, REFERENCES'));

CREATE OR REPLACE VIEW pg_catalog.stl_query AS
SELECT coalesce(r.oid::integer, 0) AS userid,
       h.query,
       'default'::char(320) AS label,
       (h.query + 1000)::bigint AS xid,
       1073741824 + abs(hashtext(h.session_id)) % 100000 AS pid,
       current_database()::char(32) AS database,
       h.querytxt::char(4000) AS querytxt,
       h.starttime,
       h.endtime,
       (CASE WHEN h.aborted THEN 1 ELSE 0 END)::integer AS aborted,
       0 AS insert_pristine,
       0 AS concurrency_scaling_status
FROM wl_sys.query_history h
LEFT JOIN pg_roles r ON r.rolname = h.username
WHERE h.username = current_user
   OR (SELECT rolsuper FROM pg_roles WHERE rolname = current_user);

CREATE OR REPLACE VIEW pg_catalog.stv_sessions AS
SELECT s.starttime,
       1073741824 + abs(hashtext(s.session_id)) % 100000 AS process,
       s.user_name::char(50) AS user_name,
       current_database()::char(50) AS db_name,
       3600 AS timeout_sec
FROM wl_sys.sessions s
WHERE s.user_name = current_user
   OR (SELECT rolsuper FROM pg_roles WHERE rolname = current_user);

GRANT SELECT ON pg_catalog.pg_table_def, pg_catalog.svv_tables, pg_catalog.svv_all_tables, pg_catalog.svv_columns,
  pg_catalog.stl_query, pg_catalog.stv_sessions TO PUBLIC;
`;
