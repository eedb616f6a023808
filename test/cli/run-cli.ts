import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../bin/warehouse-lab.mjs', import.meta.url));

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the real `warehouse-lab` command, as graders and instructors do. */
export function runCli(args: string[], stdin?: string, options: { mergeStderr?: boolean } = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    // Merged as a terminal shows them (`2>&1`): stdout then holds both streams in the order written.
    const child = options.mergeStderr
      ? spawn('sh', ['-c', '"$0" "$@" 2>&1', process.execPath, BIN, ...args], { stdio: ['pipe', 'pipe', 'pipe'] })
      : spawn(process.execPath, [BIN, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    if (stdin !== undefined) child.stdin.end(stdin);
    else child.stdin.end();
  });
}

/** `sql --format json` on a workspace, parsed. */
export async function sqlJson(workspace: string, sql: string, extra: string[] = []): Promise<{ code: number; results: any[]; stderr: string }> {
  const run = await runCli(['sql', '--workspace', workspace, '--format', 'json', ...extra, '-c', sql]);
  return { code: run.code, results: run.stdout ? JSON.parse(run.stdout) : [], stderr: run.stderr };
}
