/// <reference lib="webworker" />
import type { EventMessage, HostEventName, HostEvents } from './contract';

/** Posts a host event to the page (see contract.ts). */
export function emit<E extends HostEventName>(event: E, payload: HostEvents[E]): void {
  (self as unknown as { postMessage(m: unknown): void }).postMessage({ kind: 'event', event, payload } satisfies EventMessage<E>);
}

/** Progress of a first visit's template load (done: 0 downloading, 1 downloaded, 2 opened). */
export function templateProgress(done: number): void {
  emit('progress', { phase: 'workspace', done, total: 2, message: 'template' });
}

/** Given to the engine by the entry (importing this module from the engine would pull it out of the entry's chunk). */
export interface WebEvents {
  emit: typeof emit;
  templateProgress: typeof templateProgress;
}
