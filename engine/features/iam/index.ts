/** Simulated IAM: roles, managed policies, the cluster's associated roles, and role checks for SQL. */
export { checkRoleFor } from './check-role';
export { ACCOUNT_ID, REGION, CLUSTER_ID, MANAGED_POLICIES, roleArn, loadIam, type Capability, type IamState, type RoleRecord } from './iam-state';
export { iamConsoleOperations } from './iam-console';
