import type { WorkspaceStore } from '../../workspace/workspace-store';
import { SqlError, SQLSTATE } from '../../errors/sql-error';
import { ACCOUNT_ID, CLUSTER_ID, MANAGED_POLICIES, REGION, loadIam, trustsRedshift, type Capability } from './iam-state';

const ACTION_FOR: Record<Capability, string> = {
  s3: 's3:GetObject',
  's3-write': 's3:PutObject',
  glue: 'glue:GetDatabase',
  sagemaker: 'sagemaker:CreateTrainingJob',
};

/**
 * Checks that the cluster may use a role for something, the way Redshift fails when it may not, and
 * returns the role's ARN (`default` resolves to the cluster's default role). Messages follow real
 * Redshift errors:
 * - role unknown, not associated with the cluster, or its trust policy not allowing
 *   redshift.amazonaws.com: `User arn:aws:redshift:<region>:<acct>:dbuser:<cluster>/<user> is not
 *   authorized to assume IAM Role <arn>`;
 * - `IAM_ROLE default` with no default role: `Default IAM role is not set for the cluster`… ;
 * - the role lacks S3 access: `S3ServiceException:Access Denied,Status 403,Error AccessDenied,…`;
 * - the role lacks Glue / SageMaker access: `User: arn:aws:sts::<acct>:assumed-role/<role>/RedshiftIamRoleSession
 *   is not authorized to perform: glue:GetDatabase …`.
 * All with SQLSTATE XX000, as Redshift reports them.
 */
export async function checkRoleFor(
  target: WorkspaceStore | { store: WorkspaceStore },
  arnOrDefault: string,
  need: Capability | Capability[],
  options: { user?: string } = {},
): Promise<string> {
  const store = 'store' in target ? target.store : target;
  const state = await loadIam(store);
  let arn = arnOrDefault.trim();
  if (arn.toLowerCase() === 'default') {
    if (!state.cluster.defaultIamRoleArn) {
      throw new SqlError(SQLSTATE.internalError, 'Default IAM role is not set for the cluster. Use an IAM role ARN or set a default role (aws redshift modify-cluster-iam-roles --default-iam-role-arn ARN).');
    }
    arn = state.cluster.defaultIamRoleArn;
  }
  const user = options.user ?? 'awsuser';
  const notAuthorized = () =>
    new SqlError(SQLSTATE.internalError, `User arn:aws:redshift:${REGION}:${ACCOUNT_ID}:dbuser:${CLUSTER_ID}/${user} is not authorized to assume IAM Role ${arn}`);
  if (!/^arn:aws:iam::\d{12}:role\/[\w+=,.@\/-]+$/.test(arn)) {
    throw new SqlError(SQLSTATE.invalidParameterValue, `Invalid IAM role ARN: '${arn}'. Expected arn:aws:iam::<account-id>:role/<role-name>`);
  }
  const role = state.roles.find((r) => r.Arn === arn);
  if (!role || !state.cluster.iamRoles.includes(arn) || !trustsRedshift(role.AssumeRolePolicyDocument)) throw notAuthorized();
  const granted = new Set(role.attachedPolicies.flatMap((p) => MANAGED_POLICIES[p]?.grants ?? []));
  for (const capability of ([] as Capability[]).concat(need)) {
    if (granted.has(capability)) continue;
    if (capability === 's3' || capability === 's3-write') {
      throw new SqlError(SQLSTATE.internalError, `S3ServiceException:Access Denied,Status 403,Error AccessDenied,Rid 7A3C1F2B9E4D5A60,CanRetry 1 (role ${role.RoleName} has no S3 policy attached for ${ACTION_FOR[capability]})`);
    }
    throw new SqlError(
      SQLSTATE.internalError,
      `User: arn:aws:sts::${ACCOUNT_ID}:assumed-role/${role.RoleName}/RedshiftIamRoleSession is not authorized to perform: ${ACTION_FOR[capability]} because no identity-based policy allows the ${ACTION_FOR[capability]} action`,
    );
  }
  return arn;
}
