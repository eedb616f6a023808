import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Session, StatementOutcome } from '../../engine/api/types';
import { openTempWorkspace } from '../../engine/node';
import { formatRow, normalizeRow, typeLetter } from './slt/format-value';
import { parseSlt, type SltRecord } from './slt/parse-slt';

/**
 * Runs every test/corpus/*.slt file on its own fresh seeded workspace. SLT_COMPLETE=1 rewrites the
 * expected rows (and empty error patterns) from the actual results instead of comparing.
 */
const here = dirname(fileURLToPath(import.meta.url));
const complete = process.env.SLT_COMPLETE === '1';
const only = process.env.SLT_FILE;
const files = readdirSync(here).filter((f) => f.endsWith('.slt') && (!only || f === only)).sort();

for (const file of files) {
  const path = join(here, file);
  const text = readFileSync(path, 'utf8');
  const records = parseSlt(text, file);

  describe(file, () => {
    let warehouse: Awaited<ReturnType<typeof openTempWorkspace>>;
    const sessions = new Map<string, Session>();
    const lines = text.split('\n');
    const edits: Array<{ from: number; to: number; lines: string[] }> = [];

    beforeAll(async () => {
      warehouse = await openTempWorkspace();
    });
    afterAll(async () => {
      for (const session of sessions.values()) await session.close();
      await warehouse?.close();
      if (complete && edits.length > 0) {
        for (const edit of edits.sort((a, b) => b.from - a.from)) lines.splice(edit.from, edit.to - edit.from, ...edit.lines);
        writeFileSync(path, lines.join('\n'));
      }
    });

    const sessionFor = async (user: string | undefined): Promise<Session> => {
      const key = user ?? '';
      let session = sessions.get(key);
      if (!session) {
        session = await warehouse.session(user);
        sessions.set(key, session);
      }
      return session;
    };

    for (const record of records) {
      it(`${file}:${record.line}`, async () => {
        const outcomes = await (await sessionFor(record.user)).execute(record.sql);
        const where = `${file}:${record.line}`;
        if (record.kind === 'statement') checkStatement(record, outcomes, where, lines, edits);
        else checkQuery(record, outcomes, where, lines, edits);
      });
    }
  });
}

type Edits = Array<{ from: number; to: number; lines: string[] }>;

function describeOutcome(outcome: StatementOutcome | undefined): string {
  if (!outcome) return 'no outcome';
  return outcome.ok ? `ok (${outcome.result.command})` : `error ${outcome.error.code}: ${outcome.error.message}`;
}

function checkStatement(record: Extract<SltRecord, { kind: 'statement' }>, outcomes: StatementOutcome[], where: string, lines: string[], edits: Edits): void {
  const failed = outcomes.find((o) => !o.ok);
  if (record.expectError === undefined) {
    expect(failed, `${where}: expected ok, got ${describeOutcome(failed)}`).toBeUndefined();
    const last = outcomes[outcomes.length - 1];
    if (!last?.ok) return;
    if (record.expectTag !== undefined) expect(last.result.command, `${where}: command tag`).toBe(record.expectTag);
    if (record.expectNotice !== undefined) {
      const pattern = new RegExp(record.expectNotice);
      expect(last.result.notices.some((n) => pattern.test(n)), `${where}: expected a message /${record.expectNotice}/, got ${JSON.stringify(last.result.notices)}`).toBe(true);
    }
    return;
  }
  expect(failed, `${where}: expected an error matching /${record.expectError}/, but the statement succeeded`).toBeDefined();
  if (!failed || failed.ok) return;
  const pattern = record.expectError;
  if (pattern === '') {
    if (complete) edits.push({ from: record.headerIndex, to: record.headerIndex + 1, lines: [`statement error ${failed.error.code}`] });
    return;
  }
  const matches = /^[0-9A-Z]{5}$/.test(pattern) ? failed.error.code === pattern : new RegExp(pattern).test(failed.error.message);
  expect(matches, `${where}: expected error /${pattern}/, got ${failed.error.code}: ${failed.error.message}`).toBe(true);
}

function checkQuery(record: Extract<SltRecord, { kind: 'query' }>, outcomes: StatementOutcome[], where: string, lines: string[], edits: Edits): void {
  const last = outcomes[outcomes.length - 1];
  const failed = outcomes.find((o) => !o.ok);
  expect(failed, `${where}: query failed: ${describeOutcome(failed)}`).toBeUndefined();
  if (!last || !last.ok) return;
  const letters = last.result.columns.map(typeLetter).join('');
  let actual = last.result.rows.map(formatRow);
  if (record.rowsort) actual = [...actual].sort((a, b) => normalizeRow(a).localeCompare(normalizeRow(b)));
  if (complete) {
    const header = lines[record.headerIndex]!.replace(/^query\s+\S+/, `query ${letters}`);
    edits.push({ from: record.headerIndex, to: record.headerIndex + 1, lines: [header] });
    const [start, end] = record.expectedLines;
    const hasSeparator = lines[start - 1]?.trim() === '----';
    edits.push({ from: start, to: end, lines: hasSeparator ? actual : ['----', ...actual] });
    return;
  }
  expect(letters, `${where}: column types`).toBe(record.types);
  const sort = (rows: string[]) => (record.rowsort ? [...rows].sort() : rows);
  expect(sort(actual.map(normalizeRow)), `${where}: rows`).toEqual(sort(record.expected.map(normalizeRow)));
}
