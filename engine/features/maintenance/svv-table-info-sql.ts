/**
 * SVV_TABLE_INFO (columns in Redshift's order) and its helpers. Installed into pg_catalog;
 * superuser-only unless granted. Tables with no rows (live or deleted) are not shown.
 *
 * - tbl_rows counts deleted rows until VACUUM reclaims them (PostgreSQL's dead tuples), while
 *   estimated_visible_rows counts live rows only.
 * - unsorted is measured against the SORTKEY from wl_sys.table_attrs: like Redshift's sorted
 *   region, the longest prefix of the table (in physical order) that is in sort-key order is
 *   sorted; every row after the first out-of-order row is unsorted.
 * - stats_off is the share of rows modified since the last ANALYZE; size is in 1 MB blocks.
 * - VACUUM SORT ONLY rewrites the table in order (CLUSTER), which physically drops deleted rows;
 *   Redshift keeps them until a delete phase, so the sort records how many there were in
 *   wl_sys.unreclaimed_rows (valid while the table keeps that relfilenode: a TRUNCATE or a later
 *   rewrite forgets them), and wl_sys.deleted_rows adds them to PostgreSQL's dead tuples.
 */
export const SVV_TABLE_INFO_SQL = /* sql */ `
CREATE OR REPLACE FUNCTION wl_sys.table_row_count(rel regclass) RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog AS $$
DECLARE n bigint;
BEGIN
  EXECUTE format('SELECT count(*) FROM %s', rel) INTO n;
  RETURN n;
END $$;

CREATE TABLE IF NOT EXISTS wl_sys.unreclaimed_rows (relid oid PRIMARY KEY, relfilenode oid NOT NULL, rows bigint NOT NULL);

CREATE OR REPLACE FUNCTION wl_sys.deleted_rows(rel oid) RETURNS bigint
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog AS $$
  SELECT coalesce(pg_stat_get_dead_tuples(rel), 0)
       + coalesce((SELECT u.rows FROM wl_sys.unreclaimed_rows u JOIN pg_class c ON c.oid = u.relid AND c.relfilenode = u.relfilenode
                    WHERE u.relid = rel), 0)
$$;

CREATE OR REPLACE FUNCTION wl_sys.unsorted_rows(rel regclass, keys text[]) RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog AS $$
DECLARE cols text; n bigint;
BEGIN
  IF keys IS NULL OR cardinality(keys) = 0 THEN RETURN NULL; END IF;
  SELECT string_agg(quote_ident(k), ', ') INTO cols FROM unnest(keys) k;
  EXECUTE format(
    'WITH o AS (SELECT ctid AS c, dense_rank() OVER (ORDER BY %s) AS rk FROM %s),
          b AS (SELECT row_number() OVER (ORDER BY c) AS pos, rk < lag(rk) OVER (ORDER BY c) AS brk FROM o)
     SELECT coalesce((SELECT count(*) FROM b) - (SELECT min(pos) FROM b WHERE brk) + 1, 0)', cols, rel) INTO n;
  RETURN n;
EXCEPTION WHEN undefined_column THEN
  RETURN NULL;
END $$;

CREATE OR REPLACE VIEW pg_catalog.svv_table_info AS
WITH t AS (
  SELECT c.oid, n.nspname, c.relname, ta.diststyle, ta.distkey, ta.sortkey_type, ta.sortkeys, ta.encodings, ta.created,
         wl_sys.table_row_count(c.oid::regclass) AS live,
         wl_sys.deleted_rows(c.oid) AS dead,
         coalesce(pg_stat_get_mod_since_analyze(c.oid), 0) AS mods,
         pg_total_relation_size(c.oid) AS bytes
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  LEFT JOIN wl_sys.table_attrs ta ON ta.relid = c.oid
  WHERE c.relkind = 'r' AND c.relpersistence = 'p'
    AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%' AND n.nspname NOT LIKE 'wl\\_%'
)
SELECT 'dev'::text AS database,
       t.nspname::text AS schema,
       t.oid::integer AS table_id,
       t.relname::text AS "table",
       (CASE WHEN t.encodings IS NOT NULL AND t.encodings <> '{}'::jsonb THEN 'Y' ELSE 'N' END)::text AS encoded,
       (CASE WHEN t.diststyle IS NULL THEN 'AUTO(EVEN)' WHEN upper(t.diststyle) = 'KEY' THEN 'KEY(' || t.distkey || ')' ELSE upper(t.diststyle) END)::text AS diststyle,
       (CASE WHEN t.sortkey_type = 'interleaved' THEN 'INTERLEAVED' ELSE t.sortkeys[1] END)::text AS sortkey1,
       (SELECT max(a.atttypmod - 4) FROM pg_attribute a WHERE a.attrelid = t.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.atttypid = 1043)::integer AS max_varchar,
       (CASE WHEN t.sortkeys IS NOT NULL AND cardinality(t.sortkeys) > 0 THEN coalesce(t.encodings ->> t.sortkeys[1], 'none') END)::text AS sortkey1_enc,
       coalesce(cardinality(t.sortkeys), 0)::integer AS sortkey_num,
       ceil(t.bytes / 1048576.0)::bigint AS size,
       round(t.bytes * 100.0 / (160.0 * 1024 * 1024 * 1024), 4)::numeric(10,4) AS pct_used,
       0::bigint AS empty,
       (CASE WHEN t.sortkeys IS NOT NULL AND cardinality(t.sortkeys) > 0 AND t.live > 0
             THEN round(wl_sys.unsorted_rows(t.oid::regclass, t.sortkeys) * 100.0 / t.live, 2) END)::numeric(5,2) AS unsorted,
       least(100, round(t.mods * 100.0 / greatest(t.live, 1), 2))::numeric(5,2) AS stats_off,
       (t.live + t.dead)::numeric(38,0) AS tbl_rows,
       NULL::numeric(19,2) AS skew_sortkey1,
       1.00::numeric(19,2) AS skew_rows,
       t.live::numeric(38,0) AS estimated_visible_rows,
       NULL::text AS risk_event,
       NULL::numeric(12,2) AS vacuum_sort_benefit,
       t.created::timestamp AS create_time
FROM t
WHERE t.live + t.dead > 0;

REVOKE ALL ON pg_catalog.svv_table_info FROM PUBLIC;
`;
