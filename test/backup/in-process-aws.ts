import type { EmbeddedWarehouse } from '../../engine';
import { runConsoleCommand, splitCommandLine } from '../../engine/console/run-console-command';

export interface AwsOutcome {
  exitCode: number;
  /** The command's JSON output, read field by field in tests. */
  json: any;
  stderr: string;
}

/** Runs `aws …` console commands against a workspace in this process (no CLI start-up). */
export function inProcessAws(warehouse: () => EmbeddedWarehouse): (line: string) => Promise<AwsOutcome> {
  const io = { readLocalFile: async () => new Uint8Array() };
  return async (line) => {
    const out = await runConsoleCommand(warehouse(), splitCommandLine(line), io);
    return { exitCode: out.exitCode, json: out.stdout ? JSON.parse(out.stdout) : undefined, stderr: out.stderr };
  };
}
