/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// Callbacks passed to page.evaluate run in the browser.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { e2e, expect } from './harness';
import { AppPage } from './pages/app-page';
import { ConsolePage } from './pages/console-page';
import { LabsPage } from './pages/labs-page';
import { SandboxPage } from './pages/sandbox-page';

e2e('opens the app: engine ready and the lab list shown (first visit)', async ({ page, baseUrl, screenshot }) => {
  const app = new AppPage(page);
  await app.open(baseUrl);
  await new LabsPage(page).waitLoaded();
  await screenshot('01-labs');
  await app.waitStored(); // the template reaches browser storage in the background, after the app is usable
});

e2e('switches the language between Korean and English', async ({ page, screenshot }) => {
  const app = new AppPage(page);
  await app.setLanguage('ko');
  expect((await app.navText('sandbox')) === 'SQL 샌드박스', `Korean nav label, got ${await app.navText('sandbox')}`);
  await screenshot('02-korean');
  await app.setLanguage('en');
  expect((await app.navText('sandbox')) === 'SQL sandbox', 'English nav label');
});

e2e('runs a query that fails and underlines the error position', async ({ page, screenshot }) => {
  const app = new AppPage(page);
  const sandbox = new SandboxPage(page);
  await app.go('sandbox');
  await sandbox.runAndWait('SELECT 1;\nSELECT nosuchcolumn FROM raw_data.channel;');
  const message = await sandbox.errorMessage();
  expect(message?.includes('nosuchcolumn'), `error names the column, got ${message}`);
  await page.locator('.squiggly-error').first().waitFor({ timeout: 5000 });
  // The underline sits on line 2 where the bad column is.
  const line = await page.evaluate(() => {
    const sq = document.querySelector('.squiggly-error')!.getBoundingClientRect();
    const lines = [...document.querySelectorAll('[data-testid="sql-editor"] .view-line')].map((l) => l.getBoundingClientRect());
    return lines.findIndex((l) => Math.abs(l.top - sq.top) < 4 || (sq.top >= l.top && sq.top < l.bottom));
  });
  expect(line === 1, `underline on the second line, got line index ${line}`);
  await screenshot('03-sandbox-error');
});

e2e('runs a query and shows typed columns and NULL distinctly', async ({ page, screenshot }) => {
  const sandbox = new SandboxPage(page);
  await sandbox.runAndWait("SELECT channel, NULL::int AS nothing FROM raw_data.channel ORDER BY 1;");
  const rows = await sandbox.rowCountText();
  expect(/\d+/.test(rows), `row count shown: ${rows}`);
  expect((await page.getByTestId('cell-null').count()) > 0, 'NULL cells are marked');
  await screenshot('04-sandbox-result');
});

e2e("shows a statement's messages and a DDL command's tag without a row count", async ({ page, screenshot }) => {
  const sandbox = new SandboxPage(page);
  await sandbox.runAndWait('DROP TABLE IF EXISTS no_such_table;');
  const tag = await sandbox.rowCountText();
  expect(tag.trim() === 'DROP TABLE', `command tag: ${tag}`);
  const notices = await sandbox.noticesText();
  expect(notices.includes('NOTICE:  table "no_such_table" does not exist, skipping'), `messages: ${notices}`);
  await screenshot('04c-sandbox-messages');
});

e2e('pages a 1M-row result through the virtualized grid', async ({ page, screenshot }) => {
  const sandbox = new SandboxPage(page);
  await new AppPage(page).go('sandbox');
  await sandbox.runAndWait('SELECT g AS n, g % 7 AS bucket FROM generate_series(1, 1000000) g ORDER BY g;', 120_000);
  expect((await sandbox.rowCountText()).replace(/\D/g, '') === '1000000', `row count: ${await sandbox.rowCountText()}`);
  expect((await page.getByTestId('result-row').count()) < 200, 'only visible rows are in the DOM');
  const viewport = page.getByTestId('result-viewport');
  await viewport.evaluate((el) => (el.scrollTop = el.scrollHeight));
  await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="result-row"]')].some((r) => r.textContent?.includes('1000000')), undefined, { timeout: 20_000 });
  await viewport.evaluate((el) => (el.scrollTop = el.scrollHeight / 2));
  await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="result-row"] .cell:nth-child(2)')].some((c) => Number(c.textContent) > 400000 && Number(c.textContent) < 600000), undefined, { timeout: 20_000 });
  await screenshot('04b-million-rows');
});

e2e('cancels a long query and the engine stays usable', async ({ page, screenshot }) => {
  const app = new AppPage(page);
  const sandbox = new SandboxPage(page);
  await sandbox.setSql('SELECT count(*) FROM generate_series(1, 300000000);');
  await sandbox.runAll();
  await page.getByTestId('running').waitFor();
  await page.waitForTimeout(1000);
  const started = Date.now();
  await sandbox.cancel();
  await page.getByTestId('running').waitFor({ state: 'detached', timeout: 10_000 });
  const tookMs = Date.now() - started;
  expect(tookMs < 5000, `cancel took ${tookMs} ms`);
  const message = await sandbox.errorMessage();
  expect(message?.includes('cancel'), `cancel reported, got ${message}`);
  await screenshot('05-cancelled');
  await app.waitReady();
  await sandbox.runAndWait('SELECT 42 AS answer;');
  expect((await sandbox.rowCountText()).includes('1'), 'a query after the cancel works');
});

e2e('switches user and sees a permission error', async ({ page, screenshot }) => {
  const app = new AppPage(page);
  const sandbox = new SandboxPage(page);
  await app.runAs('awsuser');
  await sandbox.runAndWait("DROP USER IF EXISTS e2e_student; CREATE USER e2e_student PASSWORD 'Student1234';");
  expect((await sandbox.errorMessage()) === undefined, `user created: ${await sandbox.errorMessage()}`);
  await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="user-select"] option')].some((o) => (o as HTMLOptionElement).value === 'e2e_student'), undefined, { timeout: 10_000 });
  await app.runAs('e2e_student');
  expect((await page.getByTestId('whoami-text').textContent())?.includes('e2e_student'), 'shows who you are');
  await sandbox.runAndWait('SELECT * FROM pii.user_contact LIMIT 1;');
  const message = await sandbox.errorMessage();
  expect(message?.includes('permission denied'), `permission error, got ${message}`);
  await screenshot('06-permission-error');
  await app.runAs('awsuser');
});

e2e('uploads a file to S3 through the console line', async ({ page, screenshot }) => {
  const app = new AppPage(page);
  const cons = new ConsolePage(page);
  await app.go('console');
  await cons.attach('e2e-upload.csv', 'id,name\n1,alpha\n2,beta\n');
  await cons.run('aws s3 mb s3://e2e-bucket');
  const cp = await cons.run('aws s3 cp e2e-upload.csv s3://e2e-bucket/in/e2e-upload.csv');
  expect(/upload/i.test(cp), `cp reports the upload: ${cp}`);
  const ls = await cons.run('aws s3 ls s3://e2e-bucket/in/');
  expect(ls.includes('e2e-upload.csv'), `ls lists the file: ${ls}`);
  await screenshot('07-console');
});

e2e('shows the shortcuts, settings and about dialogs', async ({ page, screenshot }) => {
  await page.getByTestId('open-shortcuts').click();
  await page.getByTestId('shortcuts-dialog').waitFor();
  await screenshot('08-shortcuts');
  await page.getByTestId('shortcuts-dialog-close').click();
  await page.getByTestId('open-settings').click();
  await page.getByTestId('theme-select').selectOption('dark');
  expect((await page.getByTestId('app').getAttribute('data-theme')) === 'dark', 'dark theme applied');
  await screenshot('09-settings-dark');
  await page.getByTestId('theme-select').selectOption('light');
  await page.getByTestId('settings-dialog-close').click();
  await page.getByTestId('open-about').click();
  const about = (await page.getByTestId('about-versions').textContent()) ?? '';
  expect(/PostgreSQL[\s\S]*18/.test(about), `about shows the engine versions: ${about}`);
  await screenshot('10-about');
  await page.getByTestId('about-dialog-close').click();
});

e2e('reload reopens the workspace from browser storage with tabs and users kept', async ({ page, screenshot }) => {
  const app = new AppPage(page);
  await page.reload();
  await app.waitReady(60_000);
  expect((await app.waitForUser('e2e_student')).includes('e2e_student'), 'the user created before the reload still exists');
  await app.go('sandbox');
  const text = await page.getByTestId('sql-editor').locator('.view-lines').textContent();
  expect(text?.includes('pii.user_contact'), `tab text survived: ${text}`);
  await screenshot('11-after-reload');
});

e2e('does one lab step with a failing and a passing check; progress survives a reload', async ({ page, screenshot }) => {
  const app = new AppPage(page);
  const labs = new LabsPage(page);
  await app.go('labs');
  await labs.waitLoaded();
  if ((await page.getByTestId('labs-missing').count()) > 0) throw new Error('labs are not installed in this build');
  expect((await labs.labCount()) > 0, 'labs listed');
  await screenshot('12-lab-list');
  await labs.openFirstLab();
  const starter = await labs.editorText();
  expect(starter.trim().length > 0, 'the editor is pre-filled with the starter SQL');
  const failing = await labs.check();
  expect(!failing.passed, `the starter SQL alone fails: ${failing.text}`);
  expect(!/^\s*(Not yet|아직입니다)[\s:!.]*(Not yet|아직입니다)/.test(failing.text), `the verdict is not repeated: ${failing.text}`);
  await page.getByTestId('lab-hint').click();
  await page.getByTestId('lab-hints').waitFor();
  await screenshot('13-lab-fail-hint');
  await page.getByTestId('lab-solution').click();
  // The editor's text is the step's draft, kept in the labs store (and localStorage across restarts).
  await page.waitForFunction(() => Object.values(JSON.parse(localStorage.getItem('warehouse-lab:lab-drafts') ?? '{}') as Record<string, string>).some((t) => /\n--\s+(GRANT|CREATE)/.test(t)));
  const bundle = JSON.parse(readFileSync(join(process.cwd(), 'labs', 'bundle.json'), 'utf8')) as { labs: { order: number; steps: { solution: { sql?: string }[] }[] }[] };
  const first = [...bundle.labs].sort((a, b) => a.order - b.order)[0]!;
  await labs.setSql(first.steps[0]!.solution.map((a) => a.sql ?? '').join('\n'));
  await labs.run();
  const passing = await labs.check();
  expect(passing.passed, `the solution passes: ${passing.text}`);
  expect(!/^\s*(Passed|통과)[\s:!.]*(Passed|통과)/.test(passing.text), `the verdict is not repeated: ${passing.text}`);
  await page.locator('[data-testid="lab-step"].done').first().waitFor();
  await screenshot('14-lab-pass');
  await page.reload();
  await app.waitReady(60_000);
  await app.go('labs');
  await page.getByTestId('lab-detail').waitFor();
  expect((await page.locator('[data-testid="lab-step"].done').count()) >= 1, 'the completed step is still completed after a reload');
});

e2e('resets the workspace to the course starting state', async ({ page, screenshot }) => {
  const app = new AppPage(page);
  const sandbox = new SandboxPage(page);
  await app.go('sandbox');
  await sandbox.runAndWait('CREATE TABLE adhoc.reset_me (id int);');
  page.once('dialog', (d) => void d.accept());
  await page.getByTestId('open-settings').click();
  await page.getByTestId('reset-workspace').click();
  await page.waitForFunction(() => !document.querySelector('[data-testid="reset-workspace"]')?.hasAttribute('disabled'), undefined, { timeout: 120_000 });
  await screenshot('15-reset');
  await page.getByTestId('settings-dialog-close').click();
  await app.waitReady();
  await sandbox.runAndWait('SELECT * FROM adhoc.reset_me;');
  expect((await sandbox.errorMessage())?.includes('does not exist'), `the table is gone: ${await sandbox.errorMessage()}`);
  expect(!(await app.users()).includes('e2e_student'), 'users created before the reset are gone');
});
