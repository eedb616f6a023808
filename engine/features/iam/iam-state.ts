import type { WorkspaceStore } from '../../workspace/workspace-store';

export const ACCOUNT_ID = '123456789012';
export const REGION = 'ap-northeast-2';
export const CLUSTER_ID = 'redshift-cluster-1';
const IAM_FILE = 'meta/iam.json';

/** The AWS managed policies the lab knows, and what each one grants. */
export const MANAGED_POLICIES: Record<string, { name: string; grants: Capability[] }> = {
  'arn:aws:iam::aws:policy/AmazonS3FullAccess': { name: 'AmazonS3FullAccess', grants: ['s3', 's3-write'] },
  'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess': { name: 'AmazonS3ReadOnlyAccess', grants: ['s3'] },
  'arn:aws:iam::aws:policy/AWSGlueConsoleFullAccess': { name: 'AWSGlueConsoleFullAccess', grants: ['glue'] },
  'arn:aws:iam::aws:policy/AmazonSageMakerFullAccess': { name: 'AmazonSageMakerFullAccess', grants: ['sagemaker'] },
};

/** What a role may be needed for: reading S3, writing S3, the Glue catalog, SageMaker training. */
export type Capability = 's3' | 's3-write' | 'glue' | 'sagemaker';

export interface RoleRecord {
  RoleName: string;
  RoleId: string;
  Arn: string;
  Path: string;
  CreateDate: string;
  Description?: string;
  AssumeRolePolicyDocument: unknown;
  attachedPolicies: string[];
}

export interface IamState {
  roles: RoleRecord[];
  /** Roles associated with the cluster, and its default role. */
  cluster: { iamRoles: string[]; defaultIamRoleArn?: string };
}

export function roleArn(name: string): string {
  return `arn:aws:iam::${ACCOUNT_ID}:role/${name}`;
}

export async function loadIam(store: WorkspaceStore): Promise<IamState> {
  const state = await store.readJson<IamState>(IAM_FILE);
  return state ?? { roles: [], cluster: { iamRoles: [] } };
}

export async function saveIam(store: WorkspaceStore, state: IamState): Promise<void> {
  await store.writeJson(IAM_FILE, state);
}

/** True when the trust policy lets Redshift assume the role (sts:AssumeRole for redshift.amazonaws.com). */
export function trustsRedshift(document: unknown): boolean {
  const statements = (document as { Statement?: unknown })?.Statement;
  const list = Array.isArray(statements) ? statements : statements ? [statements] : [];
  return list.some((s: { Effect?: string; Principal?: { Service?: string | string[] }; Action?: string | string[] }) => {
    const services = ([] as string[]).concat(s?.Principal?.Service ?? []);
    const actions = ([] as string[]).concat(s?.Action ?? []);
    return s?.Effect === 'Allow' && services.includes('redshift.amazonaws.com') && actions.some((a) => a === 'sts:AssumeRole' || a === 'sts:*' || a === '*');
  });
}
