// `npm test`: builds what the tests use (CLI bundle, database templates), type-checks, runs the unit
// and integration tests (vitest) and the browser end-to-end tests, then prints one closing line
// `N passed, M failed` for all of them. Exit status non-zero when anything failed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'test-output');
mkdirSync(out, { recursive: true });
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const run = (cmd, args) => spawnSync(cmd, args, { cwd: root, stdio: 'inherit' }).status ?? 1;

const steps = [];
for (const script of ['build:cli', 'build:template', 'typecheck']) {
  const status = run(npm, ['run', '--silent', script]);
  steps.push({ name: script, ok: status === 0 });
  if (status !== 0 && script !== 'typecheck') {
    console.log(`0 passed, 1 failed`);
    process.exit(1);
  }
}

const vitestReport = join(out, 'vitest.json');
rmSync(vitestReport, { force: true });
run(process.execPath, [join(root, 'node_modules', 'vitest', 'vitest.mjs'), 'run', '--reporter=default', '--reporter=json', `--outputFile=${vitestReport}`]);

let passed = 0;
let failed = steps.filter((s) => !s.ok).length;
if (existsSync(vitestReport)) {
  const report = JSON.parse(readFileSync(vitestReport, 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests + (report.numFailedTestSuites > 0 && report.numFailedTests === 0 ? report.numFailedTestSuites : 0);
} else {
  failed += 1;
}

const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
if (pkg.scripts['test:e2e']) {
  // The e2e runner ends with its own `N passed, M failed` line: add it to ours.
  const e2e = spawnSync(npm, ['run', '--silent', 'test:e2e'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  process.stdout.write(e2e.stdout ?? '');
  const summary = [...(e2e.stdout ?? '').matchAll(/^(\d+) passed, (\d+) failed/gm)].at(-1);
  if (summary) {
    passed += Number(summary[1]);
    failed += Number(summary[2]);
  }
  if (!summary || e2e.status !== 0) failed += summary && Number(summary[2]) > 0 ? 0 : 1;
}

for (const s of steps.filter((x) => !x.ok)) console.log(`failed step: ${s.name}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
