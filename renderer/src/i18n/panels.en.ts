/** Texts of the AWS-console panels (merged under `panels.` in the app's messages). */
export default {
  title: 'AWS console',
  tabs: { s3: 'S3', iam: 'IAM', glue: 'Glue Data Catalog', cluster: 'Redshift cluster', snapshots: 'Snapshots', serverless: 'Serverless', models: 'ML models', maintenance: 'Table maintenance' },
  common: {
    refresh: 'Refresh', create: 'Create', delete: 'Delete', cancel: 'Cancel', name: 'Name', size: 'Size', created: 'Created', lastModified: 'Last modified', status: 'Status', actions: 'Actions',
    none: 'Nothing here yet.', loading: 'Loading…', type: 'Type', location: 'Location', confirmDelete: 'Delete {name}?', equivalent: 'Same as the command', close: 'Close', back: 'Back', next: 'Next', days: '{n} day | {n} days', indefinitely: 'Indefinitely',
  },
  s3: {
    buckets: 'Buckets', createBucket: 'Create bucket', bucketName: 'Bucket name', objects: 'Objects', upload: 'Upload', dropHere: 'Drop files here to upload them to {target}', uploadStatus: 'Upload status', uploadSummary: '{done} of {total} file uploaded · {stored} of {size} | {done} of {total} files uploaded · {stored} of {size}', uploadFailed: '{n} failed', dismiss: 'Close', uploadStates: { queued: 'Waiting', uploading: 'Uploading', done: 'Succeeded', failed: 'Failed' },
    download: 'Download', folder: 'Folder', up: 'Up one level', empty: 'No objects in this folder.', noBuckets: 'No buckets. Create one to upload data.', deleteBucket: 'Delete bucket', choose: 'Choose files',
  },
  iam: {
    roles: 'Roles', createRole: 'Create role', roleName: 'Role name', description: 'Description', trust: 'Trust relationships', trustHint: 'Trusted entity: redshift.amazonaws.com (Redshift - Customizable)', policies: 'Permissions policies',
    attach: 'Attach policy', detach: 'Detach', cluster: 'Cluster permissions ({cluster})', associated: 'Associated IAM roles', default: 'Default', makeDefault: 'Set as default', associate: 'Associate with cluster', disassociate: 'Remove from cluster',
    noRoles: 'No roles yet. Create one for Redshift (trusted entity: redshift.amazonaws.com).', selectRole: 'Select a role to see its trust policy and policies.', deleteRole: 'Delete role', noPolicies: 'No policies attached.', notAssociated: 'No role is associated with the cluster.',
  },
  glue: {
    databases: 'Databases', tables: 'Tables', columns: 'Columns', partitions: 'Partitions', partitionKey: 'Partition key', query: 'Query this table', inputFormat: 'Input format', noDatabases: 'No external schemas yet. CREATE EXTERNAL SCHEMA … FROM DATA CATALOG creates a Glue database.',
    selectTable: 'Select a table to see its columns and partitions.', schema: 'External schema', database: 'Glue database', values: 'Values', noPartitions: 'Not partitioned.',
  },
  cluster: {
    general: 'General information', nodeType: 'Node type', nodes: 'Number of nodes', endpoint: 'Endpoint', database: 'Database', admin: 'Admin user', maintenance: 'Maintenance window', saveWindow: 'Save window',
    pause: 'Pause', resume: 'Resume', delete: 'Delete cluster', finalSnapshot: 'Create a final snapshot', finalSnapshotId: 'Final snapshot identifier', confirmDelete: 'Delete the cluster? All its data is removed.', deleted: 'No cluster: {message}',
    restore: 'Restore cluster from snapshot', clock: 'Workspace clock', now: 'Simulated time', offset: '+{hours} h ahead of real time', advance: 'Advance time', cost: 'Cost meter (AWS list prices)', total: 'Total',
    costKinds: { compute: 'Compute (node-hours)', 'managed-storage': 'Managed storage', 'snapshot-storage': 'Snapshot storage', spectrum: 'Spectrum scans', ml: 'ML training', 'serverless-compute': 'Serverless (RPU-hours)' },
    statuses: { available: 'Available', paused: 'Paused', pausing: 'Pausing', resuming: 'Resuming', deleting: 'Deleting', 'final-snapshot': 'Final snapshot', creating: 'Creating' },
  },
  snapshots: {
    list: 'Snapshots', create: 'Create snapshot', identifier: 'Snapshot identifier', type: 'Type', automated: 'Automated', manual: 'Manual', total: 'Total size (MB)', incremental: 'Incremental (MB)', retention: 'Retention',
    remaining: '{n} day left | {n} days left', settings: 'Backup settings', automatedRetention: 'Automated snapshot retention (days)', manualRetention: 'Default manual retention (days, -1 = indefinitely)', save: 'Save',
    copy: 'Cross-region snapshot copy', copyTo: 'Copy to region', copyRetention: 'Retention of copies (days)', enableCopy: 'Enable copy', disableCopy: 'Disable copy', copyEnabled: 'Copying new snapshots to {region} (kept {days} days)', copies: 'Copies in {region}',
    restoreTable: 'Restore table', restores: 'Table restores', request: 'Request', progress: 'Progress', noSnapshots: 'No snapshots yet. Take a manual one, or advance the clock to let automated snapshots happen.',
    wizard: {
      title: 'Restore table from snapshot', step1: '1. Snapshot', step2: '2. Source table', step3: '3. Target', sourceDatabase: 'Source database', sourceSchema: 'Source schema', sourceTable: 'Source table',
      targetSchema: 'Target schema', newTable: 'New table name', restore: 'Restore table', command: 'Equivalent command',
    },
  },
  serverless: {
    namespace: 'Namespace', workgroup: 'Workgroup', createNamespace: 'Create namespace', createWorkgroup: 'Create workgroup', baseCapacity: 'Base capacity (RPU)', recoveryPoints: 'Recovery points (every 30 min, kept 24 h)',
    timeline: 'Timeline', convert: 'Convert to snapshot', snapshotName: 'Snapshot name', snapshots: 'Snapshots', restoreTable: 'Restore table', deleteWorkgroup: 'Delete workgroup', deleteNamespace: 'Delete namespace',
    noNamespace: 'No serverless namespace. Create a namespace, then a workgroup for it.', noPoints: 'No recovery points yet: advance the clock (e.g. 1h).', orderHint: 'Delete the workgroup before its namespace.', restoreStatus: 'Restore {id}: {status}',
  },
  models: {
    list: 'Models', state: 'State', target: 'Target', function: 'Function', metric: 'Validation metric', training: 'Training: {phase} — {done} of {total} candidates', leaderboard: 'Leaderboard', candidate: 'Candidate', algorithm: 'Algorithm',
    params: 'Hyperparameters', trainMs: 'Train time (ms)', metricChart: 'Validation {metric} per candidate', confusion: 'Confusion matrix — validation data', confusionSample: 'Confusion matrix — training sample', roc: 'ROC curve — validation data (AUC {auc})', rocSample: 'ROC curve — training sample (AUC {auc})', actual: 'Actual', predicted: 'Predicted', importance: 'Feature importance (EXPLAIN_MODEL)',
    exploration: 'Data exploration report', histogram: 'Distribution', balance: 'Target balance ({target})', correlation: 'Correlations', rows: '{n} rows', validationFolds: 'Validation data: out-of-fold predictions of the best candidate {candidate} in {folds}-fold stratified cross-validation — {n} rows, each predicted by a model that did not train on it. The leaderboard metric is computed from these predictions.', validationHoldout: 'Validation data: predictions of the best candidate {candidate} on the stratified holdout — {n} rows the model did not train on. The leaderboard metric is computed from these predictions.', trainingSample: 'This model was trained before validation predictions were kept: the final model scored every 5th training row ({n} rows), rows it trained on, so this looks better than validation would. Train it again to see the validation data.', showModel: 'SHOW MODEL',
    noModels: 'No models. CREATE MODEL … starts a training job; it appears here with its progress.', selectModel: 'Select a model to see its leaderboard and reports.', failed: 'Training failed: {reason}', cost: 'Estimated cost USD {usd}',
    states: { TRAINING: 'Training', READY: 'Ready', FAILED: 'Failed' },
  },
  maintenance: {
    tables: 'Tables (SVV_TABLE_INFO)', rows: 'Rows (incl. deleted)', visible: 'Visible rows', unsorted: 'Unsorted %', statsOff: 'Stats off %', sizeMb: 'Size (MB)', sortkey: 'Sort key', vacuum: 'VACUUM', vacuumSort: 'SORT ONLY', vacuumDelete: 'DELETE ONLY', analyze: 'ANALYZE',
    before: 'Before', after: 'After', comparison: 'Before / after: {command}', noTables: 'No tables with rows.', filter: 'Filter tables',
  },
};
