import { ADMIN_USER } from '../../api/types';
import type { SqlBackend } from '../../backend/backend';
import { quoteIdent } from '../../sql/quote';
import type { WorkspaceStore } from '../../workspace/workspace-store';
import { externalSchemasFromMirror, restoreExternalSchemas } from '../spectrum/snapshot-support';
import { getBlob } from './blob-store';
import type { SnapshotManifest } from './manifest';
import { restoreColumnGrants } from './column-grants';
import { restoreComments } from './comments';
import { addConstraints } from './constraints';
import { restoreDefaultPrivileges } from './default-privileges';
import { restoreDropGrants } from './drop-grants';
import { restoreRls } from './rls-state';
import { forgetDroppedRelations } from '../ddl/forget-dropped';
import { createSequences, linkSequenceOwners } from './sequences';
import { snapshotStorePrefixes } from './store-prefixes';
import { loadTable, parseDump, qualified, SYSTEM_SCHEMA_FILTER } from './table-dump';
import { granteeExists, granteeSql, relationExists, roleExists } from './catalog-exists';
import { attempt } from '../../backend/attempt';

/**
 * Drops every user schema (and with it every table, view and function in it): what is left of a
 * cluster after delete-cluster, and the clean slate a restore starts from.
 */
export async function wipeDatabase(backend: SqlBackend): Promise<void> {
  const schemas = await backend.query(`SELECT n.nspname FROM pg_namespace n WHERE ${SYSTEM_SCHEMA_FILTER}`);
  for (const row of schemas.rows) await backend.query(`DROP SCHEMA ${quoteIdent(String(row[0]))} CASCADE`);
  // A cluster always has an (empty) public schema; the bootstrap SQL and other features rely on it.
  await backend.query('CREATE SCHEMA public AUTHORIZATION pg_database_owner');
  await backend.query('GRANT CREATE, USAGE ON SCHEMA public TO PUBLIC');
  await forgetDroppedRelations(async (sql, params) => (await backend.query(sql, params)).rows);
}

/** Removes the cluster's files from the store (models, external schemas …). */
export async function wipeStoreFiles(store: WorkspaceStore): Promise<void> {
  for (const prefix of snapshotStorePrefixes) {
    for (const file of await store.listFiles(prefix)) await store.removeFile(file.path);
  }
}

/**
 * Replaces the database's content with a snapshot's (whole-cluster / namespace restore). `services`
 * are the warehouse's store and feature caches (the Spectrum catalog is cached there).
 */
export async function restoreDatabase(
  backend: SqlBackend,
  services: { store: WorkspaceStore; features: Map<string, unknown> },
  root: string,
  manifest: SnapshotManifest,
): Promise<void> {
  const { store } = services;
  await backend.exec('BEGIN');
  try {
    await wipeDatabase(backend);
    for (const user of manifest.users) {
      if (!(await roleExists(backend, user.name))) await backend.query(`CREATE ROLE ${quoteIdent(user.name)} LOGIN${user.superuser ? ' SUPERUSER' : ''}`);
    }
    for (const schema of manifest.schemas) {
      await backend.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema.name)}`);
      await backend.query(`ALTER SCHEMA ${quoteIdent(schema.name)} OWNER TO ${quoteIdent(schema.owner)}`);
      if (schema.name === 'public') await backend.query('REVOKE ALL ON SCHEMA public FROM PUBLIC');
      await grant(backend, `SCHEMA ${quoteIdent(schema.name)}`, schema.grants);
    }
    await createSequences(backend, manifest.sequences ?? []);
    for (const table of manifest.tables) {
      const dump = await getBlob(store, root, table.blob);
      if (!dump) throw new Error(`snapshot ${manifest.identifier} is missing the data of ${table.schema}.${table.table}`);
      await loadTable(backend, dump, table.schema, table.table, ADMIN_USER);
      await restoreSequenceDefaults(backend, dump);
      await grant(backend, qualified(table.schema, table.table), table.grants ?? []);
    }
    await linkSequenceOwners(backend, manifest.sequences ?? []);
    await addConstraints(backend, manifest.constraints ?? []);
    await restoreDropGrants(backend, manifest.dropGrants);
    // Function bodies may refer to objects created later in the restore.
    await backend.query('SET LOCAL check_function_bodies = off');
    for (const fn of manifest.functions ?? []) {
      await backend.query(fn.definition);
      const oid = await backend.query(
        `SELECT p.oid::regprocedure::text FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
         WHERE n.nspname = $1 ORDER BY p.oid DESC LIMIT 1`,
        [fn.schema],
      );
      await backend.query(`ALTER ROUTINE ${oid.rows[0]![0]} OWNER TO ${quoteIdent(fn.owner)}`);
    }
    for (const [table, rows] of Object.entries(manifest.systemTables ?? {})) {
      if (!(await relationExists(backend, table))) continue;
      await backend.query(`DELETE FROM ${table}`);
      await backend.query(`INSERT INTO ${table} SELECT * FROM json_populate_recordset(NULL::${table}, $1::json)`, [JSON.stringify(rows)]);
    }
    if (manifest.rls) await restoreRls(backend, manifest.rls);
    // Before the views: a user's view may read an external table.
    const external = manifest.externalSchemas ?? externalSchemasFromMirror(manifest.systemTables?.['wl_sys.ext_schemas']);
    if (external) await restoreExternalSchemas(backend, services, external);
    for (const view of manifest.views ?? []) {
      if (external?.schemas[view.schema]) continue; // an external table's stand-in, rebuilt above
      const name = qualified(view.schema, view.name);
      await backend.query(`CREATE ${view.materialized ? 'MATERIALIZED VIEW' : 'VIEW'} ${name} AS ${view.definition.replace(/;\s*$/, '')}`);
      await backend.query(`ALTER ${view.materialized ? 'MATERIALIZED VIEW' : 'VIEW'} ${name} OWNER TO ${quoteIdent(view.owner)}`);
      await grant(backend, name, view.grants);
    }
    await restoreColumnGrants(backend, manifest.columnGrants);
    await restoreDefaultPrivileges(backend, manifest.defaultPrivileges);
    await restoreComments(backend, manifest.comments);
    await backend.exec('COMMIT');
  } catch (e) {
    await backend.exec('ROLLBACK');
    throw e;
  }
  await wipeStoreFiles(store);
  for (const file of manifest.storeFiles) {
    const data = await getBlob(store, root, file.blob);
    if (data) await store.writeFile(file.path, data);
  }
}

/**
 * Column defaults that call nextval(…) (a sequence made with CREATE SEQUENCE): loadTable leaves them
 * out because a table restored on its own may not have the sequence; a cluster restore does.
 */
async function restoreSequenceDefaults(backend: SqlBackend, dump: Uint8Array): Promise<void> {
  const { header } = parseDump(dump);
  for (const column of header.columns) {
    if (column.identity || column.default === null || !/^nextval\(/.test(column.default)) continue;
    // Fails when the sequence is not in this snapshot (taken before sequences were captured): no default, as before.
    await attempt(backend, () => backend.query(`ALTER TABLE ${qualified(header.schema, header.table)} ALTER COLUMN ${quoteIdent(column.name)} SET DEFAULT ${column.default}`));
  }
}

async function grant(backend: SqlBackend, relation: string, grants: Array<[string, string]>): Promise<void> {
  for (const [grantee, privilege] of grants) {
    if (await granteeExists(backend, grantee)) await backend.query(`GRANT ${privilege} ON ${relation} TO ${granteeSql(grantee)}`);
  }
}
