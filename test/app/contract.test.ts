import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTempWorkspace } from '../../engine/node';
import { channels, requestValidators, validateRequest, type HostEventName, type HostEvents } from '../../engine/host/contract';
import { createHostHandlers, dispatchRequest } from '../../engine/host/host-core';
import type { EmbeddedWarehouse } from '../../engine/warehouse/embedded-warehouse';

describe('contract validation', () => {
  it('accepts well-formed requests', () => {
    expect(validateRequest('sql.execute', { requestId: 'r1', user: 'awsuser', sql: 'SELECT 1', pageSize: 100 })).toBeUndefined();
    expect(validateRequest('console.run', { line: 'aws s3 ls', files: [{ name: 'a.csv', bytes: new Uint8Array([1, 2]) }] })).toBeUndefined();
    expect(validateRequest('workspace.status', {})).toBeUndefined();
  });

  it.each([
    ['unknown channel', 'sql.drop', {}, /unknown channel/],
    ['missing field', 'sql.execute', { requestId: 'r', sql: 'SELECT 1' }, /request\.user must be a string/],
    ['wrong type', 'sql.fetchPage', { user: 'u', resultId: 'x', offset: -1, limit: 10 }, /offset must be an integer/],
    ['extra field', 'sql.cancel', { requestId: 'r', evil: true }, /evil is not allowed/],
    ['not an object', 'users.list', null, /must be an object/],
    ['files not bytes', 'console.run', { line: 'aws s3 ls', files: [{ name: 'a', bytes: 'abc' }] }, /must be bytes/],
    ['page too big', 'sql.fetchPage', { user: 'u', resultId: 'x', offset: 0, limit: 10_000_000 }, /limit must be an integer/],
  ])('rejects %s', (_what, channel, payload, message) => {
    const error = validateRequest(channel, payload);
    expect(error?.code).toBe('22023');
    expect(error?.message).toMatch(message);
  });

  it('has a validator for every channel of the contract', () => {
    expect(Object.keys(requestValidators).sort()).toEqual([...channels].sort());
    expect(channels.length).toBeGreaterThanOrEqual(14);
  });
});

describe('host handlers over a real workspace', () => {
  let warehouse: EmbeddedWarehouse;
  const events: Array<{ event: HostEventName; payload: unknown }> = [];
  let handlers: ReturnType<typeof createHostHandlers>;

  beforeAll(async () => {
    warehouse = await openTempWorkspace({ seeded: true });
    handlers = createHostHandlers({
      engineVersion: 'test',
      emit: <E extends HostEventName>(event: E, payload: HostEvents[E]) => void events.push({ event, payload }),
      loadLabs: async () => undefined,
      openWorkspace: async () => ({ warehouse, created: false, location: 'temp', kind: 'node-dir' }),
    });
  });
  afterAll(async () => {
    await handlers.close();
  });

  it('implements every channel of the contract', () => {
    for (const channel of channels) expect(typeof handlers[channel], channel).toBe('function');
  });

  it('reports status with versions', async () => {
    const status = await handlers['workspace.status']({});
    expect(status.ready).toBe(true);
    expect(status.postgresVersion).toMatch(/^18\./);
    expect(status.labsInstalled).toBe(false);
  });

  it('executes as a user, pages results and reports errors with positions', async () => {
    const sql = 'SELECT g FROM generate_series(1, 2500) g ORDER BY g; SELECT nope FROM raw_data.channel';
    const outcomes = await handlers['sql.execute']({ requestId: 'a', user: 'awsuser', sql, pageSize: 1000 });
    expect(outcomes).toHaveLength(2);
    const first = outcomes[0]!;
    expect(first.ok).toBe(true);
    if (!first.ok) return;
    expect(first.result.rows).toHaveLength(1000);
    expect(first.result.truncated).toBe(true);
    const page = await handlers['sql.fetchPage']({ user: 'awsuser', resultId: first.result.resultId!, offset: 2000, limit: 1000 });
    expect(page).toHaveLength(500);
    expect(page[0]).toEqual([2001]);
    const second = outcomes[1]!;
    expect(second.ok).toBe(false);
    if (second.ok) return;
    expect(second.error.code).toBe('42703');
    // 1-based within the submitted text, across statements.
    expect(second.error.position).toBe(sql.indexOf('nope') + 1);
  });

  it('keeps identities apart: another user gets a permission error', async () => {
    await handlers['sql.execute']({ requestId: 'b', user: 'awsuser', sql: "CREATE USER app_test_user PASSWORD 'Abcdefg1'" });
    expect((await handlers['users.list']({})).map((u) => u.name)).toContain('app_test_user');
    const [outcome] = await handlers['sql.execute']({ requestId: 'c', user: 'app_test_user', sql: 'SELECT * FROM pii.user_contact' });
    expect(outcome!.ok).toBe(false);
    if (!outcome!.ok) expect(outcome!.error.code).toBe('42501');
  });

  it('cancels a batch before its next statement', async () => {
    // PGlite runs on the JS thread: a cancel lands between statements (a hard cancel restarts the host).
    const run = handlers['sql.execute']({ requestId: 'long', user: 'awsuser', sql: 'SELECT 1; SELECT 2' });
    expect(await handlers['sql.cancel']({ requestId: 'long' })).toEqual({ cancelled: true });
    const outcomes = await run;
    const last = outcomes[outcomes.length - 1]!;
    expect(last.ok).toBe(false);
    if (!last.ok) expect(last.error.code).toBe('57014');
    expect(await handlers['sql.cancel']({ requestId: 'gone' })).toEqual({ cancelled: false });
  });

  it('gives the catalog for completion and the schema tree', async () => {
    const catalog = await handlers['catalog.get']({});
    expect(catalog.schemas).toEqual(expect.arrayContaining(['raw_data', 'analytics', 'pii']));
    expect(catalog.schemas.some((s) => s.startsWith('wl_') || s === 'pg_catalog')).toBe(false);
    const channel = catalog.tables.find((t) => t.schema === 'raw_data' && t.name === 'channel');
    expect(channel?.columns.map((c) => c.name)).toContain('channelname');
    expect(catalog.functions).toContain('lower');
  });

  it('runs console commands with files the user picked', async () => {
    const mb = await handlers['console.run']({ line: 'aws s3 mb s3://app-test' });
    expect(mb.exitCode).toBe(0);
    const cp = await handlers['console.run']({ line: 'aws s3 cp /home/me/data.csv s3://app-test/data.csv', files: [{ name: 'data.csv', bytes: new TextEncoder().encode('a,b\n1,2\n') }] });
    expect(cp.exitCode, cp.stderr).toBe(0);
    expect(await warehouse.store.readFile('s3/app-test/data.csv')).toBeDefined();
    const missing = await handlers['console.run']({ line: 'aws s3 cp nothere.csv s3://app-test/x.csv' });
    expect(missing.exitCode).not.toBe(0);
  });

  it('answers lab channels with a clear error when labs are absent', async () => {
    await expect(handlers['labs.list']({})).rejects.toMatchObject({ code: '0A000', message: expect.stringMatching(/labs not installed/) });
  });

  it('dispatches wire messages: invalid payloads never reach a handler', async () => {
    const bad = await dispatchRequest(handlers, { kind: 'request', id: 7, channel: 'sql.execute', payload: { sql: 1 } as never });
    expect(bad).toMatchObject({ id: 7, ok: false, error: { code: '22023' } });
    const good = await dispatchRequest(handlers, { kind: 'request', id: 8, channel: 'sql.execute', payload: { requestId: 'd', user: 'awsuser', sql: 'SELECT 1 AS one' } });
    expect(good).toMatchObject({ id: 8, ok: true });
    const noUser = await dispatchRequest(handlers, { kind: 'request', id: 9, channel: 'sql.execute', payload: { requestId: 'e', user: 'nobody_here', sql: 'SELECT 1' } });
    expect(noUser).toMatchObject({ id: 9, ok: false, error: { code: '28000' } });
  });
});

describe('opening ahead of the first request', () => {
  it('prepare() opens once; a reset during that open waits for it, then opens afresh', async () => {
    const warehouses: EmbeddedWarehouse[] = [];
    const opens: boolean[] = [];
    let inFlight = 0;
    const handlers = createHostHandlers({
      engineVersion: 'test',
      emit: () => undefined,
      loadLabs: async () => undefined,
      openWorkspace: async (reset) => {
        inFlight++;
        expect(inFlight).toBe(1); // never two opens of the same storage at once
        opens.push(reset);
        const warehouse = await openTempWorkspace({ seeded: false });
        warehouses.push(warehouse);
        inFlight--;
        return { warehouse, created: reset, location: 'temp', kind: 'memory' };
      },
    });
    handlers.prepare();
    const [status, reset] = await Promise.all([handlers['workspace.status']({}), handlers['workspace.open']({ reset: true })]);
    expect(status.ready).toBe(true);
    expect(reset.created).toBe(true);
    expect(opens).toEqual([false, true]);
    expect((await handlers['workspace.status']({})).created).toBe(true);
    await handlers.close();
    for (const w of warehouses) await w.close().catch(() => undefined);
  });
});
