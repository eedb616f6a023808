import type { EmbeddedWarehouse } from '../warehouse/embedded-warehouse';
import type { LabsProvider } from './labs-provider';

/**
 * What the hosts find of the labs: the runtime (engine/labs, `labsProvider`) and the content
 * (labs/bundle.json). Both are optional at build time; without either, the lab channels answer
 * "labs not installed".
 */
export interface LabsModules {
  runtime?: unknown;
  bundle?: unknown;
}

export async function labsFromModules(modules: LabsModules, warehouse: EmbeddedWarehouse): Promise<LabsProvider | undefined> {
  const runtime = modules.runtime as { labsProvider?: (w: EmbeddedWarehouse, bundle: never) => LabsProvider } | undefined;
  const bundle = (modules.bundle as { default?: unknown } | undefined)?.default ?? modules.bundle;
  if (typeof runtime?.labsProvider !== 'function' || !bundle || typeof bundle !== 'object' || !Array.isArray((bundle as { labs?: unknown }).labs)) return undefined;
  return runtime.labsProvider(warehouse, bundle as never);
}
