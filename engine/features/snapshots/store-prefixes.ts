/**
 * Workspace-store files that belong to the cluster and so travel with its snapshots: a cluster
 * restore (restore-from-cluster-snapshot / restore-from-recovery-point) puts them back as they were.
 * Features that keep cluster state in the store register their prefix here, e.g. Redshift ML's
 * trained models and the external-schema definitions of Spectrum.
 */
export const snapshotStorePrefixes: string[] = ['meta/models/', 'meta/external-schemas/', 'meta/catalog/'];

/** Registers another prefix (idempotent). */
export function includeInSnapshots(prefix: string): void {
  if (!snapshotStorePrefixes.includes(prefix)) snapshotStorePrefixes.push(prefix);
}

/**
 * Front-end bookkeeping tables (schema wl_sys) whose rows describe cluster objects by name and so
 * belong in a whole-cluster snapshot: external schemas and tables, Redshift ML models and their
 * grants, RLS policies. A cluster restore replaces their rows with the snapshot's. Tables that
 * do not exist in a workspace are skipped. Features may register more.
 */
export const snapshotSystemTables: string[] = [
  'wl_sys.ext_schemas',
  'wl_sys.ext_tables',
  'wl_sys.ext_columns',
  'wl_sys.ext_partitions',
  'wl_sys.ml_models',
  'wl_sys.ml_model_grants',
  'wl_sys.ml_create_model_grants',
  'wl_sys.rls_policies',
];

export function includeSystemTableInSnapshots(table: string): void {
  if (!snapshotSystemTables.includes(table)) snapshotSystemTables.push(table);
}
