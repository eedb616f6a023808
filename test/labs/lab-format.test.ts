import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkAgainstSchema, validateLab, type Lab } from '../../engine/labs';
import { loadLabsDir, toBundle } from '../../engine/labs/node/load-labs';
import schema from '../../labs/schema/lab.schema.json';
import { LABS_DIR } from './helpers';

async function firstLab(): Promise<{ lab: Lab; folder: string }> {
  const loaded = await loadLabsDir(LABS_DIR);
  return structuredClone(loaded.labs[0]!);
}

describe('lab content', () => {
  it('has five valid labs, ordered, each step with ko and en instructions, hints, solution and checks', async () => {
    const loaded = await loadLabsDir(LABS_DIR);
    expect(loaded.problems).toEqual([]);
    expect(loaded.labs.map((l) => l.lab.id)).toEqual(['rbac-security', 'backup-restore', 'spectrum', 'redshift-ml-churn', 'operations']);
    for (const { lab } of loaded.labs) {
      for (const step of lab.steps) {
        expect(step.instructions.ko.length, `${lab.id}/${step.id} ko`).toBeGreaterThan(100);
        expect(step.instructions.en.length, `${lab.id}/${step.id} en`).toBeGreaterThan(100);
        expect(step.hints.length).toBeGreaterThanOrEqual(2);
      }
    }
  });

  it('labs/bundle.json is up to date with the lab folders (run `warehouse-lab lab bundle`)', async () => {
    const loaded = await loadLabsDir(LABS_DIR);
    const bundle = JSON.parse(await readFile(join(LABS_DIR, 'bundle.json'), 'utf8'));
    expect(bundle).toEqual(JSON.parse(JSON.stringify(toBundle(loaded))));
  });
});

describe('lab validation', () => {
  it('reports a missing Korean text with the Markdown file to write', async () => {
    const { lab, folder } = await firstLab();
    (lab.steps[1]!.instructions as { ko?: string }).ko = undefined;
    delete (lab.steps[1]!.instructions as { ko?: string }).ko;
    const problems = validateLab(lab, folder);
    expect(problems).toContainEqual({ file: `${folder}/steps/${lab.steps[1]!.id}.ko.md`, path: '/steps/1/instructions/ko', problem: 'missing text (write the Markdown file)' });
  });

  it('reports an empty English hint', async () => {
    const { lab, folder } = await firstLab();
    lab.steps[0]!.hints[1]!.en = '';
    expect(validateLab(lab, folder)).toContainEqual({ file: `${folder}/lab.json`, path: '/steps/0/hints/1/en', problem: 'must not be empty' });
  });

  it('reports an unknown check kind, also inside all/any/not', async () => {
    const { lab, folder } = await firstLab();
    (lab.steps[0]!.checks[2] as unknown as { kind: string }).kind = 'rowcount';
    const nested = lab.steps[0]!.checks[0] as unknown as { checks: Array<{ kind: string }> };
    nested.checks[1]!.kind = 'sqlExact';
    const problems = validateLab(lab, folder);
    expect(problems.map((p) => `${p.path}: ${p.problem}`)).toEqual([
      expect.stringMatching(/^\/steps\/0\/checks\/0\/checks\/1\/kind: unknown check kind "sqlExact" \(expected one of "query", "error", "privilege"/),
      expect.stringMatching(/^\/steps\/0\/checks\/2\/kind: unknown check kind "rowcount"/),
    ]);
  });

  it('reports a step without a check', async () => {
    const { lab, folder } = await firstLab();
    lab.steps[2]!.checks = [];
    expect(validateLab(lab, folder)).toContainEqual({ file: `${folder}/lab.json`, path: '/steps/2/checks', problem: 'must not be empty' });
  });

  it('reports mistakes naming a check that does not exist, duplicate ids and a catalog condition without its parameter', async () => {
    const { lab, folder } = await firstLab();
    lab.steps[0]!.mistakes[0]!.fails = ['bob-reads-everything'];
    lab.steps[1]!.id = lab.steps[0]!.id;
    const check = lab.steps[3]!.checks[3] as unknown as Record<string, unknown>;
    delete check['table'];
    const problems = validateLab(lab, folder).map((p) => `${p.path}: ${p.problem}`);
    expect(problems).toEqual(
      expect.arrayContaining([
        '/steps/0/mistakes/0/fails/0: no check "bob-reads-everything" in this step',
        `/steps/1/id: duplicate step id "${lab.steps[0]!.id}"`,
        '/steps/3/checks/3/table: missing (condition rlsOn needs it)',
      ]),
    );
  });

  it('reports unknown properties and wrong types with their path', () => {
    const problems = checkAgainstSchema({ id: 'Bad Id', order: 'one', extra: true }, schema as Record<string, unknown>);
    expect(problems).toEqual(
      expect.arrayContaining([
        { path: '/id', problem: '"Bad Id" does not match ^[a-z0-9][a-z0-9-]*$' },
        { path: '/order', problem: 'expected integer, found string' },
        { path: '/extra', problem: 'unknown property' },
        { path: '/steps', problem: 'missing' },
      ]),
    );
  });
});
