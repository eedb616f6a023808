import { runCheck } from './checks/run-check';
import { text, type CheckResult } from './checks/result';
import type { LabEnvironment } from './environment';
import { markStepCompleted, recordedStatements } from './progress';
import { findStep } from './steps';
import type { Lab, LocalizedText } from './types';
import { gradeOnVariant, variantChecks, type VariantFactory } from './variant';

export interface StepGrade {
  labId: string;
  stepId: string;
  passed: boolean;
  checks: CheckResult[];
  /** Results of the hidden-variant run, when one was made. */
  variant?: CheckResult[];
  /** Why there was no variant run although the step has variant checks. */
  variantSkipped?: LocalizedText;
  message: LocalizedText;
}

export interface GradeOptions {
  /** The SQL the student submitted for the step; default: their statements recorded in STL_QUERY. */
  submittedSql?: string;
  /** Builds a hidden-variant workspace; without it, variant checks run only on the student's data. */
  variant?: VariantFactory;
  /** Record the outcome in the workspace's lab progress (default true). */
  record?: boolean;
}

/** Grades a step on the student's workspace (and, when it passes there, on the hidden variant). */
export async function gradeStep(env: LabEnvironment, lab: Lab, stepId: string, options: GradeOptions = {}): Promise<StepGrade> {
  const { step } = findStep(lab, stepId);
  const checks: CheckResult[] = [];
  for (const check of step.checks) checks.push(await runCheck(env, check));
  let passed = checks.every((c) => c.passed);
  const grade: StepGrade = { labId: lab.id, stepId, passed, checks, message: text('', '') };
  if (passed && variantChecks(step).length > 0) {
    if (options.variant) {
      const sql = options.submittedSql ?? (await recordedStatements(env, lab.id, stepId)).join(';\n');
      const variantEnv = await options.variant();
      grade.variant = await gradeOnVariant(variantEnv, lab, step, sql);
      passed = grade.variant.every((c) => c.passed);
    } else {
      grade.variantSkipped = text('숨겨진 데이터 변형 검사는 이 환경에서 실행되지 않았습니다.', 'The hidden-variant check was not run in this environment.');
    }
  }
  grade.passed = passed;
  grade.message = feedbackMessage(grade);
  if (options.record ?? true) await markStepCompleted(env, lab.id, stepId, passed);
  return grade;
}

/** One readable message (Markdown list) per language: what passed, what differs, the author's advice. */
export function feedbackMessage(grade: Pick<StepGrade, 'passed' | 'checks' | 'variant' | 'variantSkipped'>): LocalizedText {
  const lines = { ko: [] as string[], en: [] as string[] };
  const failed = [...grade.checks, ...(grade.variant ?? [])].filter((c) => !c.passed);
  if (grade.passed) {
    lines.ko.push('통과했습니다! 모든 검사를 만족합니다.');
    lines.en.push('Passed: every check holds.');
  } else {
    lines.ko.push(`아직입니다: ${failed.length}개 검사가 실패했습니다.`);
    lines.en.push(`Not yet: ${failed.length} ${failed.length === 1 ? 'check' : 'checks'} failed.`);
  }
  for (const result of failed) {
    for (const lang of ['ko', 'en'] as const) {
      lines[lang].push(`- ${result.description?.[lang] ?? result.id ?? ''}`);
      for (const d of result.details) lines[lang].push(`  - ${d[lang]}`);
      if (result.feedback) lines[lang].push(`  - 💡 ${result.feedback[lang]}`);
    }
  }
  if (grade.variantSkipped) {
    lines.ko.push(`(${grade.variantSkipped.ko})`);
    lines.en.push(`(${grade.variantSkipped.en})`);
  }
  return { ko: lines.ko.join('\n'), en: lines.en.join('\n') };
}
