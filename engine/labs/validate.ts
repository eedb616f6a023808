import schema from '../../labs/schema/lab.schema.json';
import { checkAgainstSchema } from './json-schema';
import type { CatalogCondition, Check, Lab } from './types';

/** One thing wrong with a lab: which file, where in it, and what. */
export interface LabProblem {
  file: string;
  path: string;
  problem: string;
}

const CONDITION_FIELDS: Record<CatalogCondition['condition'], string[]> = {
  roleExists: ['role'],
  userInRole: ['user', 'role'],
  policyAttached: ['policy', 'table', 'grantee'],
  rlsOn: ['table'],
  tableExists: ['table'],
  externalTable: ['table', 'location'],
  tableRows: ['table'],
  snapshotExists: ['snapshot'],
  modelReady: ['model'],
};

/**
 * Validates one lab (as loaded: instructions already read from the step Markdown files) against
 * labs/schema/lab.schema.json and the rules a schema cannot say (unique ids, mistakes naming real
 * checks, the parameters of each catalog condition). `folder` is the lab's folder, for messages.
 */
export function validateLab(lab: unknown, folder: string): LabProblem[] {
  const problems: LabProblem[] = checkAgainstSchema(lab, schema as Record<string, unknown>).map((p) => ({
    file: fileFor(lab, folder, p.path),
    path: p.path,
    problem: p.problem === 'missing' && /\/instructions\/(ko|en)$/.test(p.path) ? 'missing text (write the Markdown file)' : p.problem,
  }));
  if (problems.length > 0) return problems;
  const typed = lab as Lab;
  const file = `${folder}/lab.json`;
  const add = (path: string, problem: string) => problems.push({ file, path, problem });
  const stepIds = new Set<string>();
  typed.steps.forEach((step, s) => {
    if (stepIds.has(step.id)) add(`/steps/${s}/id`, `duplicate step id "${step.id}"`);
    stepIds.add(step.id);
    const checkIds = new Set<string>();
    step.checks.forEach((check, c) => {
      if (!check.id) add(`/steps/${s}/checks/${c}`, 'a step-level check needs an id');
      else if (checkIds.has(check.id)) add(`/steps/${s}/checks/${c}/id`, `duplicate check id "${check.id}"`);
      else checkIds.add(check.id);
      visitChecks(check, `/steps/${s}/checks/${c}`, add);
    });
    const mistakeIds = new Set<string>();
    step.mistakes.forEach((mistake, m) => {
      if (mistakeIds.has(mistake.id)) add(`/steps/${s}/mistakes/${m}/id`, `duplicate mistake id "${mistake.id}"`);
      mistakeIds.add(mistake.id);
      mistake.fails.forEach((id, f) => {
        if (!checkIds.has(id)) add(`/steps/${s}/mistakes/${m}/fails/${f}`, `no check "${id}" in this step`);
      });
    });
  });
  return problems;
}

/** Problems across labs: duplicate ids or orders. */
export function validateLabSet(labs: Array<{ lab: Lab; folder: string }>): LabProblem[] {
  const problems: LabProblem[] = [];
  const ids = new Map<string, string>();
  const orders = new Map<number, string>();
  for (const { lab, folder } of labs) {
    const file = `${folder}/lab.json`;
    if (ids.has(lab.id)) problems.push({ file, path: '/id', problem: `lab id "${lab.id}" is also used by ${ids.get(lab.id)}` });
    if (orders.has(lab.order)) problems.push({ file, path: '/order', problem: `order ${lab.order} is also used by ${orders.get(lab.order)}` });
    ids.set(lab.id, file);
    orders.set(lab.order, file);
  }
  return problems;
}

function visitChecks(check: Check, path: string, add: (path: string, problem: string) => void): void {
  switch (check.kind) {
    case 'catalog':
      for (const field of CONDITION_FIELDS[check.condition]) {
        if ((check as unknown as Record<string, unknown>)[field] === undefined) add(`${path}/${field}`, `missing (condition ${check.condition} needs it)`);
      }
      if (check.condition === 'tableRows' && check.rows === undefined && check.rowsSql === undefined) add(path, 'tableRows needs rows or rowsSql');
      break;
    case 'query':
      if (check.expect.rows && check.expect.referenceSql) add(`${path}/expect`, 'give rows or referenceSql, not both');
      break;
    case 'error':
      if (!check.sqlstate && !check.message) add(path, 'an error check needs sqlstate or message');
      if (check.message) tryRegex(check.message, `${path}/message`, add);
      break;
    case 'console':
      if (check.matches) tryRegex(check.matches, `${path}/matches`, add);
      break;
    case 'all':
    case 'any':
      check.checks.forEach((c, i) => visitChecks(c, `${path}/checks/${i}`, add));
      break;
    case 'not':
      visitChecks(check.check, `${path}/check`, add);
      break;
  }
}

function tryRegex(pattern: string, path: string, add: (path: string, problem: string) => void): void {
  try {
    new RegExp(pattern, 'i');
  } catch (e) {
    add(path, `not a valid regular expression: ${(e as Error).message}`);
  }
}

function fileFor(lab: unknown, folder: string, path: string): string {
  const m = /^\/steps\/(\d+)\/instructions\/(ko|en)/.exec(path);
  if (m) {
    const step = (lab as { steps?: Array<{ id?: unknown }> }).steps?.[Number(m[1])];
    return `${folder}/steps/${typeof step?.id === 'string' ? step.id : m[1]}.${m[2]}.md`;
  }
  return `${folder}/lab.json`;
}
