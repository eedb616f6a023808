/** Node-only entry points: workspaces in folders, templates on disk. */
import './host/node/threads';
export { openFolderWorkspace, isWorkspace, type FolderWorkspaceOptions } from './workspace/node/open-folder-workspace';
export { FolderStore } from './workspace/node/folder-store';
export { defaultWorkspaceDir, packageRoot, templateDir, templateRoot } from './workspace/node/paths';
export { buildTemplates, ensureTemplates, templatesExist } from './template/node/build-template';
export { openTempWorkspace } from './workspace/node/temp-workspace';
