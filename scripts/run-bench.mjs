// Runs every bench/*.bench.ts (or those named on the command line) in its own process and prints
// our figure beside the peer's, with the ratio. Writes the figures to dist/bench/results.json.
import { build } from 'esbuild';
import { readdirSync, mkdirSync, writeFileSync, readFileSync } from 'node:fs';
import { dirname, join, basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';
import { buildWorkers } from './build-workers.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const only = process.argv.slice(2);
const files = readdirSync(join(root, 'bench'))
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();
const outDir = join(root, 'dist', 'bench');
mkdirSync(outDir, { recursive: true });
await buildWorkers(root, outDir); // as the CLI and the app ship them
const all = [];
for (const file of files) {
  const entry = join(outDir, basename(file, '.ts') + '.mjs');
  await build({
    stdin: {
      contents: `import run from './bench/${file}';\nconst figures = await run();\nprocess.stdout.write('\\n@@FIGURES@@' + JSON.stringify(figures) + '\\n');\nprocess.exit(0);`,
      resolveDir: root,
      loader: 'ts',
    },
    outfile: entry,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  });
  process.stdout.write(`\n== ${file}\n`);
  let output = '';
  try {
    output = execFileSync(process.execPath, ['--expose-gc', entry], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 << 20 });
  } catch (e) {
    process.stdout.write(`   FAILED: ${e.message}\n`);
    continue;
  }
  const marker = output.lastIndexOf('@@FIGURES@@');
  const figures = JSON.parse(output.slice(marker + 11));
  process.stdout.write(output.slice(0, marker));
  for (const f of figures) {
    all.push({ file, ...f });
    const met = f.target ? ` target ${f.target}: ${f.met ? 'met' : 'NOT met'}` : '';
    process.stdout.write(`   ${f.name}: ours ${f.ours} ${f.unit} | ${f.peerName} ${f.peer} ${f.unit} | ratio ${f.ratio}${met}\n`);
  }
}
writeFileSync(join(outDir, 'results.json'), JSON.stringify(all, null, 2));
