// @vitest-environment jsdom
/// <reference lib="dom" />
import { beforeEach, describe, expect, it } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { nextTick } from 'vue';
import type { EventMessage, RequestMessage, ResponseMessage } from '../../engine/host/contract';
import { HostClient } from '../../renderer/src/host/host-client';
import type { Transport } from '../../renderer/src/host/transport';
import { setHost } from '../../renderer/src/host';
import { systemLocale } from '../../renderer/src/i18n';
import { useSettings } from '../../renderer/src/stores/settings';
import { useSandbox, MAX_HISTORY } from '../../renderer/src/stores/sandbox';
import { useRunner } from '../../renderer/src/stores/runner';
import { sliceToRun, errorOffset } from '../../renderer/src/util/statement-at-cursor';
import { suggestionsAt } from '../../renderer/src/monaco/completion';
import { toCsv } from '../../renderer/src/util/export';

/** A host that answers from a function, or hangs for channels listed in `hang`. */
function fakeTransport(answer: (m: RequestMessage) => unknown, hang: string[] = []): Transport & { restarts: number; sent: RequestMessage[] } {
  let listener: (m: ResponseMessage | EventMessage) => void = () => undefined;
  const t = {
    name: 'web-worker' as const,
    restarts: 0,
    sent: [] as RequestMessage[],
    send(m: RequestMessage) {
      t.sent.push(m);
      if (hang.includes(m.channel)) return;
      queueMicrotask(() => listener({ kind: 'response', id: m.id, ok: true, value: answer(m) }));
    },
    onMessage(l: (m: ResponseMessage | EventMessage) => void) {
      listener = l;
    },
    async restart() {
      t.restarts++;
    },
  };
  return t;
}

beforeEach(() => {
  localStorage.clear();
  setActivePinia(createPinia());
});

describe('settings store', () => {
  it('defaults the language from the OS/browser languages', () => {
    expect(systemLocale(['ko-KR', 'en-US'])).toBe('ko');
    expect(systemLocale(['en-GB'])).toBe('en');
    expect(systemLocale(['de-DE', 'ko'])).toBe('ko');
  });

  it('clamps the font size and persists settings across restarts', async () => {
    const s = useSettings();
    s.setFontSize(99);
    expect(s.fontSize).toBe(28);
    s.setFontSize(Number.NaN);
    expect(s.fontSize).toBe(14);
    s.locale = 'ko';
    s.theme = 'dark';
    await nextTick();
    setActivePinia(createPinia());
    const again = useSettings();
    expect([again.locale, again.theme, again.fontSize]).toEqual(['ko', 'dark', 14]);
    expect(again.effectiveTheme(false)).toBe('dark');
    again.theme = 'system';
    expect(again.effectiveTheme(true)).toBe('dark');
    expect(again.effectiveTheme(false)).toBe('light');
  });
});

describe('sandbox store', () => {
  it('keeps tab text across restarts and never leaves zero tabs', async () => {
    const s = useSandbox();
    s.setText('SELECT 1;');
    const second = s.addTab('SELECT 2;');
    expect(s.activeId).toBe(second.id);
    await nextTick();
    setActivePinia(createPinia());
    const again = useSandbox();
    expect(again.tabs.map((t) => t.text)).toEqual(['SELECT 1;', 'SELECT 2;']);
    expect(again.active.text).toBe('SELECT 2;');
    for (const t of [...again.tabs]) again.closeTab(t.id);
    expect(again.tabs).toHaveLength(1);
    expect(again.active.text).toBe('');
  });

  it('searches history and caps its length', () => {
    const s = useSandbox();
    for (let i = 0; i < MAX_HISTORY + 5; i++) s.record({ sql: `SELECT ${i}`, user: i % 2 ? 'alice' : 'awsuser', at: i, ok: true, elapsedMs: 1 });
    expect(s.history).toHaveLength(MAX_HISTORY);
    expect(s.history[0]!.sql).toBe(`SELECT ${MAX_HISTORY + 4}`);
    s.historyFilter = 'alice';
    expect(s.filteredHistory.every((h) => h.user === 'alice')).toBe(true);
    s.historyFilter = 'select 503';
    expect(s.filteredHistory.map((h) => h.sql)).toEqual(['SELECT 503']);
  });
});

describe('runner store', () => {
  it('turns host errors into a failed outcome', async () => {
    const transport = fakeTransport(() => [{ ok: false, sql: 'SELEC', error: { code: '42601', message: 'syntax error at or near "SELEC"', position: 1 } }]);
    setHost(new HostClient(transport));
    const record = await useRunner().run('SELEC', 'awsuser', 10);
    expect(record.outcomes[0]).toMatchObject({ ok: false, error: { code: '42601', position: 1 } });
    expect(record.editorOffset).toBe(10);
    expect(transport.sent[0]).toMatchObject({ channel: 'sql.execute', payload: { sql: 'SELEC', user: 'awsuser' } });
  });

  it('sends an Athena run to athena.query with its database, not as a cluster user, and remembers the sandbox target', async () => {
    const transport = fakeTransport(() => [{ ok: false, sql: 'SELECT 1', error: { code: 'SCHEMA_NOT_FOUND', message: 'SCHEMA_NOT_FOUND: line 1:15: Schema lake does not exist' } }]);
    setHost(new HostClient(transport));
    const record = await useRunner().run('SELECT * FROM t', 'awsuser', 0, { engine: 'athena', database: 'lake' });
    expect(transport.sent[0]).toMatchObject({ channel: 'athena.query', payload: { sql: 'SELECT * FROM t', database: 'lake' } });
    expect(record.engine).toBe('athena');
    expect((await useRunner().run('SELECT 1', 'awsuser')).engine).toBe('redshift');
    const sandbox = useSandbox();
    expect(sandbox.target).toEqual({ engine: 'redshift', database: 'default' });
    sandbox.target.engine = 'athena';
    sandbox.target.database = 'lake';
    await nextTick();
    setActivePinia(createPinia());
    expect(useSandbox().target).toEqual({ engine: 'athena', database: 'lake' });
  });

  it('restarts the host when a polite cancel does not stop the statement', async () => {
    const transport = fakeTransport(() => ({ cancelled: true }), ['sql.execute']);
    setHost(new HostClient(transport));
    const runner = useRunner();
    const run = runner.run('SELECT count(*) FROM generate_series(1, 300000000)', 'awsuser');
    expect(runner.running).toBe(true);
    await runner.cancel();
    const record = await run;
    expect(transport.restarts).toBe(1);
    expect(record.outcomes[0]).toMatchObject({ ok: false, error: { code: '57014' } });
    expect(runner.running).toBe(false);
  });
});

describe('editor helpers', () => {
  const sql = 'SELECT 1;\nSELECT nope FROM t;\n';
  it('picks the statement at the cursor, or the selection', () => {
    expect(sliceToRun(sql, 3)).toEqual({ text: 'SELECT 1', offset: 0 });
    expect(sliceToRun(sql, 15)).toEqual({ text: 'SELECT nope FROM t', offset: 10 });
    expect(sliceToRun(sql, sql.length)).toEqual({ text: 'SELECT nope FROM t', offset: 10 });
    expect(sliceToRun(sql, 0, { start: 17, end: 21 })).toEqual({ text: 'nope', offset: 17 });
  });

  it('maps a 1-based error position to the editor offset', () => {
    expect(errorOffset(10, 'SELECT nope FROM t', 8)).toBe(17);
    expect(sql.slice(17, 21)).toBe('nope');
  });

  it('completes columns of an alias and tables of a schema from the catalog', () => {
    const catalog = {
      schemas: ['raw_data'], externalSchemas: [], models: [], functions: ['lower'],
      tables: [{ schema: 'raw_data', name: 'channel', kind: 'table' as const, columns: [{ name: 'channelname', type: 'character varying' }] }],
    };
    const text = 'SELECT c. FROM raw_data.channel c';
    expect(suggestionsAt(text, 'SELECT c.', catalog).map((s) => s.label)).toEqual(['channelname']);
    expect(suggestionsAt(text, 'SELECT * FROM raw_data.', catalog).map((s) => s.label)).toEqual(['channel']);
    const all = suggestionsAt(text, 'SELECT ', catalog);
    expect(all.find((s) => s.label === 'c')?.kind).toBe('alias');
    expect(all.some((s) => s.label === 'lower' && s.kind === 'function')).toBe(true);
  });

  it('writes CSV with quoting and NULL as an empty field', () => {
    const csv = toCsv([{ name: 'a', type: 'text', typeOid: 25 }, { name: 'b', type: 'integer', typeOid: 23 }], [['x,"y"', null], ['plain', 3]]);
    expect(csv).toBe('a,b\r\n"x,""y""",\r\nplain,3\r\n');
  });
});
