import type { ConsoleOperation } from './console-command';
import { s3ConsoleOperations } from '../features/s3';
import { iamConsoleOperations } from '../features/iam';
import { backupConsoleOperations } from '../features/snapshots';
import { s3ApiConsoleOperations } from '../features/s3/s3api-console';
import { modelConsoleOperations } from '../features/ml/model-console';
import { athenaConsoleOperations } from '../features/athena/athena-console';
import '../features/iam/cluster-iam-roles';

/** Every console operation; each feature adds its own list here. */
export const consoleOperations: ConsoleOperation[] = [
  ...s3ConsoleOperations,
  ...iamConsoleOperations,
  ...backupConsoleOperations,
  ...s3ApiConsoleOperations,
  ...modelConsoleOperations,
  ...athenaConsoleOperations,
];
