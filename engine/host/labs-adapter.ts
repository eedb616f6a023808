import type { EmbeddedWarehouse } from '../warehouse/embedded-warehouse';
import type { LabsProvider } from './labs-provider';

/** Adapts the labs module (labs/index.ts, built by the labs engineer) to the lab channels. */
export async function labsFromModule(module: unknown, warehouse: EmbeddedWarehouse): Promise<LabsProvider | undefined> {
  const m = module as { createLabsProvider?: (w: EmbeddedWarehouse) => Promise<LabsProvider> | LabsProvider };
  if (typeof m?.createLabsProvider === 'function') return m.createLabsProvider(warehouse);
  return undefined;
}
