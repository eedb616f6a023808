/**
 * The lab module the app loads (engine/host/labs-adapter.ts looks for `createLabsProvider`).
 * Lab content comes from labs/bundle.json, generated from the lab folders by
 * `warehouse-lab lab bundle` — no file-system access needed, so it works in the Web Worker.
 */
import type { EmbeddedWarehouse } from '../engine/warehouse/embedded-warehouse';
import { labsProvider, type LabBundle, type LabsProviderOptions } from '../engine/labs';
import bundle from './bundle.json';

export const labBundle = bundle as unknown as LabBundle;

export function createLabsProvider(warehouse: EmbeddedWarehouse, options: LabsProviderOptions = {}) {
  return labsProvider(warehouse, labBundle, options);
}
