import { main } from './main';
import type { CliIo } from './commands/command';

/** The process entry: real stdio, exit status. */
const io: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  readStdin: async () => {
    if (process.stdin.isTTY) return undefined;
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  },
};

const code = await main(process.argv.slice(2), io);
process.stdout.write('', () => process.exit(code));
