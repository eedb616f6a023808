// Entry bundled by scripts/build-electron.mjs; `virtual:labs` holds engine/labs and labs/bundle.json when present.
import { runtime, bundle } from 'virtual:labs';
import { version } from '../../../package.json';
import { labsFromModules } from '../labs-adapter';
import { parentPort, runEngineProcess } from './engine-process';

const workspaceDir = process.env.WAREHOUSE_LAB_WORKSPACE;
if (!workspaceDir) throw new Error('WAREHOUSE_LAB_WORKSPACE is not set');
runEngineProcess({ workspaceDir, version, port: parentPort(), loadLabs: (w) => labsFromModules({ runtime, bundle }, w) });
