import { AwsError, type ConsoleContext, type ConsoleOperation, type ConsoleOutput } from '../../console/console-command';
import { catchUp } from './catch-up';

/** A missing or malformed command-line argument: the AWS CLI's usage error, exit 252. */
export class ArgumentError extends Error {}

/**
 * Builds a console operation that first catches up on time-based work, and turns argument errors
 * into the AWS CLI's usage message.
 */
export function operation(service: string, name: string, summary: string, body: (context: ConsoleContext) => Promise<ConsoleOutput>): ConsoleOperation {
  return {
    service,
    name,
    summary,
    async run(context) {
      try {
        await catchUp(context.warehouse);
        return await body(context);
      } catch (e) {
        if (e instanceof ArgumentError) {
          return { exitCode: 252, stdout: '', stderr: `\nusage: aws [options] <command> <subcommand> [<subcommand> ...] [parameters]\naws: error: ${e.message}\n` };
        }
        throw e;
      }
    },
  };
}

export function required(context: ConsoleContext, name: string): string {
  const value = context.options.get(name);
  if (value === undefined || value === true) throw new ArgumentError(`the following arguments are required: --${name}`);
  return value;
}

export function optional(context: ConsoleContext, name: string): string | undefined {
  const value = context.options.get(name);
  if (value === true) throw new ArgumentError(`argument --${name}: expected one argument`);
  return value;
}

export function flag(context: ConsoleContext, name: string): boolean {
  return context.options.get(name) === true;
}

/** An integer option, validated into AWS's InvalidParameterValue when out of range. */
export function integerOption(context: ConsoleContext, name: string, check: (n: number) => string | undefined, code = 'InvalidParameterValue'): number | undefined {
  const text = optional(context, name);
  if (text === undefined) return undefined;
  if (!/^-?\d+$/.test(text.trim())) throw new ArgumentError(`argument --${name}: invalid int value: '${text}'`);
  const n = Number(text);
  const problem = check(n);
  if (problem) throw new AwsError(code, problem);
  return n;
}
