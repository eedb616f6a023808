/**
 * Work the engine hands to worker threads in Node: Redshift ML training, and half of Spectrum's
 * count pushdown. Imported by every Node host (engine/node.ts for the CLI and tests, the Electron
 * engine process); the browser's engine worker does this work on its own thread.
 */
import '../../features/ml/node/register-worker-trainer';
import '../../features/spectrum/node/register-count-helper';
