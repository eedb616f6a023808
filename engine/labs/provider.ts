import type { CheckOutcome, LabStepView, LabSummary, LabView } from '../host/contract';
import type { LabsProvider } from '../host/labs-provider';
import type { EmbeddedWarehouse } from '../warehouse/embedded-warehouse';
import { labEnvironment } from './environment';
import { gradeStep } from './grader';
import { readProgress, resetLabProgress } from './progress';
import { findStep, solutionText, startStep } from './steps';
import type { Lab, LabBundle } from './types';
import type { VariantFactory } from './variant';

export interface LabsProviderOptions {
  /** Hidden-variant workspaces (optional: in the browser a second database costs seconds and memory). */
  variant?: VariantFactory;
}

/** Serves the app's lab channels (engine/host/contract.ts) from a lab bundle for one warehouse. */
export function labsProvider(warehouse: EmbeddedWarehouse, bundle: LabBundle, options: LabsProviderOptions = {}): LabsProvider {
  const env = labEnvironment(warehouse);
  const labs = [...bundle.labs].sort((a, b) => a.order - b.order);
  const labById = (id: string): Lab => {
    const lab = labs.find((l) => l.id === id);
    if (!lab) throw new Error(`no lab "${id}"`);
    return lab;
  };
  const completedOf = async (labId: string) => new Set((await readProgress(env)).labs[labId]?.completed ?? []);

  return {
    async 'labs.list'() {
      const out: LabSummary[] = [];
      for (const lab of labs) {
        const done = await completedOf(lab.id);
        out.push({ id: lab.id, title: lab.title, stepCount: lab.steps.length, completedSteps: lab.steps.filter((s) => done.has(s.id)).length });
      }
      return out;
    },
    async 'labs.get'({ labId }) {
      const lab = labById(labId);
      const done = await completedOf(labId);
      const steps: LabStepView[] = lab.steps.map((s) => ({
        id: s.id,
        title: s.title,
        instructions: s.instructions,
        starterSql: s.starterSql,
        ...(s.user ? { user: s.user } : {}),
        hintCount: s.hints.length,
        completed: done.has(s.id),
      }));
      return { id: lab.id, title: lab.title, steps } satisfies LabView;
    },
    async 'labs.hint'({ labId, stepId, level }) {
      const { step } = findStep(labById(labId), stepId);
      const i = Math.min(Math.max(level, 0), step.hints.length - 1);
      return { hint: step.hints[i]!, last: i === step.hints.length - 1 };
    },
    async 'labs.solution'({ labId, stepId }) {
      return { sql: solutionText(findStep(labById(labId), stepId).step.solution) };
    },
    async 'labs.check'({ labId, stepId, sql }) {
      const grade = await gradeStep(env, labById(labId), stepId, { ...(sql.trim() ? { submittedSql: sql } : {}), ...(options.variant ? { variant: options.variant } : {}) });
      return { passed: grade.passed, message: grade.message } satisfies CheckOutcome;
    },
    async 'labs.reset'({ labId, stepId }) {
      const lab = labById(labId);
      if (!stepId) await resetLabProgress(env, labId);
      await startStep(env, lab, stepId ?? lab.steps[0]!.id);
      return { reset: true };
    },
  };
}
