// @vitest-environment jsdom
/// <reference lib="dom" />
// The lab runner's store against a host whose answers the test releases one by one: a Check made
// while a reset is still putting the workspace in its starting state must not grade the old state
// nor have its verdict wiped when the reset finishes.
import { beforeEach, describe, expect, it } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import type { EventMessage, LabView, RequestMessage, ResponseMessage } from '../../engine/host/contract';
import { HostClient } from '../../renderer/src/host/host-client';
import type { Transport } from '../../renderer/src/host/transport';
import { setHost } from '../../renderer/src/host';
import { useLabs } from '../../renderer/src/stores/labs';

const text = (en: string) => ({ ko: en, en });
const labView = (completed: boolean[]): LabView => ({
  id: 'ops',
  title: text('Operations'),
  steps: completed.map((done, i) => ({ id: `s${i + 1}`, title: text(`Step ${i + 1}`), instructions: text(''), starterSql: 'SELECT 1;', hintCount: 0, completed: done })),
});

/** Answers each request only when the test calls `release(channel)`. */
function heldHost(answer: (m: RequestMessage) => unknown) {
  let listener: (m: ResponseMessage | EventMessage) => void = () => undefined;
  const pending: RequestMessage[] = [];
  const transport: Transport = {
    name: 'web-worker',
    send: (m) => void pending.push(m),
    onMessage: (l) => void (listener = l),
    restart: async () => undefined,
  };
  setHost(new HostClient(transport));
  const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
  return {
    channels: () => pending.map((m) => m.channel),
    async release(channel: string) {
      const i = pending.findIndex((m) => m.channel === channel);
      if (i === -1) throw new Error(`nothing pending on ${channel}; pending: ${pending.map((m) => m.channel).join(', ')}`);
      const [m] = pending.splice(i, 1);
      listener({ kind: 'response', id: m!.id, ok: true, value: answer(m!) });
      await settle();
    },
  };
}

beforeEach(() => {
  localStorage.clear();
  setActivePinia(createPinia());
});

describe('labs store', () => {
  it('prepares a step on first opening and counts as preparing until the host is done', async () => {
    const host = heldHost((m) => (m.channel === 'labs.get' ? labView([false, false]) : {}));
    const labs = useLabs();
    const opened = labs.open('ops');
    await host.release('labs.get');
    await opened;
    expect(labs.preparing).toBe(true);
    expect(host.channels()).toEqual(['labs.reset']);
    await host.release('labs.reset');
    expect(labs.preparing).toBe(false);
  });

  it('refuses Check while a lab reset runs, and a Check after it keeps its verdict', async () => {
    let firstDone = true;
    const host = heldHost((m) => {
      if (m.channel === 'labs.reset' && !(m.payload as { stepId?: string }).stepId) firstDone = false;
      if (m.channel === 'labs.get') return labView([firstDone, false]);
      if (m.channel === 'labs.check') return { passed: false, message: text('Not yet') };
      return {};
    });
    const labs = useLabs();
    const opened = labs.open('ops');
    await host.release('labs.get');
    await opened;
    expect(labs.step?.id).toBe('s2');
    await host.release('labs.reset');

    const reset = labs.reset(true);
    expect(labs.preparing).toBe(true);
    await labs.check();
    expect(host.channels()).not.toContain('labs.check');
    await host.release('labs.reset'); // the lab
    await host.release('labs.get');
    expect(labs.preparing).toBe(true); // step 1's own preparation follows
    await host.release('labs.reset');
    await reset;
    expect([labs.preparing, labs.step?.id, labs.feedback]).toEqual([false, 's1', undefined]);

    const checked = labs.check();
    await host.release('labs.check');
    await checked;
    expect(labs.feedback).toEqual({ passed: false, message: text('Not yet') });
  });
});
