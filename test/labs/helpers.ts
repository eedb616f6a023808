import { join } from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import { feedbackMessage, labEnvironment, verifyLab, type Lab, type LabVerifyReport, type WrongAnswerOutcome } from '../../engine/labs';
import { loadLabsDir } from '../../engine/labs/node/load-labs';
import { nodeVariantFactory } from '../../engine/labs/node/variant-workspace';
import { openTempWorkspace, packageRoot } from '../../engine/node';

export const LABS_DIR = join(packageRoot(), 'labs');

export async function loadLab(id: string): Promise<Lab> {
  const loaded = await loadLabsDir(LABS_DIR);
  const lab = loaded.labs.find((l) => l.lab.id === id)?.lab;
  if (!lab) throw new Error(`lab ${id} not found (problems: ${JSON.stringify(loaded.problems)})`);
  return lab;
}

export interface VerifiedLab {
  report: LabVerifyReport;
  wrongAnswers: WrongAnswerOutcome[];
  /** The feedback (en) a student gets in a wrong-answer state. */
  feedback(stepId: string, mistakeId: string): string;
  /** Same in Korean. */
  feedbackKo(stepId: string, mistakeId: string): string;
}

/** Runs `lab verify` for one lab on a fresh workspace (once per test file), keeping every wrong answer's results. */
export function verifyOnce(labId: string, options: { variant?: boolean } = {}): { get: () => VerifiedLab } {
  let verified: VerifiedLab | undefined;
  const variant = options.variant ? nodeVariantFactory() : undefined;
  beforeAll(async () => {
    const lab = await loadLab(labId);
    const warehouse = await openTempWorkspace();
    const wrongAnswers: WrongAnswerOutcome[] = [];
    try {
      const report = await verifyLab(labEnvironment(warehouse), lab, {
        ...(variant ? { variant: variant.factory } : {}),
        onWrongAnswer: (o) => wrongAnswers.push(o),
      });
      const message = (stepId: string, mistakeId: string) => {
        const outcome = wrongAnswers.find((w) => w.stepId === stepId && w.mistakeId === mistakeId);
        if (!outcome) throw new Error(`no wrong answer ${stepId}/${mistakeId}`);
        return feedbackMessage({ passed: outcome.results.every((r) => r.passed), checks: outcome.results });
      };
      verified = {
        report,
        wrongAnswers,
        feedback: (s, m) => message(s, m).en,
        feedbackKo: (s, m) => message(s, m).ko,
      };
    } finally {
      await warehouse.close();
    }
  }, 900_000);
  afterAll(async () => {
    await variant?.close();
  });
  return {
    get: () => {
      if (!verified) throw new Error('verify did not run');
      return verified;
    },
  };
}

/**
 * Steps whose capability another engineer has not finished yet: verify must report exactly this
 * problem (so the gap stays visible); when the capability lands the test fails and the entry goes.
 */
export function expectStepReport(report: LabVerifyReport, knownGaps: Record<string, RegExp> = {}): void {
  for (const step of report.steps) {
    const gap = knownGaps[step.stepId];
    if (gap) {
      expect(step.passed, `${step.stepId} was a known gap and now passes: remove it from the list`).toBe(false);
      expect(step.problems.join('\n')).toMatch(gap);
    } else {
      expect(step.problems, `${report.labId}/${step.stepId}`).toEqual([]);
      expect(step.passed).toBe(true);
    }
  }
}
