/**
 * The engine's public API: what the app, the CLI, the labs and the benchmarks use. Pure TypeScript;
 * runs in Node and in a browser Web Worker. Node-only entry points (folder workspaces) are in
 * `engine/node.ts`.
 */
export * from './api/types';
export * from './api/command-tags';
export { SqlError, SQLSTATE } from './errors/sql-error';
export type { SqlBackend, RawResult, RawField } from './backend/backend';
export { PgliteBackend } from './backend/pglite-backend';
export { EmbeddedWarehouse, type WorkspaceMeta } from './warehouse/embedded-warehouse';
export type { WorkspaceStore, StoredFile } from './workspace/workspace-store';
export { MemoryStore } from './workspace/memory-store';
export { splitStatements, makeStatement, type Statement } from './sql/splitter';
export { classifyStatement, type StatementClass, type StatementKind } from './sql/classify';
export { tokenize, type Token } from './sql/tokenizer';
export { openTarballWorkspace } from './workspace/open-tarball-workspace';
