import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const BIN = join(import.meta.dirname, '..', '..', 'bin', 'warehouse-lab.mjs');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI (`npm run build:cli`) against a workspace folder. */
export async function cli(args: string[]): Promise<CliResult> {
  try {
    const { stdout, stderr } = await run('node', [BIN, ...args], { maxBuffer: 64 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

export function workspaceCli(dir: string) {
  const aws = async (...args: string[]) => cli(['aws', '--workspace', dir, ...args]);
  const awsJson = async (...args: string[]) => {
    const r = await aws(...args);
    if (r.code !== 0) throw new Error(`aws ${args.join(' ')} failed (${r.code}): ${r.stderr}`);
    return JSON.parse(r.stdout) as Record<string, any>;
  };
  const sql = async (text: string) => {
    const r = await cli(['sql', '--workspace', dir, '--format', 'json', '-c', text]);
    return JSON.parse(r.stdout) as Array<Record<string, any>>;
  };
  const clock = async (...args: string[]) => JSON.parse((await cli(['clock', '--workspace', dir, ...args])).stdout) as Record<string, any>;
  return { aws, awsJson, sql, clock };
}

export async function tempDir(): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'wlab-backup-'));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}
