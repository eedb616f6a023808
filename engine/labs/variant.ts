import { ADMIN_USER } from '../api/types';
import { runCheck } from './checks/run-check';
import { text, type CheckResult } from './checks/result';
import { runSql, type LabEnvironment } from './environment';
import { startStep } from './steps';
import type { Lab, Step } from './types';

/**
 * Hidden-variant grading. The course data generator takes a seed; the student practises on seed 1.
 * A variant workspace holds the seed-2 data. To grade a step there we put it in the step's starting
 * state (lab setup + earlier reference solutions + step setup), replay the student's SQL for the step
 * (what they submitted, or their statements recorded in STL_QUERY) and run the step's checks marked
 * `variant: true`. Expected rows come from reference queries run on the variant, so an answer that
 * hard-codes the practice data's numbers fails there.
 */
export type VariantFactory = () => Promise<LabEnvironment>;

export const VARIANT_SEED = 2;

export function variantChecks(step: Step) {
  return step.checks.filter((c) => c.variant);
}

export async function gradeOnVariant(variant: LabEnvironment, lab: Lab, step: Step, studentSql: string): Promise<CheckResult[]> {
  await startStep(variant, lab, step.id);
  if (studentSql.trim()) await runSql(variant, studentSql, step.user ?? ADMIN_USER, true);
  const results: CheckResult[] = [];
  for (const check of variantChecks(step)) {
    const r = await runCheck(variant, check);
    results.push(
      r.passed
        ? r
        : {
            ...r,
            details: [
              text(
                '실습 데이터에서는 맞지만, 학생이 보지 못한 두 번째 데이터 세트에서는 결과가 다릅니다. 값을 직접 적지 말고 쿼리로 계산하세요.',
                'Right on the practice data, but wrong on a second data set you have not seen: compute the answer with SQL instead of writing the values in.',
              ),
              ...r.details,
            ],
          },
    );
  }
  return results;
}
