import type { SqlBackend } from '../../backend/backend';
import type { WorkspaceStore } from '../../workspace/workspace-store';
import { loadCatalog, saveCatalog, type Catalog, type ExternalSchema } from './catalog';
import { materialize } from './materialize';
import { attempt } from '../../backend/attempt';

/**
 * What a whole-cluster snapshot keeps of Spectrum. External schemas are cluster objects; the data
 * catalog (Glue) and S3 are not, so a restore puts the schemas back as they were and keeps the
 * catalog's current databases, adding back only those that no longer exist.
 */
export interface ExternalSchemasBackup {
  schemas: Record<string, ExternalSchema>;
  /** The catalog databases the schemas point at, as they were when the snapshot was taken. */
  databases: Catalog['databases'];
}

export async function captureExternalSchemas(store: WorkspaceStore): Promise<ExternalSchemasBackup> {
  const catalog = await loadCatalog(store);
  const databases: Catalog['databases'] = {};
  for (const schema of Object.values(catalog.schemas)) {
    const db = catalog.databases[schema.database];
    if (db) databases[schema.database] = db;
  }
  return { schemas: catalog.schemas, databases };
}

/**
 * The external schemas of a snapshot written before they were captured, read back from its copy of
 * the SVV_EXTERNAL_SCHEMAS rows (the catalog's databases are kept as they are now).
 */
export function externalSchemasFromMirror(rows: unknown[] | undefined): ExternalSchemasBackup | undefined {
  if (!rows) return undefined;
  const schemas: Record<string, ExternalSchema> = {};
  for (const row of rows as Array<{ schemaname: string; databasename: string; owner: string; esoptions: string }>) {
    let iamRole = 'default';
    try {
      iamRole = String((JSON.parse(row.esoptions) as { IAM_ROLE?: string }).IAM_ROLE ?? 'default');
    } catch {
      // keep the default role
    }
    schemas[row.schemaname] = { database: row.databasename, iamRole, owner: row.owner, created: new Date(0).toISOString() };
  }
  return { schemas, databases: {} };
}

/** delete-cluster: the cluster's external schemas go with it; the catalog's databases and tables stay. */
export async function forgetExternalSchemas(backend: SqlBackend, services: { store: WorkspaceStore; features: Map<string, unknown> }): Promise<void> {
  const catalog = await loadCatalog(services.store);
  if (!Object.keys(catalog.schemas).length) return;
  catalog.schemas = {};
  await saveCatalog({ services, backend, asAdmin: (work) => work() }, catalog);
}

/**
 * Replaces the external schemas with the snapshot's and rebuilds the PostgreSQL objects behind
 * their tables (run as the internal superuser, after the schemas themselves were recreated). An
 * external table whose objects can't be read now is left for its next query to report.
 */
export async function restoreExternalSchemas(
  backend: SqlBackend,
  services: { store: WorkspaceStore; features: Map<string, unknown> },
  backup: ExternalSchemasBackup,
): Promise<void> {
  const catalog = await loadCatalog(services.store);
  catalog.schemas = backup.schemas;
  for (const [name, db] of Object.entries(backup.databases)) catalog.databases[name] ??= db;
  await saveCatalog({ services, backend, asAdmin: (work) => work() }, catalog);
  for (const [schemaName, schema] of Object.entries(catalog.schemas)) {
    const exists = await backend.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schemaName]);
    if (!exists.rows.length) continue;
    for (const table of Object.values(catalog.databases[schema.database]?.tables ?? {})) {
      await attempt(backend, () => materialize(backend, services.store, schemaName, table));
    }
  }
}
