import type { ConsoleOperation } from '../../console/console-command';
import { clockOperations } from '../cluster/clock-operations';
import { clusterOperations } from '../cluster/cluster-operations';
import { serverlessOperations } from '../serverless/serverless-operations';
import { snapshotOperations } from './snapshot-operations';

/** Console operations of backup, restore and operations: cluster lifecycle, snapshots, serverless, clock, bill. */
export const backupConsoleOperations: ConsoleOperation[] = [...clusterOperations, ...snapshotOperations, ...serverlessOperations, ...clockOperations];
export { snapshotStorePrefixes, includeInSnapshots } from './store-prefixes';
