import type { EmbeddedWarehouse } from '../warehouse/embedded-warehouse';
import type { Contract } from './contract';

type LabChannel = Extract<keyof Contract, `labs.${string}`>;

/** The lab channels, served by the labs module when it is installed. */
export type LabsProvider = { [K in LabChannel]: (request: Contract[K]['request']) => Promise<Contract[K]['response']> };

/** Builds the provider for an open warehouse; undefined when the labs module is absent. */
export type LabsLoader = (warehouse: EmbeddedWarehouse) => Promise<LabsProvider | undefined>;
