// @vitest-environment jsdom
/// <reference lib="dom" />
// A statement's progress message without a total (CREATE MODEL's "rows exported; training job
// started") must not leave the app's progress bar up after the statement has returned.
import { beforeEach, describe, expect, it } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import type { EventMessage, RequestMessage, ResponseMessage } from '../../engine/host/contract';
import { HostClient } from '../../renderer/src/host/host-client';
import type { Transport } from '../../renderer/src/host/transport';
import { setHost } from '../../renderer/src/host';
import { useEngine } from '../../renderer/src/stores/engine';
import { useRunner } from '../../renderer/src/stores/runner';

beforeEach(() => {
  localStorage.clear();
  setActivePinia(createPinia());
});

describe('progress of a statement', () => {
  it('shows while the statement runs and ends with it; another request keeps its own', async () => {
    let listener: (m: ResponseMessage | EventMessage) => void = () => undefined;
    const seen: unknown[] = [];
    const transport: Transport = {
      name: 'web-worker',
      send(m: RequestMessage) {
        if (m.channel !== 'sql.execute') return;
        const { requestId } = m.payload as { requestId: string };
        listener({ kind: 'event', event: 'progress', payload: { phase: 'CREATE MODEL', done: 2666, unit: 'rows', message: 'training job started', requestId } });
        seen.push(useEngine().progress);
        queueMicrotask(() => listener({ kind: 'response', id: m.id, ok: true, value: [] }));
      },
      onMessage(l) {
        listener = l;
      },
      async restart() {},
    };
    setHost(new HostClient(transport));
    const engine = useEngine();
    await useRunner().run('CREATE MODEL …', 'awsuser');
    expect(seen).toEqual([expect.objectContaining({ phase: 'CREATE MODEL', done: 2666 })]);
    expect(engine.progress).toBeUndefined();

    engine.progress = { phase: 'COPY', done: 10, requestId: 'other-request' };
    engine.endProgress('some-finished-request');
    expect(engine.progress).toMatchObject({ requestId: 'other-request' });
  });
});
