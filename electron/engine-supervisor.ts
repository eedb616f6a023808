import type { EventMessage, RequestMessage, ResponseMessage } from '../engine/host/contract';

/** The engine's process as the main process sees it (Electron's UtilityProcess, or a fake in tests). */
export interface ChildProcessLike {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
  kill(): boolean;
}

/**
 * Keeps one engine process alive: forwards requests, routes answers back, restarts it on demand
 * (hard cancel) or when it dies; calls in flight then fail instead of hanging.
 */
export class EngineSupervisor {
  private child: ChildProcessLike | undefined;
  private readonly inFlight = new Set<number>();
  private expectedExit = false;
  private stopped = false;

  constructor(
    private readonly spawn: () => ChildProcessLike,
    private readonly deliver: (message: ResponseMessage | EventMessage) => void,
  ) {}

  start(): void {
    const child = this.spawn();
    this.child = child;
    child.on('message', (m) => {
      const message = m as ResponseMessage | EventMessage;
      if (message?.kind === 'response') this.inFlight.delete(message.id);
      this.deliver(message);
    });
    child.on('exit', (code) => {
      if (this.child !== child) return;
      this.child = undefined;
      const reason = this.expectedExit ? 'cancel' : `engine exited with code ${code}`;
      this.failInFlight(this.expectedExit ? { code: '57014', message: 'canceling statement due to user request' } : { code: 'XX000', message: `the engine stopped unexpectedly (${code}); it was restarted` });
      this.expectedExit = false;
      if (this.stopped) return;
      this.start();
      this.deliver({ kind: 'event', event: 'restarted', payload: { reason } });
    });
  }

  send(message: RequestMessage): void {
    if (!this.child) this.start();
    this.inFlight.add(message.id);
    this.child!.postMessage(message);
  }

  /** Kills the engine (the workspace on disk stays as it is) and starts a fresh one. */
  async restart(): Promise<void> {
    if (!this.child) return this.start();
    this.expectedExit = true;
    const exited = new Promise<void>((resolve) => this.child!.on('exit', () => resolve()));
    this.child.kill();
    await exited;
  }

  stop(): void {
    this.stopped = true;
    this.child?.kill();
  }

  private failInFlight(error: { code: string; message: string }): void {
    for (const id of this.inFlight) this.deliver({ kind: 'response', id, ok: false, error });
    this.inFlight.clear();
  }
}
