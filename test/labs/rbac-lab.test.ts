import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gradeStep, labEnvironment, runSql, startStep, type Lab, type LabEnvironment } from '../../engine/labs';
import { nodeVariantFactory } from '../../engine/labs/node/variant-workspace';
import { openTempWorkspace } from '../../engine/node';
import type { EmbeddedWarehouse } from '../../engine';
import { createLabsProvider } from '../../labs/index';
import { expectStepReport, loadLab, verifyOnce } from './helpers';

const verified = verifyOnce('rbac-security', { variant: true });

describe('lab 1 (RBAC and data security): verify', () => {
  it('every reference solution passes (also on the hidden variant) and every check is failed by a wrong answer', () => {
    const { report } = verified.get();
    expectStepReport(report);
    expect(report.passed).toBe(true);
    expect(report.steps.every((s) => s.wrongAnswersFailed >= s.checks)).toBe(true);
  });

  it('forgetting USAGE on the schema: says bob cannot read raw_data and why', () => {
    const text = verified.get().feedback('analyst-roles', 'no-schema-usage');
    expect(text).toContain('bob can read raw_data tables');
    expect(text).toContain('bob cannot SELECT ON raw_data.user_session_channel: permission denied for schema raw_data');
    expect(text).toContain('Did you grant USAGE on the schema?');
    expect(text).not.toContain('alice (author) can write analytics tables');
  });

  it('giving analytics_users ALL: names the privilege that still works', () => {
    const text = verified.get().feedback('analyst-roles', 'users-get-all');
    expect(text).toMatch(/Not yet: 1 check failed/);
    expect(text).toContain('bob can still INSERT ON analytics.mau_summary (it should be denied)');
    expect(text).toContain('bob can still DELETE ON analytics.mau_summary (it should be denied)');
  });

  it('granting pii_users to bob too: pii isolation fails, in Korean as well', () => {
    const { feedback, feedbackKo } = verified.get();
    expect(feedback('pii-role', 'bob-gets-pii')).toContain('bob can still SELECT ON pii.user_contact (it should be denied)');
    expect(feedbackKo('pii-role', 'bob-gets-pii')).toContain('bob 사용자가 아직 SELECT ON pii.user_contact 할 수 있습니다');
  });

  it('a table-level grant instead of columns: email and phone are still readable', () => {
    const text = verified.get().feedback('column-security', 'table-level');
    expect(text).toContain('bob can still SELECT (email) ON pii.user_contact');
    expect(text).toContain('bob can still SELECT (phone) ON pii.user_contact');
  });

  it('RLS policies attached but RLS not on: says so and shows the rows sam should not see', () => {
    const text = verified.get().feedback('rls-per-region', 'rls-not-on');
    expect(text).toContain('Row-level security is not on for pii.user_contact.');
    expect(text).toMatch(/Wrong row count: 5 \(expected 1\)/);
    expect(text).toMatch(/unexpected row\(s\): .*\('busan', \d+\)/);
  });

  it('policies attached to the wrong role: names the missing attachment', () => {
    const text = verified.get().feedback('rls-per-region', 'attached-to-pii-users');
    expect(text).toContain('Policy region_seoul is not attached to pii.user_contact for ROLE seoul_team.');
  });
});

describe('lab 1: grading a student workspace, hidden variant, app API', () => {
  let lab: Lab;
  let warehouse: EmbeddedWarehouse;
  let env: LabEnvironment;
  const variant = nodeVariantFactory();

  beforeAll(async () => {
    lab = await loadLab('rbac-security');
    warehouse = await openTempWorkspace();
    env = labEnvironment(warehouse);
    await startStep(env, lab, 'rls-per-region');
  }, 300_000);
  afterAll(async () => {
    await warehouse.close();
    await variant.close();
  });

  it('a policy that hard-codes the practice data\'s user ids passes on it but fails on the hidden variant', async () => {
    const ids = await runSql(env, "SELECT userid FROM pii.user_contact WHERE region = 'seoul' ORDER BY userid");
    const seoul = ids[0]!.ok ? ids[0]!.result.rows.map((r) => r[0]).join(', ') : '';
    const busan = await runSql(env, "SELECT userid FROM pii.user_contact WHERE region = 'busan' ORDER BY userid");
    const busanIds = busan[0]!.ok ? busan[0]!.result.rows.map((r) => r[0]).join(', ') : '';
    const hardCoded = `CREATE ROLE seoul_team;
CREATE ROLE busan_team;
GRANT ROLE seoul_team TO sam;
GRANT ROLE busan_team TO dana;
CREATE RLS POLICY region_seoul WITH (userid integer) USING (userid IN (${seoul}));
CREATE RLS POLICY region_busan WITH (userid integer) USING (userid IN (${busanIds}));
ATTACH RLS POLICY region_seoul ON pii.user_contact TO ROLE seoul_team;
ATTACH RLS POLICY region_busan ON pii.user_contact TO ROLE busan_team;
ALTER TABLE pii.user_contact ROW LEVEL SECURITY ON;`;
    // The student types it in their editor: it lands in STL_QUERY, which is what the grader replays.
    const session = await warehouse.session();
    const outcomes = await session.execute(hardCoded);
    await session.close();
    expect(outcomes.every((o) => o.ok)).toBe(true);

    const grade = await gradeStep(env, lab, 'rls-per-region', { variant: variant.factory });
    expect(grade.checks.every((c) => c.passed)).toBe(true);
    expect(grade.passed).toBe(false);
    expect(grade.variant?.filter((c) => !c.passed).map((c) => c.id)).toEqual(['sam-sees-seoul', 'dana-sees-busan']);
    expect(grade.message.en).toContain('wrong on a second data set you have not seen');
  }, 300_000);

  it('the reference answer, submitted, passes on both data sets', async () => {
    await startStep(env, lab, 'rls-per-region');
    const solution = lab.steps[3]!.solution.map((a) => ('sql' in a ? a.sql : '')).join('\n');
    await runSql(env, solution);
    const grade = await gradeStep(env, lab, 'rls-per-region', { variant: variant.factory, submittedSql: solution });
    expect(grade.variant?.length).toBe(2);
    expect(grade.passed).toBe(true);
    expect(grade.message.en).toBe('Passed: every check holds.');
  }, 300_000);

  it('serves the app: list, get, hints, solution, check and reset with progress', async () => {
    const labs = createLabsProvider(warehouse);
    const list = await labs['labs.list']({});
    expect(list.map((l) => l.id)).toEqual(['rbac-security', 'backup-restore', 'spectrum', 'redshift-ml-churn', 'operations']);
    const view = await labs['labs.get']({ labId: 'rbac-security' });
    expect(view.steps).toHaveLength(4);
    expect(view.steps[0]!.instructions.ko).toContain('역할');
    const hint = await labs['labs.hint']({ labId: 'rbac-security', stepId: 'pii-role', level: 99 });
    expect(hint.last).toBe(true);
    expect((await labs['labs.solution']({ labId: 'rbac-security', stepId: 'pii-role' })).sql).toContain('GRANT ROLE pii_users TO carol;');

    await labs['labs.reset']({ labId: 'rbac-security', stepId: 'rls-per-region' });
    const before = await labs['labs.check']({ labId: 'rbac-security', stepId: 'rls-per-region', sql: '' });
    expect(before.passed).toBe(false);
    expect(before.message.ko).toContain('아직입니다');
    await runSql(env, lab.steps[3]!.solution.map((a) => ('sql' in a ? a.sql : '')).join('\n'));
    const after = await labs['labs.check']({ labId: 'rbac-security', stepId: 'rls-per-region', sql: '' });
    expect(after.passed).toBe(true);
    expect(after.message.ko).toBe('통과했습니다! 모든 검사를 만족합니다.\n(숨겨진 데이터 변형 검사는 이 환경에서 실행되지 않았습니다.)');
    expect(after.message.en).toBe('Passed: every check holds.\n(The hidden-variant check was not run in this environment.)');
    expect((await labs['labs.list']({})).find((l) => l.id === 'rbac-security')?.completedSteps).toBe(1);
  }, 300_000);
});
