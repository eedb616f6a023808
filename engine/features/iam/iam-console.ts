import { AwsError, ok, type ConsoleContext, type ConsoleOperation } from '../../console/console-command';
import { CLUSTER_ID, MANAGED_POLICIES, loadIam, roleArn, saveIam, type RoleRecord } from './iam-state';

/** `aws iam …` role operations over the simulated IAM kept in the workspace. */

function required(context: ConsoleContext, name: string): string {
  const value = context.options.get(name);
  if (typeof value !== 'string' || value === '') throw new AwsError('ValidationError', `the following arguments are required: --${name}`);
  return value;
}

async function readDocument(context: ConsoleContext, text: string): Promise<unknown> {
  let json = text;
  if (text.startsWith('file://')) {
    try {
      json = new TextDecoder().decode(await context.io.readLocalFile(text.slice('file://'.length)));
    } catch {
      throw new AwsError('InvalidInput', `Error parsing parameter '--assume-role-policy-document': Unable to load paramfile ${text}`);
    }
  }
  try {
    return JSON.parse(json);
  } catch {
    throw new AwsError('MalformedPolicyDocument', 'This policy contains invalid Json');
  }
}

const publicRole = (role: RoleRecord) => {
  const { attachedPolicies: _attached, ...shown } = role;
  return { ...shown, MaxSessionDuration: 3600 };
};

function roleId(): string {
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let id = 'AROA';
  for (let i = 0; i < 17; i++) id += chars[Math.floor(Math.random() * chars.length)];
  return id;
}

async function findRole(context: ConsoleContext) {
  const name = required(context, 'role-name');
  const state = await loadIam(context.warehouse.store);
  const role = state.roles.find((r) => r.RoleName === name);
  if (!role) throw new AwsError('NoSuchEntity', `The role with name ${name} cannot be found.`);
  return { state, role };
}

const createRole: ConsoleOperation = {
  service: 'iam',
  name: 'create-role',
  summary: 'create a role with a trust policy',
  async run(context) {
    const name = required(context, 'role-name');
    if (!/^[\w+=,.@-]{1,64}$/.test(name)) throw new AwsError('ValidationError', `1 validation error detected: Value '${name}' at 'roleName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+`);
    const document = await readDocument(context, required(context, 'assume-role-policy-document'));
    const state = await loadIam(context.warehouse.store);
    if (state.roles.some((r) => r.RoleName.toLowerCase() === name.toLowerCase())) throw new AwsError('EntityAlreadyExists', `Role with name ${name} already exists.`);
    const role: RoleRecord = {
      Path: '/',
      RoleName: name,
      RoleId: roleId(),
      Arn: roleArn(name),
      CreateDate: new Date().toISOString().replace(/\.\d{3}Z$/, '+00:00'),
      AssumeRolePolicyDocument: document,
      attachedPolicies: [],
    };
    const description = context.options.get('description');
    if (typeof description === 'string') role.Description = description;
    state.roles.push(role);
    await saveIam(context.warehouse.store, state);
    const { attachedPolicies: _a, ...shown } = role;
    return ok({ Role: shown });
  },
};

const getRole: ConsoleOperation = {
  service: 'iam',
  name: 'get-role',
  summary: 'show a role',
  async run(context) {
    const { role } = await findRole(context);
    return ok({ Role: publicRole(role) });
  },
};

const listRoles: ConsoleOperation = {
  service: 'iam',
  name: 'list-roles',
  summary: 'list roles',
  async run(context) {
    const state = await loadIam(context.warehouse.store);
    return ok({ Roles: state.roles.map(publicRole) });
  },
};

function policyArn(context: ConsoleContext): string {
  const arn = required(context, 'policy-arn');
  if (!MANAGED_POLICIES[arn]) throw new AwsError('NoSuchEntity', `Policy ${arn} does not exist or is not attachable.`);
  return arn;
}

const attachRolePolicy: ConsoleOperation = {
  service: 'iam',
  name: 'attach-role-policy',
  summary: 'attach a managed policy to a role',
  async run(context) {
    const { state, role } = await findRole(context);
    const arn = policyArn(context);
    if (!role.attachedPolicies.includes(arn)) role.attachedPolicies.push(arn);
    await saveIam(context.warehouse.store, state);
    return ok('');
  },
};

const detachRolePolicy: ConsoleOperation = {
  service: 'iam',
  name: 'detach-role-policy',
  summary: 'detach a managed policy from a role',
  async run(context) {
    const { state, role } = await findRole(context);
    const arn = required(context, 'policy-arn');
    if (!role.attachedPolicies.includes(arn)) throw new AwsError('NoSuchEntity', `Policy ${arn} was not found.`);
    role.attachedPolicies = role.attachedPolicies.filter((p) => p !== arn);
    await saveIam(context.warehouse.store, state);
    return ok('');
  },
};

const listAttachedRolePolicies: ConsoleOperation = {
  service: 'iam',
  name: 'list-attached-role-policies',
  summary: 'list the managed policies attached to a role',
  async run(context) {
    const { role } = await findRole(context);
    return ok({ AttachedPolicies: role.attachedPolicies.map((arn) => ({ PolicyName: MANAGED_POLICIES[arn]?.name ?? arn, PolicyArn: arn })) });
  },
};

const deleteRole: ConsoleOperation = {
  service: 'iam',
  name: 'delete-role',
  summary: 'delete a role (its policies must be detached first)',
  async run(context) {
    const { state, role } = await findRole(context);
    if (role.attachedPolicies.length > 0) throw new AwsError('DeleteConflict', 'Cannot delete entity, must detach all policies first.');
    state.roles = state.roles.filter((r) => r !== role);
    await saveIam(context.warehouse.store, state);
    return ok('');
  },
};

/** The one `aws redshift` operation that belongs to IAM: associating roles with the cluster. */
const modifyClusterIamRoles: ConsoleOperation = {
  service: 'redshift',
  name: 'modify-cluster-iam-roles',
  summary: 'associate IAM roles with the cluster and choose its default role',
  async run(context) {
    const cluster = required(context, 'cluster-identifier');
    if (cluster !== CLUSTER_ID) throw new AwsError('ClusterNotFound', `Cluster ${cluster} not found.`);
    const state = await loadIam(context.warehouse.store);
    const list = (name: string) => {
      const value = context.options.get(name);
      return typeof value === 'string' ? value.split(/[\s,]+/).filter(Boolean) : [];
    };
    const add = [...list('add-iam-roles'), ...context.positionals];
    const remove = list('remove-iam-roles');
    const defaultArn = context.options.get('default-iam-role-arn');
    for (const arn of [...add, ...(typeof defaultArn === 'string' ? [defaultArn] : [])]) {
      if (!state.roles.some((r) => r.Arn === arn)) throw new AwsError('InvalidParameterValue', `The IAM role ${arn} is not valid: no such role in account.`);
    }
    for (const arn of add) if (!state.cluster.iamRoles.includes(arn)) state.cluster.iamRoles.push(arn);
    state.cluster.iamRoles = state.cluster.iamRoles.filter((arn) => !remove.includes(arn));
    if (typeof defaultArn === 'string') {
      if (!state.cluster.iamRoles.includes(defaultArn)) state.cluster.iamRoles.push(defaultArn);
      state.cluster.defaultIamRoleArn = defaultArn;
    }
    if (state.cluster.defaultIamRoleArn && !state.cluster.iamRoles.includes(state.cluster.defaultIamRoleArn)) delete state.cluster.defaultIamRoleArn;
    await saveIam(context.warehouse.store, state);
    return ok({
      Cluster: {
        ClusterIdentifier: CLUSTER_ID,
        ClusterStatus: 'available',
        IamRoles: state.cluster.iamRoles.map((arn) => ({ IamRoleArn: arn, ApplyStatus: 'in-sync' })),
        ...(state.cluster.defaultIamRoleArn ? { DefaultIamRoleArn: state.cluster.defaultIamRoleArn } : {}),
      },
    });
  },
};

export const iamConsoleOperations: ConsoleOperation[] = [
  createRole,
  getRole,
  listRoles,
  attachRolePolicy,
  detachRolePolicy,
  listAttachedRolePolicies,
  deleteRole,
  modifyClusterIamRoles,
];
