import { defineStore } from 'pinia';
import { ref } from 'vue';
import { action, arg, readJson, usePanelState } from './panel-host';

export const CLUSTER_ID = 'redshift-cluster-1';

/** The AWS managed policies the lab knows (S3, Glue, SageMaker). */
export const MANAGED_POLICIES = [
  'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess',
  'arn:aws:iam::aws:policy/AmazonS3FullAccess',
  'arn:aws:iam::aws:policy/AWSGlueConsoleFullAccess',
  'arn:aws:iam::aws:policy/AmazonSageMakerFullAccess',
];

/** The trust policy the console's "Redshift - Customizable" use case writes. */
export const REDSHIFT_TRUST_POLICY = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'redshift.amazonaws.com' }, Action: 'sts:AssumeRole' }],
};

export interface IamRole {
  RoleName: string;
  Arn: string;
  CreateDate: string;
  Description?: string;
  AssumeRolePolicyDocument: unknown;
}

interface DescribeClusters {
  Clusters: { IamRoles?: { IamRoleArn: string }[]; DefaultIamRoleArn?: string }[];
}

/** IAM panel: roles, trust policy, attached policies, the cluster's associated and default roles. */
export const useIamPanel = defineStore('panel-iam', () => {
  const state = usePanelState();
  const roles = ref<IamRole[]>([]);
  const selected = ref<string>();
  const attached = ref<{ PolicyName: string; PolicyArn: string }[]>([]);
  const clusterRoles = ref<string[]>([]);
  const defaultRole = ref<string>();

  async function refresh(): Promise<void> {
    await state.load(async () => {
      roles.value = (await readJson<{ Roles: IamRole[] }>('aws iam list-roles')).Roles ?? [];
      try {
        const cluster = (await readJson<DescribeClusters>(`aws redshift describe-clusters --cluster-identifier ${CLUSTER_ID}`)).Clusters[0];
        clusterRoles.value = (cluster?.IamRoles ?? []).map((r) => r.IamRoleArn);
        defaultRole.value = cluster?.DefaultIamRoleArn;
      } catch {
        // A deleted cluster has no associated roles; the roles themselves still show.
        clusterRoles.value = [];
        defaultRole.value = undefined;
      }
      if (selected.value && !roles.value.some((r) => r.RoleName === selected.value)) selected.value = undefined;
      attached.value = selected.value
        ? (await readJson<{ AttachedPolicies: { PolicyName: string; PolicyArn: string }[] }>(`aws iam list-attached-role-policies --role-name ${arg(selected.value)}`)).AttachedPolicies ?? []
        : [];
    });
  }

  async function select(name: string | undefined): Promise<void> {
    selected.value = name;
    await refresh();
  }

  async function run(line: string): Promise<boolean> {
    const ok = await state.guard(() => action(line));
    await refresh();
    return ok !== undefined;
  }

  async function createRole(name: string, description = ''): Promise<boolean> {
    const doc = JSON.stringify(REDSHIFT_TRUST_POLICY);
    const ok = await run(`aws iam create-role --role-name ${arg(name)} --assume-role-policy-document ${arg(doc)}${description ? ` --description ${arg(description)}` : ''}`);
    if (ok) await select(name);
    return ok;
  }

  const attachPolicy = (role: string, policyArn: string) => run(`aws iam attach-role-policy --role-name ${arg(role)} --policy-arn ${arg(policyArn)}`);
  const detachPolicy = (role: string, policyArn: string) => run(`aws iam detach-role-policy --role-name ${arg(role)} --policy-arn ${arg(policyArn)}`);
  const deleteRole = (role: string) => run(`aws iam delete-role --role-name ${arg(role)}`);
  const associate = (roleArn: string) => run(`aws redshift modify-cluster-iam-roles --cluster-identifier ${CLUSTER_ID} --add-iam-roles ${arg(roleArn)}`);
  const disassociate = (roleArn: string) => run(`aws redshift modify-cluster-iam-roles --cluster-identifier ${CLUSTER_ID} --remove-iam-roles ${arg(roleArn)}`);
  const makeDefault = (roleArn: string) => run(`aws redshift modify-cluster-iam-roles --cluster-identifier ${CLUSTER_ID} --default-iam-role-arn ${arg(roleArn)}`);

  return { ...state, roles, selected, attached, clusterRoles, defaultRole, refresh, select, createRole, attachPolicy, detachPolicy, deleteRole, associate, disassociate, makeDefault };
});
