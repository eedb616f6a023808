/** A CLI command: parses its own arguments, returns the exit status. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Standard input as text, or undefined when it is a terminal. */
  readStdin: () => Promise<string | undefined>;
}

export interface CliCommand {
  name: string;
  summary: string;
  usage: string;
  run(args: string[], io: CliIo): Promise<number>;
}

export class UsageError extends Error {}

export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;
