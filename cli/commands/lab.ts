import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  feedbackMessage,
  findStep,
  gradeStep,
  labEnvironment,
  solutionText,
  startStep,
  verifyLab,
  type Lab,
  type LabVerifyReport,
  type StepGrade,
} from '../../engine/labs';
import { loadLabsDir, toBundle } from '../../engine/labs/node/load-labs';
import { nodeVariantFactory } from '../../engine/labs/node/variant-workspace';
import { defaultWorkspaceDir, openFolderWorkspace, openTempWorkspace, packageRoot } from '../../engine/node';
import { nodeConsoleIo } from './aws';
import { EXIT, UsageError, type CliCommand, type CliIo } from './command';

const USAGE = `warehouse-lab lab list [--format json]
       warehouse-lab lab validate
       warehouse-lab lab bundle                      (writes labs/bundle.json for the app)
       warehouse-lab lab verify [ID…] [--format json] [--no-variant]
       warehouse-lab lab start ID --step N [--workspace DIR]
       warehouse-lab lab check ID --step N [--workspace DIR] [--sql FILE] [--format json] [--no-variant] [--lang ko|en]
       warehouse-lab lab hint ID --step N [--level K]
       warehouse-lab lab solution ID --step N`;

export function labsDir(): string {
  return process.env.WAREHOUSE_LAB_LABS ?? join(packageRoot(), 'labs');
}

async function loadLabs(io: CliIo): Promise<Lab[]> {
  const loaded = await loadLabsDir(labsDir());
  for (const p of loaded.problems) io.stderr(`${p.file}: ${p.path}: ${p.problem}\n`);
  return loaded.labs.map((l) => l.lab);
}

function pickLab(labs: Lab[], id: string | undefined): Lab {
  if (!id) throw new UsageError('give a lab id (see `warehouse-lab lab list`)');
  const lab = labs.find((l) => l.id === id || String(l.order) === id);
  if (!lab) throw new UsageError(`no lab "${id}"; labs: ${labs.map((l) => l.id).join(', ')}`);
  return lab;
}

/** `--step` is a 1-based number or a step id. */
function pickStep(lab: Lab, step: string | undefined): string {
  if (!step) throw new UsageError('give --step N (1-based) or a step id');
  const byNumber = /^\d+$/.test(step) ? lab.steps[Number(step) - 1] : undefined;
  const found = byNumber ?? lab.steps.find((s) => s.id === step);
  if (!found) throw new UsageError(`lab ${lab.id} has steps 1–${lab.steps.length} (${lab.steps.map((s) => s.id).join(', ')})`);
  return found.id;
}

const OPTIONS = {
  format: { type: 'string', default: 'text' },
  workspace: { type: 'string' },
  step: { type: 'string' },
  level: { type: 'string', default: '1' },
  sql: { type: 'string' },
  lang: { type: 'string', default: 'ko' },
  'no-variant': { type: 'boolean', default: false },
} as const;

export const labCommand: CliCommand = {
  name: 'lab',
  summary: 'guided labs: list, start a step, check a step, verify the lab content',
  usage: USAGE,
  async run(args, io) {
    const { values, positionals } = parseArgs({ args, options: OPTIONS, allowPositionals: true });
    const [sub, ...ids] = positionals;
    const json = values.format === 'json';
    const lang = values.lang === 'en' ? 'en' : 'ko';
    switch (sub) {
      case 'list': {
        const labs = await loadLabs(io);
        if (json) io.stdout(JSON.stringify(labs.map((l) => ({ id: l.id, title: l.title, steps: l.steps.length })), null, 2) + '\n');
        else for (const l of labs) io.stdout(`${l.order}. ${l.id}  ${l.title[lang]}  (${l.steps.length} steps, ~${l.estimatedMinutes} min)\n`);
        return EXIT.ok;
      }
      case 'validate': {
        const loaded = await loadLabsDir(labsDir());
        for (const p of loaded.problems) io.stdout(`${p.file}: ${p.path}: ${p.problem}\n`);
        if (loaded.problems.length === 0) io.stdout(`${loaded.labs.length} labs valid\n`);
        return loaded.problems.length ? EXIT.failed : EXIT.ok;
      }
      case 'bundle': {
        const loaded = await loadLabsDir(labsDir());
        for (const p of loaded.problems) io.stderr(`${p.file}: ${p.path}: ${p.problem}\n`);
        if (loaded.problems.length) return EXIT.failed;
        const file = join(labsDir(), 'bundle.json');
        await writeFile(file, JSON.stringify(toBundle(loaded), null, 1) + '\n');
        io.stdout(`wrote ${file} (${loaded.labs.length} labs)\n`);
        return EXIT.ok;
      }
      case 'verify':
        return verify(await loadLabs(io), ids, { json, variant: !values['no-variant'] }, io);
      case 'start': {
        const lab = pickLab(await loadLabs(io), ids[0]);
        const stepId = pickStep(lab, values.step);
        const warehouse = await openFolderWorkspace(values.workspace ?? defaultWorkspaceDir());
        try {
          await startStep(labEnvironment(warehouse, { io: nodeConsoleIo }), lab, stepId);
        } finally {
          await warehouse.close();
        }
        const { step } = findStep(lab, stepId);
        io.stdout(`${lab.id} / ${step.id}: ${step.title[lang]}\n\n${step.instructions[lang]}\n`);
        return EXIT.ok;
      }
      case 'check':
        return check(pickLab(await loadLabs(io), ids[0]), values, { json, lang }, io);
      case 'hint': {
        const lab = pickLab(await loadLabs(io), ids[0]);
        const { step } = findStep(lab, pickStep(lab, values.step));
        const level = Math.min(Math.max(Number(values.level) || 1, 1), step.hints.length);
        io.stdout(`hint ${level}/${step.hints.length}: ${step.hints[level - 1]![lang]}\n`);
        return EXIT.ok;
      }
      case 'solution': {
        const lab = pickLab(await loadLabs(io), ids[0]);
        io.stdout(solutionText(findStep(lab, pickStep(lab, values.step)).step.solution) + '\n');
        return EXIT.ok;
      }
      default:
        throw new UsageError(`unknown lab command "${sub ?? ''}"\n${USAGE}`);
    }
  },
};

async function check(lab: Lab, values: { workspace?: string; step?: string; sql?: string; 'no-variant'?: boolean }, out: { json: boolean; lang: 'ko' | 'en' }, io: CliIo): Promise<number> {
  const stepId = pickStep(lab, values.step);
  const submittedSql = values.sql ? await readFile(values.sql, 'utf8') : undefined;
  const warehouse = await openFolderWorkspace(values.workspace ?? defaultWorkspaceDir(), { create: false });
  const variant = values['no-variant'] ? undefined : nodeVariantFactory();
  let grade: StepGrade;
  try {
    grade = await gradeStep(labEnvironment(warehouse, { io: nodeConsoleIo }), lab, stepId, {
      ...(submittedSql !== undefined ? { submittedSql } : {}),
      ...(variant ? { variant: variant.factory } : {}),
    });
  } finally {
    await warehouse.close();
    await variant?.close();
  }
  if (out.json) io.stdout(JSON.stringify(grade, null, 2) + '\n');
  else io.stdout(feedbackMessage(grade)[out.lang] + '\n');
  return grade.passed ? EXIT.ok : EXIT.failed;
}

async function verify(labs: Lab[], ids: string[], options: { json: boolean; variant: boolean }, io: CliIo): Promise<number> {
  const chosen = ids.length ? ids.map((id) => pickLab(labs, id)) : labs;
  const reports: LabVerifyReport[] = [];
  const variant = options.variant ? nodeVariantFactory() : undefined;
  try {
    for (const lab of chosen) {
      const warehouse = await openTempWorkspace();
      try {
        const report = await verifyLab(labEnvironment(warehouse), lab, variant ? { variant: variant.factory } : {});
        reports.push(report);
        if (!options.json) io.stdout(formatReport(report));
      } finally {
        await warehouse.close();
      }
    }
  } finally {
    await variant?.close();
  }
  if (options.json) io.stdout(JSON.stringify(reports, null, 2) + '\n');
  return reports.every((r) => r.passed) ? EXIT.ok : EXIT.failed;
}

export function formatReport(report: LabVerifyReport): string {
  const lines = [`${report.passed ? 'PASS' : 'FAIL'} ${report.labId} (${(report.elapsedMs / 1000).toFixed(1)} s)`];
  if (report.setupProblem) lines.push(`  ${report.setupProblem}`);
  for (const step of report.steps) {
    lines.push(`  ${step.passed ? 'ok  ' : 'FAIL'} ${step.stepId}: ${step.checks} checks, ${step.wrongAnswersFailed} wrong answers rejected`);
    for (const p of step.problems) lines.push(`       - ${p}`);
  }
  if (!report.passed && report.requires.length) lines.push(`  (depends on: ${report.requires.join(', ')})`);
  return lines.join('\n') + '\n';
}
