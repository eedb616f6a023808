import type { EmbeddedWarehouse } from '../warehouse/embedded-warehouse';

/**
 * AWS-CLI-shaped console commands (`aws s3 cp …`, `aws redshift create-cluster-snapshot …`,
 * `clock advance 8h`). The same implementation serves the CLI and the app's console command line,
 * so a panel and a command can never disagree.
 */
export interface ConsoleIo {
  /** Reads a file on the user's machine (CLI: the file system; app: a file the user picked). */
  readLocalFile(path: string): Promise<Uint8Array>;
  /** Lists files under a local folder, for `--recursive` uploads (paths relative to it). */
  listLocalFiles?(folder: string): Promise<string[]>;
  writeLocalFile?(path: string, data: Uint8Array): Promise<void>;
  progress?(message: string): void;
}

export interface ConsoleOutput {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export interface ConsoleContext {
  warehouse: EmbeddedWarehouse;
  io: ConsoleIo;
  /** Parsed `--name value` options (flags without a value are `true`), in order of appearance. */
  options: Map<string, string | true>;
  /** Positional arguments after the operation name. */
  positionals: string[];
}

/** One operation, e.g. service `s3`, name `cp`; or service `redshift`, name `describe-clusters`. */
export interface ConsoleOperation {
  service: string;
  name: string;
  summary: string;
  run(context: ConsoleContext): Promise<ConsoleOutput>;
}

/** AWS's error shape: `An error occurred (Code) when calling the Op operation: message`, exit 254. */
export class AwsError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly operation = '',
  ) {
    super(message);
  }
}

export const ok = (value: unknown): ConsoleOutput => ({
  exitCode: 0,
  stdout: typeof value === 'string' ? value : JSON.stringify(value, null, 4) + '\n',
  stderr: '',
});
