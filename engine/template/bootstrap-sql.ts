import { ADMIN_USER } from '../api/types';
import { SYSTEM_VIEWS_SQL } from '../catalog/system-views-sql';
import { SHIMS_SQL } from '../sql/dialect/shims-sql';
import { featureInstallSql } from '../features/install';

/** Our own bookkeeping tables, private to the internal superuser. Idempotent. */
const INTERNAL_TABLES_SQL = /* sql */ `
CREATE SCHEMA IF NOT EXISTS wl_sys;
REVOKE ALL ON SCHEMA wl_sys FROM PUBLIC;
CREATE TABLE IF NOT EXISTS wl_sys.query_history (
  query integer PRIMARY KEY, username text NOT NULL, session_id text NOT NULL, querytxt text NOT NULL,
  starttime timestamp NOT NULL, endtime timestamp NOT NULL, aborted boolean NOT NULL, error_code text);
CREATE TABLE IF NOT EXISTS wl_sys.sessions (
  session_id text PRIMARY KEY, user_name text NOT NULL, starttime timestamp NOT NULL DEFAULT localtimestamp);
CREATE TABLE IF NOT EXISTS wl_sys.table_attrs (
  relid oid PRIMARY KEY, schema_name text NOT NULL, table_name text NOT NULL,
  diststyle text NOT NULL DEFAULT 'AUTO', distkey text, sortkey_type text, sortkeys text[],
  encodings jsonb NOT NULL DEFAULT '{}', backup boolean NOT NULL DEFAULT true,
  created timestamp NOT NULL DEFAULT localtimestamp);
`;

/** Redshift's defaults on a new cluster. */
const CLUSTER_DEFAULTS_SQL = /* sql */ `
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${ADMIN_USER}') THEN
    CREATE ROLE ${ADMIN_USER} SUPERUSER LOGIN CREATEDB CREATEROLE;
  END IF;
END $$;
GRANT CREATE, USAGE ON SCHEMA public TO PUBLIC;
REVOKE EXECUTE ON FUNCTION pg_catalog.set_config(text, text, boolean) FROM PUBLIC;
ALTER DATABASE dev SET timezone = 'UTC';
ALTER DATABASE dev SET datestyle = 'ISO, MDY';
ALTER DATABASE dev SET intervalstyle = 'postgres';
`;

/** Everything a workspace's database needs; run as the internal superuser, safe to run again. */
export function bootstrapSql(): string {
  return [
    'SET allow_system_table_mods = on;',
    INTERNAL_TABLES_SQL,
    CLUSTER_DEFAULTS_SQL,
    SHIMS_SQL,
    SYSTEM_VIEWS_SQL,
    ...featureInstallSql,
    'RESET allow_system_table_mods;',
  ].join('\n');
}

/** Changes whenever the bootstrap SQL changes, so older workspaces are upgraded on open. */
export function bootstrapVersion(): string {
  const text = bootstrapSql();
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return (h >>> 0).toString(16);
}
