import type { EmbeddedWarehouse } from '../warehouse/embedded-warehouse';
import { AwsError, type ConsoleIo, type ConsoleOutput } from './console-command';
import { consoleOperations } from './registry';

/** Splits a command line like a shell would (quotes, backslash escapes), for the app's console. */
export function splitCommandLine(line: string): string[] {
  const out: string[] = [];
  const re = /"((?:[^"\\]|\\.)*)"|'([^']*)'|((?:[^\s"'\\]|\\.)+)/g;
  let current = '';
  let last = -1;
  for (const m of line.matchAll(re)) {
    const piece = m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : m[2] !== undefined ? m[2] : m[3]!.replace(/\\(.)/g, '$1');
    if (last !== -1 && m.index === last) current += piece;
    else {
      if (last !== -1) out.push(current);
      current = piece;
    }
    last = m.index + m[0].length;
  }
  if (last !== -1) out.push(current);
  return out;
}

/** Parses `--name value` / `--flag` options and positionals. */
export function parseOptions(args: string[]): { options: Map<string, string | true>; positionals: string[] } {
  const options = new Map<string, string | true>();
  const positionals: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      if (eq !== -1) options.set(arg.slice(2, eq), arg.slice(eq + 1));
      else if (i + 1 < args.length && !args[i + 1]!.startsWith('--')) options.set(arg.slice(2), args[++i]!);
      else options.set(arg.slice(2), true);
    } else {
      positionals.push(arg);
    }
  }
  return { options, positionals };
}

/**
 * Runs `aws <service> <operation> …` (argv without the leading `aws`) or another console command
 * (`clock advance 8h`: service `clock`, operation `advance`).
 */
export async function runConsoleCommand(warehouse: EmbeddedWarehouse, argv: string[], io: ConsoleIo): Promise<ConsoleOutput> {
  const [service, name, ...rest] = argv;
  const operation = consoleOperations.find((op) => op.service === service && op.name === name);
  if (!operation) {
    const known = consoleOperations.filter((op) => op.service === service).map((op) => op.name);
    const hint = known.length ? `\nValid choices are: ${known.join(', ')}` : '';
    return { exitCode: 252, stdout: '', stderr: `aws: error: argument operation: Invalid choice: '${name ?? ''}'${hint}\n` };
  }
  const { options, positionals } = parseOptions(rest);
  try {
    return await operation.run({ warehouse, io, options, positionals });
  } catch (e) {
    if (e instanceof AwsError) {
      const op = e.operation || toPascal(operation.name);
      return { exitCode: 254, stdout: '', stderr: `\nAn error occurred (${e.code}) when calling the ${op} operation: ${e.message}\n` };
    }
    throw e;
  }
}

function toPascal(name: string): string {
  return name.replace(/(^|-)([a-z])/g, (_m, _d, c: string) => c.toUpperCase());
}
