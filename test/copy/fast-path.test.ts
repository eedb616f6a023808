import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmbeddedWarehouse, Session, StatementOutcome } from '../../engine';
import { LocalS3 } from '../../engine/features/s3';
import { parseCopy } from '../../engine/features/copy/copy-options';
import { fastPlan, scanFast } from '../../engine/features/copy/fast-scan';
import type { TargetColumn } from '../../engine/features/copy/field-types';
import { splitStatements } from '../../engine/sql/splitter';
import { openCopyWorkspace } from './copy-workspace';

let wh: EmbeddedWarehouse;
let s: Session;
let arn: string;
let s3: LocalS3;
beforeAll(async () => {
  ({ wh, s, s3, arn } = await openCopyWorkspace('CopyRole', ['AmazonS3FullAccess', 'AWSGlueConsoleFullAccess']));
});
afterAll(async () => {
  await s?.close();
  await wh?.close();
});

const ok = (o: StatementOutcome) => {
  if (!o.ok) throw new Error(`${o.sql}: ${o.error.message}`);
  return o.result;
};
const q = async (sql: string) => ok((await s.execute(sql)).at(-1)!);
const rows = async (sql: string) => (await q(sql)).rows;
const err = async (sql: string) => {
  const last = (await s.execute(sql)).at(-1)!;
  if (last.ok) throw new Error(`expected an error from ${sql}`);
  return last.error;
};
const lastErrors = () =>
  rows(`SELECT line_number, trim(colname), trim(err_reason) FROM stl_load_errors WHERE query = (SELECT max(query) FROM stl_load_errors) ORDER BY line_number`);

const COLUMNS: TargetColumn[] = [
  { name: 'id', type: 'integer', notNull: true },
  { name: 'name', type: 'character varying(6)', notNull: false },
  { name: 'day', type: 'date', notNull: false },
  { name: 'seen', type: 'timestamp without time zone', notNull: false },
  { name: 'score', type: 'numeric(6,2)', notNull: false },
];
const plan = (options: string) => fastPlan(parseCopy(splitStatements(`COPY t FROM 's3://b/k' IAM_ROLE 'x' ${options}`)[0]!), COLUMNS, (n) => `"${n}"`);
const scan = (text: string, options = "DELIMITER ','") => {
  const p = plan(options);
  return p ? scanFast(new TextEncoder().encode(text), p) : 'no plan';
};

describe('the fast-path scan', () => {
  it('accepts plainly valid rows and counts them', () => {
    expect(scan('1,ann,2024-01-02,2024-01-02 03:04:05,1.5\n2,,,,\n')).toBe(2);
    expect(scan('id,name\r\n1,ann,2024-01-02,2024-01-02 03:04:05,-1\r\n', "DELIMITER ',' IGNOREHEADER 1")).toBe(1);
    expect(scan('1|bo|2024-01-02|2024-01-02T03:04:05.25|2', "DATEFORMAT 'auto' TIMEFORMAT 'auto'")).toBe(1);
    expect(scan('')).toBe(0);
  });

  it('sends anything PostgreSQL would read differently from Redshift to the row-checking path', () => {
    for (const text of [
      '0x1F,a,,,\n', // PostgreSQL reads hex integers, Redshift does not
      '1_000,a,,,\n',
      '1,"a,b",,,\n', // quoting
      '1,a\\N,,,\n', // backslashes (NULL AS '\N')
      '1,ab,01/02/2024,,\n', // a date only DATEFORMAT 'auto' reads
    ]) expect(scan(text), text).toBeUndefined();
    expect(scan('1,안녕,,,\n')).toBe(1); // 6 bytes in varchar(6) is fine …
    expect(scan('1,안녕하,,,\n')).toBeUndefined(); // … 9 bytes is not
    expect(scan('"id,name\n1,a,,,\n', "DELIMITER ',' IGNOREHEADER 1")).toBeUndefined(); // a quote in the header
    expect(scan('1,a,,,\n\n2,b,,,\n')).toBeUndefined(); // blank line
    expect(scan('1,a,,\n')).toBeUndefined(); // missing field
    expect(scan('1,a,,,,\n')).toBeUndefined(); // extra field
    expect(scan(',a,,,\n')).toBeUndefined(); // NULL into NOT NULL
    expect(scan('1,a,,2024-01-02T03:04:05,\n')).toBeUndefined(); // T only with TIMEFORMAT 'auto'
    expect(scan('1e3,a,,,\n')).toBeUndefined();
    expect(scan('1,a,,,1e3\n')).toBeUndefined(); // exponent in a DECIMAL
  });

  it('has no plan for options PostgreSQL cannot apply', () => {
    for (const options of ["FILLRECORD", 'TRIMBLANKS', 'BLANKSASNULL', 'TRUNCATECOLUMNS', 'IGNOREHEADER 2', "NULL AS 'nil'", "DATEFORMAT 'MM/DD/YYYY'", 'NOLOAD']) {
      expect(plan(options), options).toBeUndefined();
    }
    expect(plan("NULL AS ''")?.copyOptions).not.toContain('FORCE_NOT_NULL');
    expect(plan('EMPTYASNULL')?.copyOptions).not.toContain('FORCE_NOT_NULL');
    expect(plan('')?.copyOptions).toContain('FORCE_NOT_NULL ("name")');
  });
});

describe('COPY through the fast path and the checking path', () => {
  const copy = (table: string, key: string, options = '') => `COPY ${table} FROM 's3://copy-bucket/${key}' IAM_ROLE '${arn}' ${options}`;

  it('loads the same values either way (empty strings, NULLs, dates, timestamps, numbers, CRLF, header)', async () => {
    const file = 'id|name|day|seen|score\r\n1|ann|2024-01-02|2024-01-02 03:04:05|1.5\r\n2||||\r\n3|안녕|2024-02-29|2024-12-31 23:59:59.5|-0.25\r\n4| x |2001-01-01|2001-01-01 00:00:00|7\r\n';
    await s3.put('copy-bucket', 'same/a.txt', file);
    await q('CREATE TABLE fast_t (id integer NOT NULL, name varchar(6), day date, seen timestamp, score numeric(6,2))');
    await q('CREATE TABLE checked_t (LIKE fast_t)');
    expect(scan(file.replace(/^.*\r\n/, ''), '')).toBe(4); // the fast path takes this file
    expect((await q(copy('fast_t', 'same/', 'IGNOREHEADER 1'))).rowCount).toBe(4);
    // MAXERROR keeps the meaning; ACCEPTANYDATE is accepted and ignored; FILLRECORD forces the checking path without changing full rows.
    expect((await q(copy('checked_t', 'same/', 'IGNOREHEADER 1 FILLRECORD'))).rowCount).toBe(4);
    const all = 'SELECT id, name, day, seen, score FROM %t ORDER BY id';
    const fast = await rows(all.replace('%t', 'fast_t'));
    expect(fast).toEqual(await rows(all.replace('%t', 'checked_t')));
    expect(fast).toEqual([
      [1, 'ann', '2024-01-02', '2024-01-02 03:04:05', '1.50'],
      [2, '', null, null, null],
      [3, '안녕', '2024-02-29', '2024-12-31 23:59:59.5', '-0.25'],
      [4, ' x ', '2001-01-01', '2001-01-01 00:00:00', '7.00'],
    ]);
    await q('TRUNCATE fast_t');
    await q(copy('fast_t', 'same/', "IGNOREHEADER 1 NULL AS ''"));
    expect(await rows('SELECT name IS NULL FROM fast_t WHERE id = 2')).toEqual([[true]]);
  });

  it("falls back to Redshift's reasons when PostgreSQL refuses a row the scan let through, and loads nothing", async () => {
    await q('CREATE TABLE strict_t (id integer NOT NULL, name varchar(6), day date, seen timestamp, score numeric(6,2))');
    await s3.put('copy-bucket', 'two/1.txt', '1|a|2024-01-01||\n2|b|2024-01-02||\n');
    await s3.put('copy-bucket', 'two/2.txt', '3|c|2024-02-30||\n99999999999|d|||\n5|e|||12345.6\n');
    const e = await err(copy('strict_t', 'two/'));
    expect(e.message).toBe("Load into table 'strict_t' failed.  Check 'stl_load_errors' system table for details.");
    expect(await rows('SELECT count(*) FROM strict_t')).toEqual([[0]]);
    expect(await lastErrors()).toEqual([
      [1, 'day', "Invalid Date Format - Value '2024-02-30', DATEFORMAT 'YYYY-MM-DD'"],
      [2, 'id', "Overflow, Value '99999999999', Type: Integer"],
      [3, 'score', "Numeric data overflow (result precision), Value '12345.6', Type: Decimal(6,2)"],
    ]);
    const partial = await q(copy('strict_t', 'two/', 'MAXERROR 5'));
    expect(partial.rowCount).toBe(2);
    expect(await rows('SELECT id FROM strict_t ORDER BY id')).toEqual([[1], [2]]);
  });

  it('reports values PostgreSQL would have read but Redshift refuses', async () => {
    await q('CREATE TABLE lenient_t (id integer, day date, name varchar(4))');
    await s3.put('copy-bucket', 'lenient/a.txt', '0x1F|2024-01-01|ok\n1_000|2024-01-01|ok\n1|01/02/2024|ok\n2|2024-01-01|한글\n');
    await err(copy('lenient_t', 'lenient/'));
    expect(await lastErrors()).toEqual([
      [1, 'id', "Invalid digit, Value 'x', Pos 1, Type: Integer"],
      [2, 'id', "Invalid digit, Value '_', Pos 1, Type: Integer"],
      [3, 'day', "Invalid Date Format - Value '01/02/2024', DATEFORMAT 'YYYY-MM-DD'"],
      [4, 'name', 'String length exceeds DDL length'],
    ]);
  });

  it('keeps a fast load inside a transaction block until COMMIT and undoes it on ROLLBACK', async () => {
    await q('CREATE TABLE tx_t (id integer NOT NULL, name varchar(6), day date, seen timestamp, score numeric(6,2))');
    await s.execute(`BEGIN; ${copy('tx_t', 'two/1.txt')}; ROLLBACK;`);
    expect(await rows('SELECT count(*) FROM tx_t')).toEqual([[0]]);
    await s.execute(`BEGIN; ${copy('tx_t', 'two/1.txt')}; COMMIT;`);
    expect(await rows('SELECT count(*) FROM tx_t')).toEqual([[2]]);
  });
});

describe('system records and ROLLBACK', () => {
  it('keeps STL_LOAD_ERRORS rows of a COPY inside a transaction that rolls back, without duplicates after COMMIT', async () => {
    await q('CREATE TABLE rb_t (id integer)');
    await s3.put('copy-bucket', 'rb/x.txt', '1\nx1\n2\n');
    const inTx = await s.execute(`BEGIN; ${`COPY rb_t FROM 's3://copy-bucket/rb/' IAM_ROLE '${arn}' MAXERROR 5`}; SELECT count(*) FROM stl_load_errors WHERE trim(raw_line) = 'x1'; ROLLBACK;`);
    expect(Number(ok(inTx[2]!).rows[0]![0])).toBe(1); // visible at once
    expect(await rows(`SELECT line_number, trim(err_reason) FROM stl_load_errors WHERE trim(raw_line) = 'x1'`)).toEqual([[2, "Invalid digit, Value 'x', Pos 0, Type: Integer"]]);
    expect(await rows('SELECT count(*) FROM rb_t')).toEqual([[0]]);
    await s.execute(`BEGIN; COPY rb_t FROM 's3://copy-bucket/rb/' IAM_ROLE '${arn}' MAXERROR 5; COMMIT;`);
    await q('SELECT 1');
    expect(await rows(`SELECT count(*) FROM stl_load_errors WHERE trim(raw_line) = 'x1'`)).toEqual([[2]]);
  });

  it('keeps SVL_S3QUERY_SUMMARY rows of an external scan inside a transaction that rolls back', async () => {
    await s3.put('copy-bucket', 'ext/a.csv', '1,a\n2,b\n');
    await q(`CREATE EXTERNAL SCHEMA rb_ext FROM DATA CATALOG DATABASE 'rb_db' IAM_ROLE '${arn}' CREATE EXTERNAL DATABASE IF NOT EXISTS`);
    await q(`CREATE EXTERNAL TABLE rb_ext.t (id integer, v varchar(4)) ROW FORMAT DELIMITED FIELDS TERMINATED BY ',' STORED AS TEXTFILE LOCATION 's3://copy-bucket/ext/'`);
    const out = await s.execute('BEGIN; SELECT count(*) FROM rb_ext.t; ROLLBACK;');
    expect(ok(out[1]!).rows).toEqual([[2]]);
    const recorded = await rows(`SELECT trim(external_table_name), s3_scanned_rows, s3_scanned_bytes FROM svl_s3query_summary WHERE trim(external_table_name) = 'rb_ext.t'`);
    expect(recorded).toEqual([['rb_ext.t', 2, 8]]);
  });
});
