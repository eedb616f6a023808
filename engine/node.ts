/** Node-only entry points: workspaces in folders, templates on disk. */
import './features/ml/node/register-worker-trainer'; // Redshift ML trains in worker threads in Node
import './features/spectrum/node/register-count-helper'; // Spectrum's count pushdown counts on two threads in Node
export { openFolderWorkspace, isWorkspace, type FolderWorkspaceOptions } from './workspace/node/open-folder-workspace';
export { FolderStore } from './workspace/node/folder-store';
export { defaultWorkspaceDir, packageRoot, templateDir, templateRoot } from './workspace/node/paths';
export { buildTemplates, ensureTemplates, templatesExist } from './template/node/build-template';
export { openTempWorkspace } from './workspace/node/temp-workspace';
