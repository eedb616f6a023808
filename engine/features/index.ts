import type { StatementHandler } from '../session/statement-handler';
import { createTableHandler } from './ddl';

/**
 * Statement handlers of the Redshift features implemented in the front end (security, Spectrum,
 * COPY, snapshots, ML, maintenance …). Each feature folder exports its handlers; list them here.
 * Order matters only where two handlers could match the same statement: the first wins.
 */
export const featureHandlers: StatementHandler[] = [
  createTableHandler,
];
