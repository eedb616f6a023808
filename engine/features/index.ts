import type { StatementHandler } from '../session/statement-handler';
import { createDatabaseHandler, createTableHandler, forgetDroppedTables } from './ddl';
import { availabilityGuard } from './cluster/availability-guard';
import { securityHandlers } from './security';
import { copyHandler } from './copy';
import { spectrumHandlers } from './spectrum';
import { mlHandlers } from './ml';
import { analyzeHandler, tableInfoFreshStats, vacuumHandler } from './maintenance';

/**
 * Statement handlers of the Redshift features implemented in the front end (security, Spectrum,
 * COPY, snapshots, ML, maintenance …). Each feature folder exports its handlers; list them here.
 * Order matters only where two handlers could match the same statement: the first wins.
 */
export const featureHandlers: StatementHandler[] = [
  availabilityGuard, // must stay first: refuses SQL while the cluster is paused or deleted
  forgetDroppedTables, // wraps every DROP TABLE / SCHEMA / MATERIALIZED VIEW handler after it
  ...spectrumHandlers, // before the others: claims statements naming external tables, hands the rest on
  ...mlHandlers, // before security: GRANT … ON MODEL / CREATE MODEL are Redshift ML's
  ...securityHandlers,
  createTableHandler,
  createDatabaseHandler,
  copyHandler,
  vacuumHandler,
  analyzeHandler,
  tableInfoFreshStats,
];
