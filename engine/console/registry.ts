import type { ConsoleOperation } from './console-command';

/** Every console operation; each feature adds its own list here. */
export const consoleOperations: ConsoleOperation[] = [];
