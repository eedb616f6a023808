import type { SqlBackend } from '../../backend/backend';
import type { WorkspaceStore } from '../../workspace/workspace-store';

/** The Glue-like data catalog (databases, tables, partitions) and the cluster's external schemas. */

export interface ExternalColumn {
  name: string;
  /** Redshift type as declared, e.g. `varchar(32)`, `integer`. */
  type: string;
}

export interface ExternalPartition {
  values: string[];
  location: string;
}

export interface ExternalTable {
  name: string;
  columns: ExternalColumn[];
  partitionKeys: ExternalColumn[];
  location: string;
  format: 'TEXTFILE' | 'PARQUET';
  delimiter: string;
  skipHeaderLines: number;
  nullFormat?: string;
  properties: Record<string, string>;
  partitions: ExternalPartition[];
  created: string;
}

export interface ExternalSchema {
  database: string;
  iamRole: string;
  owner: string;
  created: string;
}

export interface Catalog {
  databases: Record<string, { created: string; tables: Record<string, ExternalTable> }>;
  /** Local external schema name → where it points. */
  schemas: Record<string, ExternalSchema>;
}

const CATALOG_FILE = 'meta/glue-catalog.json';

export async function loadCatalog(store: WorkspaceStore): Promise<Catalog> {
  return (await store.readJson<Catalog>(CATALOG_FILE)) ?? { databases: {}, schemas: {} };
}

/** Names of external schemas seen by any warehouse in this process (a cheap pre-filter for handlers). */
export const knownExternalSchemas = new Set<string>();

export function noteSchemas(catalog: Catalog): void {
  for (const name of Object.keys(catalog.schemas)) knownExternalSchemas.add(name);
}

interface HasStore {
  services: { store: WorkspaceStore; features: Map<string, unknown> };
}

const FEATURE = 'spectrum.catalog';

/** The catalog, cached per warehouse (the cache is refreshed whenever we save). */
export async function catalogOf(context: HasStore): Promise<Catalog> {
  const cached = context.services.features.get(FEATURE) as Catalog | undefined;
  if (cached) return cached;
  const catalog = await loadCatalog(context.services.store);
  noteSchemas(catalog);
  context.services.features.set(FEATURE, catalog);
  return catalog;
}

export async function externalSchemaNamed(context: HasStore, name: string): Promise<ExternalSchema | undefined> {
  return (await catalogOf(context)).schemas[name];
}

export function tableOf(catalog: Catalog, schemaName: string, tableName: string): ExternalTable | undefined {
  const schema = catalog.schemas[schemaName];
  return schema ? catalog.databases[schema.database]?.tables[tableName] : undefined;
}

/** Saves the catalog and mirrors it into the tables behind the SVV_EXTERNAL_* views (as superuser). */
export async function saveCatalog(context: HasStore & { backend: SqlBackend; asAdmin<T>(w: () => Promise<T>): Promise<T> }, catalog: Catalog): Promise<void> {
  await context.services.store.writeJson(CATALOG_FILE, catalog);
  context.services.features.set(FEATURE, catalog);
  noteSchemas(catalog);
  await context.asAdmin(() => mirrorCatalog(context.backend, catalog));
}

async function mirrorCatalog(backend: SqlBackend, catalog: Catalog): Promise<void> {
  await backend.exec('DELETE FROM wl_sys.ext_schemas; DELETE FROM wl_sys.ext_tables; DELETE FROM wl_sys.ext_columns; DELETE FROM wl_sys.ext_partitions;');
  for (const [name, s] of Object.entries(catalog.schemas)) {
    await backend.query('INSERT INTO wl_sys.ext_schemas VALUES ($1, $2, $3, $4)', [name, s.database, s.owner, JSON.stringify({ IAM_ROLE: s.iamRole })]);
  }
  for (const [dbName, db] of Object.entries(catalog.databases)) {
    for (const t of Object.values(db.tables)) {
      const schemas = Object.entries(catalog.schemas).filter(([, s]) => s.database === dbName).map(([n]) => n);
      for (const schemaName of schemas) {
        await backend.query('INSERT INTO wl_sys.ext_tables VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)', [
          schemaName, t.name, t.location,
          t.format === 'PARQUET' ? 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat' : 'org.apache.hadoop.mapred.TextInputFormat',
          t.format === 'PARQUET' ? 'org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe' : 'org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe',
          JSON.stringify({ 'field.delim': t.delimiter, 'serialization.format': t.delimiter }), JSON.stringify(t.properties), t.partitionKeys.length ? 1 : 0,
          dbName,
        ]);
        const all = [...t.columns.map((c) => ({ ...c, part: 0 })), ...t.partitionKeys.map((c, i) => ({ ...c, part: i + 1 }))];
        for (const [i, c] of all.entries()) {
          await backend.query('INSERT INTO wl_sys.ext_columns VALUES ($1, $2, $3, $4, $5, $6)', [schemaName, t.name, c.name, c.type, i + 1, c.part]);
        }
        for (const p of t.partitions) {
          await backend.query('INSERT INTO wl_sys.ext_partitions VALUES ($1, $2, $3, $4, $5)', [schemaName, dbName, t.name, JSON.stringify(p.values), p.location]);
        }
      }
    }
  }
}

/** Tables and views behind SVV_EXTERNAL_SCHEMAS / _TABLES / _COLUMNS / _PARTITIONS. */
export const CATALOG_VIEWS_SQL = /* sql */ `
CREATE TABLE IF NOT EXISTS wl_sys.ext_schemas (schemaname text PRIMARY KEY, databasename text NOT NULL, owner text NOT NULL, esoptions text NOT NULL);
CREATE TABLE IF NOT EXISTS wl_sys.ext_tables (schemaname text, tablename text, location text, input_format text, serialization_lib text,
  serde_parameters text, parameters text, is_partitioned int, redshift_database_name text);
CREATE TABLE IF NOT EXISTS wl_sys.ext_columns (schemaname text, tablename text, columnname text, external_type text, columnnum int, part_key int);
CREATE TABLE IF NOT EXISTS wl_sys.ext_partitions (schemaname text, databasename text, tablename text, "values" text, location text);
CREATE OR REPLACE VIEW pg_catalog.svv_external_schemas AS
SELECT coalesce((SELECT oid::int FROM pg_namespace WHERE nspname = s.schemaname), 0) AS esoid, 1 AS eskind,
  s.schemaname::varchar(128) AS schemaname, coalesce((SELECT usesysid FROM pg_user WHERE usename = s.owner), 1) AS esowner,
  s.databasename::varchar(128) AS databasename, s.esoptions::varchar(65535) AS esoptions
FROM wl_sys.ext_schemas s;
CREATE OR REPLACE VIEW pg_catalog.svv_external_tables AS
SELECT 'dev'::varchar(128) AS redshift_database_name, t.schemaname::varchar(128) AS schemaname, t.tablename::varchar(128) AS tablename,
  t.location::varchar(128) AS location, t.input_format::varchar(128) AS input_format, ''::varchar(128) AS output_format,
  t.serialization_lib::varchar(128) AS serialization_lib, t.serde_parameters::varchar(128) AS serde_parameters,
  0 AS compressed, t.parameters::varchar(128) AS parameters, 'EXTERNAL_TABLE'::varchar(128) AS tabletype, t.is_partitioned
FROM wl_sys.ext_tables t;
CREATE OR REPLACE VIEW pg_catalog.svv_external_columns AS
SELECT 'dev'::varchar(128) AS redshift_database_name, c.schemaname::varchar(128) AS schemaname, c.tablename::varchar(128) AS tablename,
  c.columnname::varchar(128) AS columnname, c.external_type::varchar(128) AS external_type, c.columnnum, c.part_key, 1 AS is_nullable
FROM wl_sys.ext_columns c;
CREATE OR REPLACE VIEW pg_catalog.svv_external_partitions AS
SELECT p.schemaname::varchar(128) AS schemaname, p.tablename::varchar(128) AS tablename, p."values"::varchar(128) AS "values",
  p.location::varchar(128) AS location, ''::varchar(128) AS input_format, ''::varchar(128) AS output_format,
  ''::varchar(128) AS serialization_lib, ''::varchar(128) AS serde_parameters, 0 AS compressed, ''::varchar(128) AS parameters
FROM wl_sys.ext_partitions p;
GRANT SELECT ON pg_catalog.svv_external_schemas, pg_catalog.svv_external_tables, pg_catalog.svv_external_columns,
  pg_catalog.svv_external_partitions TO PUBLIC;
`;
