import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmbeddedWarehouse, Session } from '../../engine';
import { LocalS3 } from '../../engine/features/s3';
import { readJsonRecords, type JsonRecord } from '../../engine/features/copy/json-records';
import { openCopyWorkspace } from './copy-workspace';

let wh: EmbeddedWarehouse;
let s: Session;
let arn: string;
let s3: LocalS3;
beforeAll(async () => {
  ({ wh, s, s3, arn } = await openCopyWorkspace('JsonRole', ['AmazonS3FullAccess']));
  await s3.createBucket('json-bucket');
});
afterAll(async () => {
  await s?.close();
  await wh?.close();
});

const run = async (sql: string) => (await s.execute(sql)).at(-1)!;
const rows = async (sql: string) => {
  const o = await run(sql);
  if (!o.ok) throw new Error(`${sql}: ${o.error.message}`);
  return o.result.rows;
};
const copy = (table: string, key: string, options = "FORMAT AS JSON 'auto'") => run(`COPY ${table} FROM 's3://json-bucket/${key}' IAM_ROLE '${arn}' ${options}`);
const lastErrors = () =>
  rows(`SELECT line_number, trim(colname), trim(err_reason), err_code FROM stl_load_errors WHERE query = (SELECT max(query) FROM stl_load_errors) ORDER BY line_number`);

describe('reading JSON records', () => {
  it('finds root-level objects across lines, keeps number text and nested JSON', () => {
    const seen: JsonRecord[] = [];
    readJsonRecords('{"a": 1.10, "b": "x\\"y", "n": null}\n\n{"a":\n 12345678901234567890, "c": {"d": [1, 2]}}\n[1, 2]\n{"a": }\n{"a": 2}', (r) => seen.push(r));
    expect(seen.map((r) => r.line)).toEqual([1, 3, 5, 6, 7]);
    expect([...seen[0]!.members!]).toEqual([['a', { kind: 'scalar', text: '1.10', isString: false }], ['b', { kind: 'scalar', text: 'x"y', isString: true }], ['n', { kind: 'null' }]]);
    expect(seen[1]!.members!.get('a')).toEqual({ kind: 'scalar', text: '12345678901234567890', isString: false });
    expect(seen[1]!.members!.get('c')).toEqual({ kind: 'nested', text: '{"d":[1,2]}' });
    expect(seen[2]!.problem).toMatch(/JSONPaths/);
    expect(seen[3]!.problem).toBe('Invalid JSON object');
    expect(seen[4]!.members!.get('a')).toEqual({ kind: 'scalar', text: '2', isString: false });
  });
});

describe("COPY … FORMAT AS JSON 'auto'", () => {
  it('matches members to columns by name, in any order; missing members are NULL, extra ones ignored', async () => {
    await rows('CREATE TABLE events (id integer NOT NULL, name varchar(10), amount decimal(12,2), seen timestamp, ok boolean, tags varchar(40))');
    await s3.put('json-bucket', 'events/a.json', [
      '{"name": "ann", "id": 1, "amount": 12.5, "seen": "2024-01-02 03:04:05", "ok": true, "tags": ["a", "b"], "extra": 1}',
      '{"id": 2}',
      '  {"id": 3, "name": "a,b\\nc", "amount": "7", "ok": false, "tags": {"k": "v"}}',
      '{"id": 4, "name": "", "amount": null}',
    ].join('\n'));
    const out = await copy('events', 'events/');
    expect(out.ok && out.result.rowCount).toBe(4);
    expect(out.ok && out.result.notices).toEqual(["INFO:  Load into table 'events' completed, 4 record(s) loaded successfully."]);
    expect(await rows('SELECT id, name, amount, seen, ok, tags FROM events ORDER BY id')).toEqual([
      [1, 'ann', '12.50', '2024-01-02 03:04:05', true, '["a","b"]'],
      [2, null, null, null, null, null],
      [3, 'a,b\nc', '7.00', null, false, '{"k":"v"}'],
      [4, '', null, null, null, null],
    ]);
  });

  it("matches names exactly with 'auto' and ignoring case with 'auto ignorecase'", async () => {
    await rows('CREATE TABLE people (userid integer, city varchar(10))');
    await s3.put('json-bucket', 'people/p.json', '{"UserId": 7, "CITY": "Seoul"}\n{"userid": 8, "city": "Busan"}\n');
    expect((await copy('people', 'people/')).ok).toBe(true);
    expect(await rows('SELECT userid, city FROM people ORDER BY userid NULLS FIRST')).toEqual([[null, null], [8, 'Busan']]);
    await rows('TRUNCATE people');
    expect((await copy('people', 'people/', "JSON 'auto ignorecase'")).ok).toBe(true);
    expect(await rows('SELECT userid, city FROM people ORDER BY userid')).toEqual([[7, 'Seoul'], [8, 'Busan']]);
  });

  it('records bad records and values in STL_LOAD_ERRORS and loads nothing unless MAXERROR allows', async () => {
    await rows('CREATE TABLE strict_json (id integer NOT NULL, amount decimal(6,2))');
    await s3.put('json-bucket', 'bad/b.json', '{"id": 1, "amount": 1}\n{"id": "x1"}\n{"amount": 2}\n{"id": 4, "amount": "NaN"}\n{"id": 5,\n[1]\n{"id": 6, "amount": {"a": 1}}\n');
    const failed = await copy('strict_json', 'bad/');
    expect(!failed.ok && failed.error.message).toBe("Load into table 'strict_json' failed.  Check 'stl_load_errors' system table for details.");
    expect(await rows('SELECT count(*) FROM strict_json')).toEqual([[0]]);
    expect(await lastErrors()).toEqual([
      [2, 'id', "Invalid digit, Value 'x', Pos 0, Type: Integer", 1207],
      [3, 'id', 'Missing data for not-null field', 1213],
      [4, 'amount', "Invalid digit, Value 'N', Pos 0, Type: Decimal", 1209],
      [5, '', 'Invalid JSON object', 1216],
      [7, 'amount', 'Invalid value for numeric: a JSON object', 1216],
    ]);
    const partial = await copy('strict_json', 'bad/', "FORMAT JSON 'auto' MAXERROR 10");
    expect(partial.ok && partial.result.rowCount).toBe(1);
  });

  it('refuses options that belong to delimited text, and JSONPaths files', async () => {
    const clash = await copy('people', 'people/', "JSON 'auto' DELIMITER ','");
    expect(!clash.ok && [clash.error.code, clash.error.message]).toEqual(['42601', 'DELIMITER argument is not supported for JSON based COPY']);
    const csv = await copy('people', 'people/', "CSV JSON 'auto'");
    expect(!csv.ok && csv.error.message).toBe('CSV argument is not supported for JSON based COPY');
    const paths = await copy('people', 'people/', "JSON 's3://json-bucket/paths.json'");
    expect(!paths.ok && paths.error.code).toBe('0A000');
    expect(!paths.ok && paths.error.message).toMatch(/use JSON 'auto'/);
  });
});
