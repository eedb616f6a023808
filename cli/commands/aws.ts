import { readFile, readdir, writeFile, mkdir } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { defaultWorkspaceDir, openFolderWorkspace } from '../../engine/node';
import { runConsoleCommand } from '../../engine/console/run-console-command';
import type { ConsoleIo } from '../../engine/console/console-command';
import { withLabFiles } from '../../engine/console/lab-files-io';
import { EXIT, type CliCommand } from './command';

/** Pulls `--workspace DIR` out of the arguments (every console command takes it). */
export function takeWorkspace(args: string[]): { workspace: string; rest: string[] } {
  const rest = [...args];
  const i = rest.indexOf('--workspace');
  let workspace = defaultWorkspaceDir();
  if (i !== -1) {
    workspace = rest[i + 1] ?? workspace;
    rest.splice(i, 2);
  }
  return { workspace, rest };
}

export const nodeConsoleIo: ConsoleIo = {
  readLocalFile: async (path) => new Uint8Array(await readFile(path)),
  listLocalFiles: async (folder) => {
    const entries = await readdir(folder, { recursive: true, withFileTypes: true });
    return entries.filter((e) => e.isFile()).map((e) => relative(folder, join(e.parentPath, e.name)).split(sep).join('/')).sort();
  },
  writeLocalFile: async (path, data) => {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, data);
  },
  progress: (message) => process.stderr.write(`${message}\n`),
};

/** A CLI command that forwards to a console service (`aws`, `clock`). */
export function consoleCommand(name: string, summary: string, usage: string, prefix: string[] = []): CliCommand {
  return {
    name,
    summary,
    usage,
    async run(args, io) {
      const { workspace, rest } = takeWorkspace(args);
      const warehouse = await openFolderWorkspace(workspace);
      try {
        const out = await runConsoleCommand(warehouse, [...prefix, ...rest], withLabFiles(warehouse.store, nodeConsoleIo));
        if (out.stdout) io.stdout(out.stdout);
        if (out.stderr) io.stderr(out.stderr);
        return out.exitCode === 0 ? EXIT.ok : out.exitCode === 252 ? EXIT.usage : EXIT.failed;
      } finally {
        await warehouse.close();
      }
    },
  };
}

export const awsCommand = consoleCommand('aws', 'AWS-CLI-shaped console commands (s3, iam, redshift, redshift-serverless)', 'warehouse-lab aws <service> <operation> [options] [--workspace DIR]');
