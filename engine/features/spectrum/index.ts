import type { StatementHandler } from '../../session/statement-handler';
import type { EmbeddedWarehouse } from '../../warehouse/embedded-warehouse';
import { ATHENA_INSTALL_SQL } from '../athena/run-athena-query';
import { CATALOG_VIEWS_SQL, catalogOf } from './catalog';
import { alterExternalTableHandler, createExternalSchemaHandler, createExternalTableHandler, dropExternalSchemaHandler, dropExternalTableHandler } from './external-ddl';
import { externalQueryHandler } from './external-query';
import { MATERIALIZE_SQL } from './materialize';
import { S3QUERY_SUMMARY_SQL } from './scan-bill';

/** Spectrum's statement handlers; statements that name no external table are handed to the next handler. */
export const spectrumHandlers: StatementHandler[] = [
  createExternalSchemaHandler,
  createExternalTableHandler,
  alterExternalTableHandler,
  dropExternalTableHandler,
  dropExternalSchemaHandler,
  externalQueryHandler,
];

// Athena reads the same catalog through the same cache, so its role is installed with Spectrum.
export const spectrumInstallSql = [MATERIALIZE_SQL, CATALOG_VIEWS_SQL, S3QUERY_SUMMARY_SQL, ATHENA_INSTALL_SQL].join('\n');
export { spectrumCost } from './scan-bill';
export { loadCatalog, type Catalog, type ExternalTable } from './catalog';

/**
 * Loads the data catalog when a workspace opens, so the handlers' pre-filter knows its external
 * schemas from the first statement on (the CLI runs each command in a new process).
 */
export async function onWorkspaceOpen(warehouse: EmbeddedWarehouse): Promise<void> {
  await catalogOf({ services: warehouse });
}
