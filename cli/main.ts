import { commands } from './commands';
import { EXIT, UsageError, type CliIo } from './commands/command';
import { VERSION } from './version';

function help(): string {
  const lines = [
    `warehouse-lab ${VERSION} — an offline Amazon Redshift practice lab`,
    '',
    'Usage: warehouse-lab <command> [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(8)} ${c.summary}`),
    '',
    ...commands.map((c) => `  ${c.usage}`),
    '',
    'Options for every command: --workspace DIR (default: the desktop app\'s workspace)',
    'Exit status: 0 success, 1 a statement or command failed, 2 bad usage.',
  ];
  return lines.join('\n') + '\n';
}

export async function main(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(help());
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  if (name === '--version' || name === '-v') {
    io.stdout(`${VERSION}\n`);
    return EXIT.ok;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    io.stderr(`warehouse-lab: unknown command "${name}"\n\n${help()}`);
    return EXIT.usage;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(`Usage: ${command.usage}\n`);
    return EXIT.ok;
  }
  try {
    return await command.run(rest, io);
  } catch (e) {
    if (e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.stderr(`warehouse-lab ${name}: ${(e as Error).message}\nUsage: ${command.usage}\n`);
      return EXIT.usage;
    }
    io.stderr(`warehouse-lab ${name}: ${(e as Error).message}\n`);
    return EXIT.failed;
  }
}
