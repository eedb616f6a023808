/**
 * Redshift functions PostgreSQL lacks, created in pg_catalog so that they resolve whatever the
 * search_path. Idempotent (CREATE OR REPLACE).
 */
export const SHIMS_SQL = /* sql */ `
CREATE OR REPLACE FUNCTION pg_catalog.getdate() RETURNS timestamp
  LANGUAGE sql STABLE PARALLEL SAFE AS $$ SELECT date_trunc('second', localtimestamp) $$;
CREATE OR REPLACE FUNCTION pg_catalog.sysdate() RETURNS timestamp
  LANGUAGE sql STABLE PARALLEL SAFE AS $$ SELECT localtimestamp $$;
`;
