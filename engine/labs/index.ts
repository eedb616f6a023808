/**
 * The guided labs runtime (pure TypeScript: Node and the app's Web Worker). Lab content is data
 * (labs/<folder>/lab.json + step Markdown), bundled into labs/bundle.json; see labs/README.md.
 */
export type { Action, Check, CheckKind, CatalogCondition, Lab, LabBundle, LocalizedText, Mistake, Step } from './types';
export { validateLab, validateLabSet, type LabProblem } from './validate';
export { checkAgainstSchema, type SchemaProblem } from './json-schema';
export { labEnvironment, runConsole, runSql, closeLabSessions, listLabFiles, readLabFile, type LabEnvironment } from './environment';
export { LAB_FILES_PREFIX } from '../console/lab-files-io';
export { runActions, LabActionError } from './actions';
export { runCheck } from './checks/run-check';
export type { CheckResult } from './checks/result';
export { startStep, findStep, solutionText, solutionSql } from './steps';
export { gradeStep, feedbackMessage, type StepGrade, type GradeOptions } from './grader';
export { gradeOnVariant, variantChecks, VARIANT_SEED, type VariantFactory } from './variant';
export { verifyLab, type LabVerifyReport, type StepVerifyReport, type VerifyOptions, type WrongAnswerOutcome } from './verify';
export { readProgress, recordedStatements, resetLabProgress } from './progress';
export { labsProvider, type LabsProviderOptions } from './provider';
