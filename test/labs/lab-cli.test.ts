import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli/run-cli';

describe('warehouse-lab lab (CLI)', () => {
  let dir: string;
  let workspace: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'wlab-cli-'));
    workspace = join(dir, 'ws');
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('lab list --format json: id, title (ko, en) and step count of each lab', async () => {
    const run = await runCli(['lab', 'list', '--format', 'json']);
    expect(run.code).toBe(0);
    const labs = JSON.parse(run.stdout);
    expect(labs.map((l: { id: string }) => l.id)).toEqual(['rbac-security', 'backup-restore', 'spectrum', 'redshift-ml-churn', 'operations']);
    expect(labs[0]).toEqual({ id: 'rbac-security', title: { ko: '역할 기반 권한과 데이터 보안', en: 'Role-based access and data security' }, steps: 4 });
  });

  it('lab start, then lab check fails (exit 1, JSON naming the failed checks) until the student does the step', async () => {
    const start = await runCli(['lab', 'start', 'rbac-security', '--step', '2', '--workspace', workspace, '--lang', 'en']);
    expect(start.code).toBe(0);
    expect(start.stdout).toContain('The personal-data role and privileges that add up');

    const before = await runCli(['lab', 'check', 'rbac-security', '--step', '2', '--workspace', workspace, '--format', 'json', '--no-variant']);
    expect(before.code).toBe(1);
    const grade = JSON.parse(before.stdout);
    expect(grade.passed).toBe(false);
    expect(grade.checks.filter((c: { passed: boolean }) => !c.passed).map((c: { id: string }) => c.id)).toEqual(['carol-reads-pii', 'carol-inclusive', 'carol-in-both']);

    const solution = await runCli(['lab', 'solution', 'rbac-security', '--step', '2']);
    const sql = await runCli(['sql', '--workspace', workspace], solution.stdout);
    expect(sql.code).toBe(0);
    const after = await runCli(['lab', 'check', 'rbac-security', '--step', '2', '--workspace', workspace, '--format', 'json']);
    expect(after.stderr).toBe('');
    expect(JSON.parse(after.stdout)).toMatchObject({ passed: true, variant: [{ id: 'carol-reads-pii', passed: true }] });
    expect(after.code).toBe(0);
  }, 240_000);

  it("a console line names the lab's generated file as lab-files/…, whatever the current folder", async () => {
    const spectrum = join(dir, 'spectrum-ws');
    expect((await runCli(['lab', 'start', 'spectrum', '--step', '1', '--workspace', spectrum])).code).toBe(0);
    const cp = await runCli(['aws', 's3', 'cp', 'lab-files/user_session_channel.csv', 's3://warehouse-lab-spectrum/usc/user_session_channel.csv', '--workspace', spectrum]);
    expect(cp.stderr).toBe('');
    expect(cp.stdout).toContain('upload: ./lab-files/user_session_channel.csv to s3://warehouse-lab-spectrum/usc/user_session_channel.csv');
    const check = await runCli(['lab', 'check', 'spectrum', '--step', '1', '--workspace', spectrum, '--format', 'json', '--no-variant']);
    expect(JSON.parse(check.stdout)).toMatchObject({ passed: true });
  }, 120_000);

  it('lab check in text form speaks Korean by default', async () => {
    await runCli(['lab', 'start', 'rbac-security', '--step', '3', '--workspace', workspace]);
    const run = await runCli(['lab', 'check', 'rbac-security', '--step', '3', '--workspace', workspace, '--no-variant']);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('아직입니다');
    expect(run.stdout).toContain('bob은 지역별 사용자 수를 셀 수 있다');
  }, 120_000);

  it('unknown labs and steps are usage errors (exit 2)', async () => {
    const run = await runCli(['lab', 'verify', 'no-such-lab']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('no lab "no-such-lab"');
    const step = await runCli(['lab', 'hint', 'spectrum', '--step', '9']);
    expect(step.code).toBe(2);
    expect(step.stderr).toContain('lab spectrum has steps 1–5');
  });
});
