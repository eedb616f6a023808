import { ADMIN_USER } from '../api/types';
import { runActions } from './actions';
import { runCheck } from './checks/run-check';
import type { CheckResult } from './checks/result';
import type { LabEnvironment } from './environment';
import { solutionSql } from './steps';
import type { Lab, Step } from './types';
import { gradeOnVariant, variantChecks, type VariantFactory } from './variant';

export interface StepVerifyReport {
  stepId: string;
  passed: boolean;
  /** Each defect in words: a failing reference solution, a check no wrong answer fails … */
  problems: string[];
  /** How many (check, wrong answer) pairs were confirmed to fail. */
  wrongAnswersFailed: number;
  checks: number;
}

/** A wrong answer verify tried (the starting state, or a listed mistake) and what the checks said. */
export interface WrongAnswerOutcome {
  stepId: string;
  /** The mistake's id, or `starting-state`. */
  mistakeId: string;
  results: CheckResult[];
}

export interface VerifyOptions {
  variant?: VariantFactory;
  /** Sees each wrong answer's check results (tests assert the feedback a student would get). */
  onWrongAnswer?: (outcome: WrongAnswerOutcome) => void;
}

export interface LabVerifyReport {
  labId: string;
  passed: boolean;
  /** Feature folders the lab relies on (to say what is unfinished when it fails). */
  requires: string[];
  setupProblem?: string;
  steps: StepVerifyReport[];
  elapsedMs: number;
}

/**
 * Proves a lab: on a fresh workspace, each step's reference solution passes every check, and each
 * check is failed by at least one wrong answer — the step's starting state (nothing done yet) or one
 * of its listed typical mistakes (each mistake must fail the checks it names). A check that no wrong
 * answer fails cannot tell a student anything and is reported as a defect. Steps run in order on one
 * workspace; a step's setup restores its starting state between the wrong answers.
 */
export async function verifyLab(env: LabEnvironment, lab: Lab, options: VerifyOptions = {}): Promise<LabVerifyReport> {
  const started = Date.now();
  const report: LabVerifyReport = { labId: lab.id, passed: false, requires: lab.requires, steps: [], elapsedMs: 0 };
  try {
    await runActions(env, lab.setup);
  } catch (e) {
    report.setupProblem = `lab setup failed: ${(e as Error).message}`;
    report.elapsedMs = Date.now() - started;
    return report;
  }
  for (const step of lab.steps) {
    const stepReport = await verifyStep(env, lab, step, options);
    report.steps.push(stepReport);
  }
  report.passed = report.steps.every((s) => s.passed);
  report.elapsedMs = Date.now() - started;
  return report;
}

async function checksNow(env: LabEnvironment, step: Step): Promise<Map<string, CheckResult>> {
  const results = new Map<string, CheckResult>();
  for (const check of step.checks) results.set(check.id!, await runCheck(env, check));
  return results;
}

async function verifyStep(env: LabEnvironment, lab: Lab, step: Step, options: VerifyOptions): Promise<StepVerifyReport> {
  const report: StepVerifyReport = { stepId: step.id, passed: false, problems: [], wrongAnswersFailed: 0, checks: step.checks.length };
  const user = step.user ?? ADMIN_USER;
  const failedBySomething = new Set<string>();
  const setup = async (): Promise<boolean> => {
    try {
      await runActions(env, step.setup, user);
      return true;
    } catch (e) {
      report.problems.push(`step setup failed: ${(e as Error).message}`);
      return false;
    }
  };

  if (!(await setup())) return report;
  const atStart = await checksNow(env, step);
  options.onWrongAnswer?.({ stepId: step.id, mistakeId: 'starting-state', results: [...atStart.values()] });
  for (const [id, r] of atStart) {
    if (!r.passed) {
      failedBySomething.add(id);
      report.wrongAnswersFailed++;
    }
  }

  for (const mistake of step.mistakes) {
    if (!(await setup())) return report;
    try {
      await runActions(env, mistake.actions, user);
    } catch (e) {
      report.problems.push(`mistake "${mistake.id}" could not be applied: ${(e as Error).message}`);
      continue;
    }
    const results = await checksNow(env, step);
    options.onWrongAnswer?.({ stepId: step.id, mistakeId: mistake.id, results: [...results.values()] });
    for (const id of mistake.fails) {
      if (results.get(id)?.passed === false) {
        failedBySomething.add(id);
        report.wrongAnswersFailed++;
      } else report.problems.push(`mistake "${mistake.id}" should fail check "${id}" but passes it`);
    }
  }

  if (!(await setup())) return report;
  try {
    await runActions(env, step.solution, user);
  } catch (e) {
    report.problems.push(`reference solution failed: ${(e as Error).message}`);
    return report;
  }
  for (const [id, r] of await checksNow(env, step)) {
    if (!r.passed) report.problems.push(`reference solution fails check "${id}": ${r.details.map((d) => d.en).join(' / ')}`);
  }
  for (const check of step.checks) {
    if (!failedBySomething.has(check.id!)) report.problems.push(`check "${check.id}" cannot fail: neither the starting state nor any listed mistake fails it`);
  }
  if (options.variant && variantChecks(step).length > 0) {
    const variant = await options.variant();
    for (const r of await gradeOnVariant(variant, lab, step, solutionSql(step.solution))) {
      if (!r.passed) report.problems.push(`reference solution fails variant check "${r.id}": ${r.details.map((d) => d.en).join(' / ')}`);
    }
  }
  report.passed = report.problems.length === 0;
  return report;
}

