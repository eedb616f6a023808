// The AWS-console panels in Chromium against the web build: every action goes through the same
// `aws …` command a student could type, and the panels show AWS's errors.
import { churnCsv, generateChurnData } from '../../engine/seed';
import { e2e, expect } from './harness';
import { AppPage } from './pages/app-page';
import { PanelsPage } from './pages/panels-page';
import { SandboxPage } from './pages/sandbox-page';

const ML_ROLE = 'arn:aws:iam::123456789012:role/panels-ml-role';

e2e('panels: upload a CSV to S3 in the S3 panel and see it listed with its size', async ({ page, baseUrl, screenshot }) => {
  const app = new AppPage(page);
  if (!(await page.getByTestId('engine-ready').count())) await app.open(baseUrl);
  const panels = new PanelsPage(page);
  await panels.open('s3');
  await panels.createBucket('panels-e2e');
  await panels.openBucket('panels-e2e');
  const csv = 'id,name\n1,alpha\n2,beta\n3,gamma\n';
  await panels.upload('panel-upload.csv', csv);
  await panels.waitFor('s3-object-panel-upload.csv');
  const size = await page.getByTestId('s3-object-panel-upload.csv').getByTestId('s3-object-size').getAttribute('title');
  expect(size === `${csv.length} B`, `object size ${size}`);
  const consoleText = (await page.getByTestId('console-output').textContent()) ?? '';
  expect(consoleText.includes('aws s3 cp panel-upload.csv s3://panels-e2e/panel-upload.csv'), 'the upload shows as its aws command in the console');
  // Several files at once (in their own bucket: panels-e2e backs an external table below): one row
  // per file with its name, bytes and state, and the totals.
  await panels.createBucket('panels-batch');
  await panels.openBucket('panels-batch');
  const batch = [
    { name: 'batch-a.csv', content: 'id\n1\n' },
    { name: 'batch-b.csv', content: 'id,name\n2,beta\n3,gamma\n' },
    { name: 'batch-c.csv', content: 'x'.repeat(2048) },
  ];
  await panels.uploadMany(batch);
  await panels.waitUploadFinished();
  for (const f of batch) {
    const row = page.getByTestId(`s3-upload-row-${f.name}`);
    expect((await row.getAttribute('data-state')) === 'done', `${f.name} uploaded: ${await row.getAttribute('data-state')}`);
    const shown = (await row.getByTestId('s3-upload-bytes').textContent()) ?? '';
    expect(shown.split('/').length === 2 && shown.split('/')[0]!.trim() === shown.split('/')[1]!.trim(), `${f.name} bytes stored of size: ${shown}`);
    await panels.waitFor(`s3-object-${f.name}`);
  }
  const overall = (await page.getByTestId('s3-upload-overall').textContent()) ?? '';
  expect(/3 of 3 file/.test(overall), `overall: ${overall}`);
  const typed = (await page.getByTestId('console-output').textContent()) ?? '';
  expect(batch.every((f) => typed.includes(`aws s3 cp ${f.name} s3://panels-batch/${f.name}`)), 'one aws s3 cp per file in the console');
  await page.getByTestId('s3-upload-progress').scrollIntoViewIfNeeded();
  await screenshot('panels-s3-upload');
  await panels.openBucket('panels-e2e');
  // A bad bucket name gets S3's error in the panel.
  await page.getByTestId('s3-new-bucket').fill('Bad_Bucket');
  await page.getByTestId('s3-create-bucket').click();
  await page.getByTestId('panel-error').waitFor();
  expect((await panels.errorText()).includes('InvalidBucketName'), `S3's error: ${await panels.errorText()}`);
  await screenshot('panels-s3');
});

e2e('panels: create an IAM role and attach a policy', async ({ page, screenshot }) => {
  const panels = new PanelsPage(page);
  await panels.open('iam');
  await panels.createRole('panels-ml-role');
  await panels.attachPolicy('arn:aws:iam::aws:policy/AmazonS3FullAccess');
  await panels.attachPolicy('arn:aws:iam::aws:policy/AmazonSageMakerFullAccess');
  await panels.attachPolicy('arn:aws:iam::aws:policy/AWSGlueConsoleFullAccess');
  const trust = (await panels.testId('iam-trust-policy').textContent()) ?? '';
  expect(trust.includes('redshift.amazonaws.com') && trust.includes('sts:AssumeRole'), `trust policy: ${trust}`);
  await panels.testId('iam-associate').click();
  await page.getByTestId('iam-cluster-roles').getByText(ML_ROLE).waitFor();
  await screenshot('panels-iam');
});

e2e('panels: take a manual snapshot and restore a table through the wizard', async ({ page, screenshot }) => {
  const panels = new PanelsPage(page);
  await panels.open('snapshots');
  await panels.testId('snapshot-new-id').fill('panels-e2e-snap');
  await panels.testId('snapshot-create').click();
  await panels.waitFor('snapshot-panels-e2e-snap', 60_000);
  await panels.testId('snapshot-restore-panels-e2e-snap').click();
  await panels.testId('wizard-source-schema').fill('raw_data');
  await panels.testId('wizard-source-table').fill('channel');
  await panels.testId('wizard-next').click();
  expect((await panels.testId('wizard-new-table').inputValue()) === 'channel_restored', 'the wizard proposes a new name');
  await panels.testId('wizard-new-table').fill('channel_from_panel');
  const command = (await panels.testId('wizard-command').textContent()) ?? '';
  expect(command.includes('--snapshot-identifier panels-e2e-snap') && command.includes('--new-table-name channel_from_panel'), `command: ${command}`);
  await screenshot('panels-restore-wizard');
  await panels.testId('wizard-restore').click();
  await page.locator('[data-testid="restore-channel_from_panel"] [data-status="SUCCEEDED"]').waitFor({ timeout: 60_000 });
  await screenshot('panels-snapshots');
  // The restored table is there, with the snapshot's rows.
  const sandbox = new SandboxPage(page);
  await page.getByTestId('nav-sandbox').click();
  await sandbox.runAndWait('SELECT (SELECT count(*) FROM raw_data.channel_from_panel) = (SELECT count(*) FROM raw_data.channel) AS same;');
  expect((await sandbox.errorMessage()) === undefined, `restored table queryable: ${await sandbox.errorMessage()}`);
  expect((await sandbox.resultGridText()).includes('true'), 'same row count as the source');
});

e2e('panels: pause the cluster and see SQL refused, then resume', async ({ page, screenshot }) => {
  const panels = new PanelsPage(page);
  const sandbox = new SandboxPage(page);
  await panels.open('cluster');
  await panels.waitClusterStatus('available');
  await panels.testId('cluster-pause').click();
  await panels.waitClusterStatus('paused');
  await screenshot('panels-cluster-paused');
  await page.getByTestId('nav-sandbox').click();
  await sandbox.runAndWait('SELECT 1;');
  const refused = (await sandbox.errorMessage()) ?? '';
  expect(/paused/i.test(refused), `SQL refused while paused: ${refused}`);
  await panels.open('cluster');
  await panels.testId('cluster-resume').click();
  await panels.waitClusterStatus('available');
  await page.getByTestId('nav-sandbox').click();
  await sandbox.runAndWait('SELECT 1;');
  expect((await sandbox.errorMessage()) === undefined, 'SQL works again after resume');
  // Advancing the clock from the panel moves the workspace time (automated snapshots may appear).
  await panels.open('cluster');
  const before = (await panels.testId('clock-now').textContent()) ?? '';
  await panels.testId('clock-advance-8h').click();
  await page.waitForFunction((b) => document.querySelector('[data-testid="clock-now"]')?.textContent !== b, before, { timeout: 60_000 });
  await screenshot('panels-cluster');
});

// Needs the ML SQL surface (CREATE MODEL); if it is missing this case fails, it is never skipped.
e2e('panels: train a model on the churn data and see leaderboard, confusion matrix and ROC', async ({ page, screenshot }) => {
  const panels = new PanelsPage(page);
  await panels.open('s3');
  await panels.createBucket('panels-ml');
  await panels.openBucket('panels-ml');
  await panels.upload('orange_telecom_customers.csv', churnCsv(generateChurnData()));
  await panels.waitFor('s3-object-orange_telecom_customers.csv', 60_000);
  const sandbox = new SandboxPage(page);
  await page.getByTestId('nav-sandbox').click();
  await sandbox.runAndWait(
    `CREATE TABLE adhoc.panels_churn (state varchar(2), account_length integer, area_code integer, international_plan varchar(3), voice_mail_plan varchar(3), number_vmail_messages integer, total_day_minutes float, total_day_calls integer, total_day_charge float, total_eve_minutes float, total_eve_calls integer, total_eve_charge float, total_night_minutes float, total_night_calls integer, total_night_charge float, total_intl_minutes float, total_intl_calls integer, total_intl_charge float, customer_service_calls integer, churn varchar(8), purpose varchar(5));
COPY adhoc.panels_churn FROM 's3://panels-ml/orange_telecom_customers.csv' IAM_ROLE '${ML_ROLE}' DELIMITER ',' IGNOREHEADER 1 REMOVEQUOTES;
CREATE MODEL adhoc.panels_churn_model FROM (SELECT state, account_length, international_plan, voice_mail_plan, number_vmail_messages, total_day_minutes, total_day_calls, total_eve_minutes, total_night_minutes, total_intl_minutes, total_intl_calls, customer_service_calls, churn FROM adhoc.panels_churn WHERE purpose = 'Train') TARGET churn FUNCTION panels_predict_churn IAM_ROLE '${ML_ROLE}' SETTINGS (S3_BUCKET 'panels-ml', MAX_RUNTIME 30);`,
    120_000,
  );
  const error = await sandbox.errorMessage();
  expect(error === undefined, `CREATE MODEL accepted: ${error}`);
  await panels.open('models');
  await panels.testId('model-panels_churn_model').click();
  await panels.waitFor('model-detail');
  if (await panels.testId('model-progress').count()) await screenshot('panels-models-training');
  await page.locator('[data-testid="model-state-panels_churn_model"][data-status="READY"]').waitFor({ timeout: 300_000 });
  await panels.waitFor('model-roc', 30_000);
  const leaderboard = await page.getByTestId('leaderboard-row').count();
  expect(leaderboard > 0, `leaderboard rows: ${leaderboard}`);
  expect((await page.locator('[data-testid="model-confusion"] canvas').count()) > 0, 'confusion matrix drawn');
  expect((await page.locator('[data-testid="model-roc"] canvas').count()) > 0, 'ROC curve drawn');
  // Both are on the validation data (the best candidate's out-of-fold predictions), and say so.
  const confusion = page.getByTestId('model-confusion');
  expect((await confusion.getAttribute('data-source')) === 'validation', `confusion matrix source: ${await confusion.getAttribute('data-source')}`);
  expect((await page.getByTestId('model-roc').getAttribute('data-source')) === 'validation', 'ROC source');
  const confusionTitle = (await confusion.locator('h3').textContent()) ?? '';
  const rocTitle = (await page.getByTestId('model-roc').locator('h3').textContent()) ?? '';
  expect(/validation data|검증 데이터/.test(confusionTitle) && /validation data|검증 데이터/.test(rocTitle), `titles: ${confusionTitle} / ${rocTitle}`);
  const counts = (await page.getByTestId('confusion-count').allTextContents()).map(Number);
  const validated = counts.reduce((a, b) => a + b, 0);
  const note = (await page.getByTestId('model-evaluation-note').textContent()) ?? '';
  expect(counts.length === 4 && note.includes(`${validated}`) && /fold|겹/.test(note), `matrix ${counts.join(',')} and note: ${note}`);
  await page.getByTestId('model-leaderboard').scrollIntoViewIfNeeded();
  await screenshot('panels-models');
  await page.getByTestId('model-roc').scrollIntoViewIfNeeded();
  await screenshot('panels-models-charts');
  await page.getByTestId('model-exploration').scrollIntoViewIfNeeded();
  await screenshot('panels-models-exploration');
  // 5-fold cross-validation predicts every training row once: the matrix counts are the training rows.
  await page.getByTestId('nav-sandbox').click();
  await sandbox.runAndWait(`SELECT 'rows=' || count(*) AS training_rows FROM adhoc.panels_churn WHERE purpose = 'Train' AND churn IS NOT NULL;`);
  const grid = await sandbox.resultGridText();
  const trainingRows = Number(/rows=(\d+)/.exec(grid)?.[1]);
  expect(trainingRows > 0 && validated === trainingRows, `confusion matrix counts ${validated} = training rows ${trainingRows}`);
});

e2e('panels: serverless deletion order, table maintenance and Glue in the dark theme', async ({ page, screenshot }) => {
  const panels = new PanelsPage(page);
  await page.getByTestId('open-settings').click();
  await page.getByTestId('theme-select').selectOption('dark');
  await page.getByTestId('settings-dialog-close').click();
  await panels.open('serverless');
  if (!(await panels.testId('serverless-delete-namespace').count())) {
    await panels.testId('serverless-create-namespace').click();
    await panels.testId('serverless-create-workgroup').waitFor();
    await panels.testId('serverless-create-workgroup').click();
    await panels.testId('serverless-delete-workgroup').waitFor();
  }
  await panels.testId('serverless-delete-namespace').click();
  await page.getByTestId('panel-error').waitFor();
  expect((await panels.errorText()).includes('ConflictException'), `AWS's error: ${await panels.errorText()}`);
  await screenshot('panels-serverless-dark');
  await panels.open('maintenance');
  await panels.waitFor('table-info-raw_data.channel');
  await panels.testId('vacuum-raw_data.channel').click();
  await panels.waitFor('maintenance-comparison', 60_000);
  await screenshot('panels-maintenance-dark');
  await panels.open('models');
  await panels.testId('model-panels_churn_model').click();
  await panels.waitFor('model-roc', 30_000);
  await page.getByTestId('model-roc').scrollIntoViewIfNeeded();
  await screenshot('panels-models-dark');
  const sandbox = new SandboxPage(page);
  await page.getByTestId('nav-sandbox').click();
  await sandbox.runAndWait(`CREATE EXTERNAL SCHEMA panels_ext FROM DATA CATALOG DATABASE 'panels_db' IAM_ROLE '${ML_ROLE}' CREATE EXTERNAL DATABASE IF NOT EXISTS;
CREATE EXTERNAL TABLE panels_ext.uploads (id integer, name varchar(16)) ROW FORMAT DELIMITED FIELDS TERMINATED BY ',' STORED AS TEXTFILE LOCATION 's3://panels-e2e/' TABLE PROPERTIES ('skip.header.line.count'='1');`);
  expect((await sandbox.errorMessage()) === undefined, `external table created: ${await sandbox.errorMessage()}`);
  await panels.open('glue');
  await panels.testId('glue-table-panels_ext.uploads').click();
  await page.getByTestId('language-select').selectOption('ko');
  const tab = ((await panels.testId('panel-tab-glue').textContent()) ?? '').trim();
  expect(tab === 'Glue 데이터 카탈로그', `Korean tab label: ${tab}`);
  await screenshot('panels-glue-dark-ko');
  await page.getByTestId('language-select').selectOption('en');
  expect(((await panels.testId('glue-location').textContent()) ?? '').includes('s3://panels-e2e/'), 'the table location');
  expect(((await panels.testId('glue-columns').textContent()) ?? '').includes('varchar(16)'), 'the columns with their types');
  await screenshot('panels-glue-dark');
  await panels.testId('glue-query').click();
  await page.getByTestId('sql-editor').waitFor();
  await page.getByTestId('run-all').click();
  await page.getByTestId('running').waitFor({ state: 'detached', timeout: 60_000 });
  expect((await sandbox.errorMessage()) === undefined, `query this table runs: ${await sandbox.errorMessage()}`);
  expect((await sandbox.resultGridText()).includes('gamma'), 'the S3 rows come back');
  // The same catalog table through Athena: no cluster, billed by the scan.
  await sandbox.queryWith('athena', 'panels_db');
  await sandbox.runAndWait('SELECT name FROM uploads ORDER BY name');
  expect((await sandbox.errorMessage()) === undefined, `Athena query runs: ${await sandbox.errorMessage()}`);
  expect((await sandbox.resultGridText()).includes('gamma'), 'Athena reads the same S3 rows');
  expect((await sandbox.scanText()).startsWith('Athena scan:'), `Athena's bill shown: ${await sandbox.scanText()}`);
  await screenshot('panels-athena-dark');
  await sandbox.runAndWait('SELECT * FROM raw_data.channel');
  expect((await sandbox.errorMessage())?.startsWith('SCHEMA_NOT_FOUND') || (await sandbox.errorMessage())?.startsWith('TABLE_NOT_FOUND'), `cluster tables are not in the catalog: ${await sandbox.errorMessage()}`);
  await sandbox.queryWith('redshift');
});
