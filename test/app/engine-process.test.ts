import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, fork, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageRoot } from '../../engine/node';
import type { Channel, EventMessage, RequestOf, ResponseMessage, ResponseOf } from '../../engine/host/contract';

const root = packageRoot();
const entry = join(root, 'dist', 'electron', 'engine-process.mjs');

/** The bundled engine process (what Electron's utility process runs), driven over Node's IPC channel. */
class EngineProcess {
  private nextId = 1;
  private readonly pending = new Map<number, (m: ResponseMessage) => void>();
  readonly events: EventMessage[] = [];
  readonly child: ChildProcess;

  constructor(workspaceDir: string) {
    this.child = fork(entry, [], { env: { ...process.env, WAREHOUSE_LAB_WORKSPACE: workspaceDir }, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    this.child.on('message', (raw) => {
      const m = raw as ResponseMessage | EventMessage;
      if (m.kind === 'event') this.events.push(m);
      else this.pending.get(m.id)?.(m);
    });
  }

  async call<K extends Channel>(channel: K, payload: RequestOf<K>): Promise<ResponseOf<K>> {
    const m = await this.raw(channel, payload);
    if (!m.ok) throw Object.assign(new Error(m.error.message), m.error);
    return m.value as ResponseOf<K>;
  }

  raw(channel: string, payload: unknown): Promise<ResponseMessage> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.child.send({ kind: 'request', id, channel, payload });
    });
  }

  kill(): Promise<void> {
    return new Promise((resolve) => {
      this.child.once('exit', () => resolve());
      this.child.kill('SIGKILL');
    });
  }
}

describe('engine process (utility-process host)', () => {
  const workspace = mkdtempSync(join(tmpdir(), 'wl-engine-process-'));
  let engine: EngineProcess;

  beforeAll(() => {
    if (!existsSync(entry)) execFileSync(process.execPath, [join(root, 'scripts', 'build-electron.mjs')], { cwd: root });
  });
  afterAll(async () => {
    if (engine?.child.exitCode === null) await engine.kill();
    rmSync(workspace, { recursive: true, force: true });
  });

  it('creates the workspace on disk, runs SQL, refuses bad payloads', { timeout: 120_000 }, async () => {
    engine = new EngineProcess(workspace);
    const status = await engine.call('workspace.open', {});
    expect(status).toMatchObject({ ready: true, kind: 'node-dir', location: workspace, created: true });
    expect(existsSync(join(workspace, 'pgdata', 'PG_VERSION'))).toBe(true);
    const [outcome] = await engine.call('sql.execute', { requestId: 'r1', user: 'awsuser', sql: 'CREATE TABLE adhoc.kept (id int); INSERT INTO adhoc.kept VALUES (1), (2)' });
    expect(outcome!.ok).toBe(true);
    expect(await engine.raw('sql.execute', { sql: 42 })).toMatchObject({ ok: false, error: { code: '22023' } });
  });

  it('a killed engine (hard cancel, crash) leaves the workspace intact for the next one', { timeout: 120_000 }, async () => {
    await engine.kill();
    engine = new EngineProcess(workspace);
    expect(await engine.call('workspace.open', {})).toMatchObject({ created: false });
    const outcomes = await engine.call('sql.execute', { requestId: 'r2', user: 'awsuser', sql: 'SELECT count(*) AS n FROM adhoc.kept' });
    expect(outcomes[0]).toMatchObject({ ok: true, result: { rows: [[2]] } });
  });

  it('serves the labs when the build has them, else says they are not installed', { timeout: 120_000 }, async () => {
    const status = await engine.call('workspace.status', {});
    // build-electron.mjs writes labs/bundle.json whenever the labs exist.
    expect(status.labsInstalled).toBe(existsSync(join(root, 'labs', 'bundle.json')));
    if (status.labsInstalled) {
      const labs = await engine.call('labs.list', {});
      expect(labs.length).toBeGreaterThan(0);
      expect(labs[0]!.title.ko.length).toBeGreaterThan(0);
    } else {
      await expect(engine.call('labs.list', {})).rejects.toMatchObject({ code: '0A000' });
    }
  });
});
