import type { EmbeddedWarehouse } from '../engine';
import { runConsoleCommand } from '../engine/console/run-console-command';
import type { ConsoleIo } from '../engine/console/console-command';
import { CHURN_COLUMNS } from '../engine/seed';

/** What the Redshift ML benchmarks share: the churn table, its feature list, a SageMaker-ready role, SQL. */
export const ML_ROLE_ARN = 'arn:aws:iam::123456789012:role/ml';

/** The churn columns a model learns from (everything but the target and the Train/Test marker). */
export const CHURN_FEATURES = CHURN_COLUMNS.filter((c) => c.name !== 'churn' && c.name !== 'purpose').map((c) => c.name).join(', ');

/** `(col type, …)` of the churn table; the real BigML files have no `purpose` column. */
export function churnTableColumns(withPurpose: boolean): string {
  return `(${CHURN_COLUMNS.filter((c) => withPurpose || c.name !== 'purpose').map((c) => `${c.name} ${c.type}`).join(', ')})`;
}

const noLocalFiles: ConsoleIo = { readLocalFile: async () => new Uint8Array(), listLocalFiles: async () => [], writeLocalFile: async () => undefined };

/** The lecture's IAM steps: a role Redshift may assume, with S3 and SageMaker policies, on the cluster. */
export async function createSageMakerRole(wh: EmbeddedWarehouse): Promise<string> {
  const trust = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'redshift.amazonaws.com' }, Action: 'sts:AssumeRole' }] });
  await runConsoleCommand(wh, ['iam', 'create-role', '--role-name', 'ml', '--assume-role-policy-document', trust], noLocalFiles);
  for (const policy of ['AmazonS3FullAccess', 'AmazonSageMakerFullAccess']) {
    await runConsoleCommand(wh, ['iam', 'attach-role-policy', '--role-name', 'ml', '--policy-arn', `arn:aws:iam::aws:policy/${policy}`], noLocalFiles);
  }
  await runConsoleCommand(wh, ['redshift', 'modify-cluster-iam-roles', '--cluster-identifier', 'redshift-cluster-1', '--add-iam-roles', ML_ROLE_ARN], noLocalFiles);
  return ML_ROLE_ARN;
}

/** Runs SQL as the admin in a fresh session and returns the last statement's rows (throws on error). */
export async function adminRows(wh: EmbeddedWarehouse, text: string): Promise<unknown[][]> {
  const session = await wh.session();
  try {
    return (await session.query(text)).rows;
  } finally {
    await session.close();
  }
}
