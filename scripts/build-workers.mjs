// The engine's worker_threads scripts, bundled whole (no imports left) next to the bundle that
// starts them: engine/workspace/node/worker-source.ts loads `<name>.cjs` from there, so neither the
// CLI nor the packaged app needs esbuild at run time.
import { build } from 'esbuild';
import { basename, join } from 'node:path';

const ENTRIES = ['engine/features/ml/node/training-worker.ts', 'engine/features/spectrum/node/count-worker.ts'];

export async function buildWorkers(root, outDir) {
  await Promise.all(
    ENTRIES.map((entry) =>
      build({
        entryPoints: [join(root, entry)],
        outfile: join(outDir, basename(entry).replace(/\.ts$/, '.cjs')),
        bundle: true,
        platform: 'node',
        format: 'cjs',
        target: 'node20',
        logLevel: 'warning',
      }),
    ),
  );
}
