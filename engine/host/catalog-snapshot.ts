import type { EmbeddedWarehouse } from '../warehouse/embedded-warehouse';
import type { SqlBackend } from '../backend/backend';
import type { CatalogSnapshot, CatalogTable } from './contract';

const HIDDEN_SCHEMAS = "('pg_catalog', 'information_schema', 'pg_toast', 'wl_sys')";
/** Internal schemas of the engine's features (wl_…) are not the student's business. */
const isInternal = (schema: string) => schema.startsWith('wl_');

/** Schemas, tables, columns, external schemas and models, for completion and the schema tree. */
export async function catalogSnapshot(warehouse: EmbeddedWarehouse): Promise<CatalogSnapshot> {
  return warehouse.runAsSystem(async (backend) => {
    const schemas = await backend.query(
      `SELECT nspname FROM pg_namespace WHERE nspname NOT IN ${HIDDEN_SCHEMAS} AND nspname NOT LIKE 'pg_temp%' AND nspname NOT LIKE 'pg_toast%' ORDER BY 1`,
    );
    const columns = await backend.query(
      `SELECT c.table_schema, c.table_name, c.column_name, c.data_type, t.table_type
         FROM pg_catalog.svv_columns c
         LEFT JOIN pg_catalog.svv_tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
        WHERE c.table_schema NOT IN ${HIDDEN_SCHEMAS}
        ORDER BY c.table_schema, c.table_name, c.ordinal_position`,
    );
    const tables = new Map<string, CatalogTable>();
    for (const [schema, table, column, type, tableType] of columns.rows as string[][]) {
      const key = `${schema}.${table}`;
      let entry = tables.get(key);
      if (!entry) {
        entry = { schema: schema!, name: table!, kind: tableType === 'VIEW' ? 'view' : 'table', columns: [] };
        tables.set(key, entry);
      }
      entry.columns.push({ name: column!, type: type! });
    }
    const externalSchemas = await optionalList(backend, 'svv_external_schemas', 'SELECT schemaname FROM pg_catalog.svv_external_schemas ORDER BY 1');
    for (const [schema, table] of await optionalRows(backend, 'svv_external_tables', 'SELECT schemaname, tablename FROM pg_catalog.svv_external_tables ORDER BY 1, 2')) {
      const key = `${schema}.${table}`;
      const existing = tables.get(key);
      if (existing) existing.kind = 'external';
      else tables.set(key, { schema: schema!, name: table!, kind: 'external', columns: [] });
    }
    const models = await optionalList(backend, 'stv_ml_model_info', 'SELECT schema_name || \'.\' || model_name FROM pg_catalog.stv_ml_model_info ORDER BY 1');
    const functions = await backend.query(
      `SELECT DISTINCT proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
        WHERE n.nspname = 'pg_catalog' AND proname !~ '^(pg_|_|wl_)' AND prokind IN ('f', 'a') AND length(proname) < 30
        ORDER BY 1`,
    );
    return {
      schemas: schemas.rows.map((r) => String(r[0])).filter((s) => !isInternal(s)),
      externalSchemas,
      tables: [...tables.values()].filter((t) => !isInternal(t.schema)),
      models,
      functions: functions.rows.map((r) => String(r[0])),
    };
  });
}

/** Views other features add (Spectrum, ML) may be missing in this build: then the list is empty. */
async function optionalRows(backend: SqlBackend, view: string, sql: string): Promise<string[][]> {
  const exists = await backend.query('SELECT to_regclass($1) IS NOT NULL', [`pg_catalog.${view}`]);
  if (exists.rows[0]?.[0] !== true) return [];
  try {
    return (await backend.query(sql)).rows.map((r) => r.map((v) => String(v)));
  } catch {
    return [];
  }
}

async function optionalList(backend: SqlBackend, view: string, sql: string): Promise<string[]> {
  return (await optionalRows(backend, view, sql)).map((r) => r[0]!);
}
