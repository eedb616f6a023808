import { readFile } from 'node:fs/promises';
import type { OutputFormat } from '../format/outcomes';
import { UsageError, type CliIo } from './command';

const FORMATS: OutputFormat[] = ['table', 'csv', 'json'];

/** The `--format` value, checked. */
export function outputFormat(value: string | undefined): OutputFormat {
  if (!FORMATS.includes(value as OutputFormat)) throw new UsageError(`unknown format "${value}" (use table, csv or json)`);
  return value as OutputFormat;
}

/** The SQL a command runs: `-c TEXT`, `-f FILE` or standard input (exactly one of them). */
export async function readSqlInput(values: { command?: string; file?: string }, io: CliIo, missing: string): Promise<string> {
  if (values.command !== undefined && values.file !== undefined) throw new UsageError('give either -c or -f, not both');
  let sql: string | undefined = values.command;
  if (values.file !== undefined) {
    try {
      sql = await readFile(values.file, 'utf8');
    } catch (e) {
      throw new UsageError(`cannot read ${values.file}: ${(e as Error).message}`);
    }
  }
  sql ??= await io.readStdin();
  if (sql === undefined) throw new UsageError(missing);
  return sql;
}
