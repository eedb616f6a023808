import type { EmbeddedWarehouse } from '../warehouse/embedded-warehouse';
import { onWorkspaceOpen as clusterOnOpen } from './cluster';
import { onWorkspaceOpen as mlOnOpen } from './ml';
import { onWorkspaceOpen as spectrumOnOpen } from './spectrum';

/**
 * Work features do whenever a workspace opens (load their state, catch up on simulated time), run
 * by EmbeddedWarehouse.start after the bootstrap SQL. One line per feature.
 */
export const workspaceOpenHooks: Array<(warehouse: EmbeddedWarehouse) => Promise<void>> = [clusterOnOpen, mlOnOpen, spectrumOnOpen];
