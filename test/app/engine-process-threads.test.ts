// The Electron engine process (and the CLI) must hand work to worker threads: this imports only the
// engine process module, as the Electron bundle does, and looks at what it installed.
import { describe, expect, it } from 'vitest';
import { countHelper } from '../../engine/features/spectrum/count-helper';
import { inThreadTrainer, trainer } from '../../engine/features/ml/trainer';

describe('the Node engine process', () => {
  it('installs the worker-thread trainer and the Spectrum count helper', async () => {
    expect(countHelper()).toBeUndefined();
    expect(trainer()).toBe(inThreadTrainer);
    await import('../../engine/host/node/engine-process');
    expect(countHelper()).toBeDefined();
    expect(trainer()).not.toBe(inThreadTrainer);
  });
});
