// Entry bundled by scripts/build-electron.mjs; `virtual:labs` resolves to labs/index.ts when present.
import * as labsModule from 'virtual:labs';
import { version } from '../../../package.json';
import { labsFromModule } from '../labs-adapter';
import { parentPort, runEngineProcess } from './engine-process';

const workspaceDir = process.env.WAREHOUSE_LAB_WORKSPACE;
if (!workspaceDir) throw new Error('WAREHOUSE_LAB_WORKSPACE is not set');
runEngineProcess({ workspaceDir, version, port: parentPort(), loadLabs: (w) => labsFromModule(labsModule, w) });
