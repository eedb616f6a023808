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
