import type { SqlErrorShape } from '../../../engine/api/types';
import type { Channel, EventMessage, HostEventName, HostEvents, RequestOf, ResponseMessage, ResponseOf } from '../../../engine/host/contract';
import type { Transport } from './transport';

/** A failed host call, carrying the SqlErrorShape it crossed the boundary as. */
export class HostError extends Error implements SqlErrorShape {
  readonly code: string;
  readonly position?: number;
  constructor(shape: SqlErrorShape) {
    super(shape.message);
    this.code = shape.code;
    if (shape.position !== undefined) this.position = shape.position;
  }
}

export const CANCELLED: SqlErrorShape = { code: '57014', message: 'canceling statement due to user request' };

/** Typed calls over any transport: the renderer never knows which host it has. */
export class HostClient {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve(v: unknown): void; reject(e: HostError): void }>();
  private readonly listeners = new Map<HostEventName, Set<(payload: never) => void>>();

  constructor(readonly transport: Transport) {
    transport.onMessage((message) => (message.kind === 'response' ? this.settle(message) : this.dispatch(message)));
  }

  call<K extends Channel>(channel: K, request: RequestOf<K>): Promise<ResponseOf<K>> {
    const id = this.nextId++;
    return new Promise<ResponseOf<K>>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.transport.send({ kind: 'request', id, channel, payload: request });
    });
  }

  on<E extends HostEventName>(event: E, listener: (payload: HostEvents[E]) => void): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener as (payload: never) => void);
    return () => set.delete(listener as (payload: never) => void);
  }

  /** Hard stop: the host is killed and restarted; every call in flight fails as cancelled. */
  async restart(reason: string): Promise<void> {
    await this.transport.restart();
    for (const p of this.pending.values()) p.reject(new HostError(CANCELLED));
    this.pending.clear();
    this.dispatch({ kind: 'event', event: 'restarted', payload: { reason } });
  }

  private settle(message: ResponseMessage): void {
    const p = this.pending.get(message.id);
    if (!p) return;
    this.pending.delete(message.id);
    if (message.ok) p.resolve(message.value);
    else p.reject(new HostError(message.error));
  }

  private dispatch(message: EventMessage): void {
    for (const l of this.listeners.get(message.event) ?? []) (l as (p: unknown) => void)(message.payload);
  }
}
