import { clusterDescriptionExtensions } from '../cluster/cluster-json';
import { loadIam } from './iam-state';

/**
 * `describe-clusters` shows the cluster's associated IAM roles and its default role, as AWS does
 * (the IAM panel reads them there). Imported once by the console registry.
 */
clusterDescriptionExtensions.push(async (warehouse) => {
  const { cluster } = await loadIam(warehouse.store);
  return {
    IamRoles: cluster.iamRoles.map((arn) => ({ IamRoleArn: arn, ApplyStatus: 'in-sync' })),
    ...(cluster.defaultIamRoleArn ? { DefaultIamRoleArn: cluster.defaultIamRoleArn } : {}),
  };
});
