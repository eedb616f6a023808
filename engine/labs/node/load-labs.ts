import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { Lab, LabBundle } from '../types';
import { validateLab, validateLabSet, type LabProblem } from '../validate';

export interface LoadedLabs {
  labs: Array<{ lab: Lab; folder: string }>;
  problems: LabProblem[];
}

async function readText(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * Reads every lab folder under `labsDir` (a folder with a lab.json), fills each step's instructions
 * from `steps/<id>.ko.md` / `.en.md` when lab.json does not inline them, and validates.
 */
export async function loadLabsDir(labsDir: string, root = labsDir): Promise<LoadedLabs> {
  const entries = (await readdir(labsDir, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name).sort();
  const loaded: LoadedLabs = { labs: [], problems: [] };
  for (const name of entries) {
    const dir = join(labsDir, name);
    const file = join(dir, 'lab.json');
    if (!(await stat(file).catch(() => undefined))) continue;
    const folder = relative(root, dir) || name;
    let raw: unknown;
    try {
      raw = JSON.parse((await readText(file))!);
    } catch (e) {
      loaded.problems.push({ file: `${folder}/lab.json`, path: '/', problem: `not valid JSON: ${(e as Error).message}` });
      continue;
    }
    await fillInstructions(raw, dir);
    const problems = validateLab(raw, folder);
    loaded.problems.push(...problems);
    if (problems.length === 0) loaded.labs.push({ lab: raw as Lab, folder });
  }
  loaded.problems.push(...validateLabSet(loaded.labs));
  loaded.labs.sort((a, b) => a.lab.order - b.lab.order);
  return loaded;
}

async function fillInstructions(raw: unknown, dir: string): Promise<void> {
  const steps = (raw as { steps?: unknown }).steps;
  if (!Array.isArray(steps)) return;
  for (const step of steps as Array<Record<string, unknown>>) {
    if (step === null || typeof step !== 'object' || typeof step['id'] !== 'string' || step['instructions'] !== undefined) continue;
    const instructions: Record<string, string> = {};
    for (const lang of ['ko', 'en']) {
      const text = await readText(join(dir, 'steps', `${step['id']}.${lang}.md`));
      if (text !== undefined) instructions[lang] = text;
    }
    step['instructions'] = instructions;
  }
}

/** The bundle the app loads (labs/bundle.json). */
export function toBundle(loaded: LoadedLabs): LabBundle {
  return { format: 1, labs: loaded.labs.map((l) => l.lab) };
}
