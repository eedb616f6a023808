import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCourseData, findTable, toCsv, generateChurnData, churnCsv } from '../../engine/seed';
import { TRUST_POLICY } from './helpers';

const root = join(__dirname, '..', '..');
const bin = join(root, 'bin', 'warehouse-lab.mjs');
let dir: string;
let workspace: string;
let bucket = 'wlab-spectrum-lecture';

function cli(args: string[]) {
  const r = spawnSync('node', [bin, ...args, '--workspace', workspace], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}
function sql(text: string) {
  const r = cli(['sql', '--format', 'json', '-c', text]);
  return { ...r, json: JSON.parse(r.stdout || '[]') as Array<{ rows?: unknown[][]; error?: { code: string; message: string }; scan?: { bytes: number; costUsd: number } }> };
}

let usc: { rowCount: number };
beforeAll(() => {
  execFileSync('node', [join(root, 'scripts', 'build-cli.mjs')], { cwd: root, stdio: 'ignore' });
  dir = mkdtempSync(join(tmpdir(), 'wlab-spectrum-cli-'));
  workspace = join(dir, 'ws');
  const table = findTable(generateCourseData(), 'raw_data.user_session_channel');
  usc = table;
  writeFileSync(join(dir, 'user_session_channel.csv'), toCsv(table));
  writeFileSync(join(dir, 'orange_telecom_customers.csv'), churnCsv(generateChurnData()));
  writeFileSync(join(dir, 'trust.json'), TRUST_POLICY);
}, 300_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the lecture through the CLI', () => {
  it('uploads the fact file to the local S3', () => {
    const up = cli(['aws', 's3', 'cp', 'user_session_channel.csv', `s3://${bucket}/usc/`]);
    expect(up.code).toBe(0);
    expect(up.stdout).toBe(`upload: ./user_session_channel.csv to s3://${bucket}/usc/user_session_channel.csv\n`);
    const ls = cli(['aws', 's3', 'ls', `s3://${bucket}/`]);
    expect(ls.stdout).toBe(`${' '.repeat(27)}PRE usc/\n`);
    const lsr = cli(['aws', 's3', 'ls', `s3://${bucket}/usc/`]);
    expect(lsr.stdout).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d +\d+ user_session_channel\.csv\n$/);
  });

  it('creates the role, attaches S3 and Glue, associates it with the cluster', () => {
    const created = cli(['aws', 'iam', 'create-role', '--role-name', 'redshift.spectrum', '--assume-role-policy-document', 'file://trust.json']);
    expect(created.code).toBe(0);
    expect(JSON.parse(created.stdout).Role.Arn).toBe('arn:aws:iam::123456789012:role/redshift.spectrum');
    for (const p of ['AmazonS3FullAccess', 'AWSGlueConsoleFullAccess']) {
      expect(cli(['aws', 'iam', 'attach-role-policy', '--role-name', 'redshift.spectrum', '--policy-arn', `arn:aws:iam::aws:policy/${p}`]).code).toBe(0);
    }
    const assoc = cli(['aws', 'redshift', 'modify-cluster-iam-roles', '--cluster-identifier', 'redshift-cluster-1', '--add-iam-roles', 'arn:aws:iam::123456789012:role/redshift.spectrum']);
    expect(JSON.parse(assoc.stdout).Cluster.IamRoles[0].IamRoleArn).toBe('arn:aws:iam::123456789012:role/redshift.spectrum');
  });

  it('runs sections 4 as written: external schema and table, dimension table, the join', () => {
    const ddl = sql(`CREATE EXTERNAL SCHEMA external_schema
FROM data catalog
DATABASE 'myspectrum_db'
IAM_ROLE 'arn:aws:iam::123456789012:role/redshift.spectrum'
CREATE EXTERNAL DATABASE IF NOT EXISTS;
CREATE EXTERNAL TABLE external_schema.user_session_channel (
    userid integer,
    sessionid varchar(32),
    channel varchar(32)
)
row format delimited     -- 한 줄이 한 레코드에 해당
fields terminated by ',' -- csv파일 -> 콤마 기준
stored as textfile       -- 텍스트 파일로 저장되어 있음
location 's3://${bucket}/usc/';
CREATE TABLE raw_data.user_property AS
SELECT
    userid,
    CASE WHEN CAST(random() * 2 as int) = 0 THEN 'male' ELSE 'female' END gender,
    (CAST(random() * 50 as int) + 18) age
FROM (
    SELECT DISTINCT userid
    FROM raw_data.user_session_channel
);`);
    expect(ddl.code, ddl.stdout + ddl.stderr).toBe(0);
    const join = sql(`SELECT gender, COUNT(1)
FROM external_schema.user_session_channel usc
JOIN raw_data.user_property up ON usc.userid = up.userid
GROUP BY 1;`);
    expect(join.code, join.stdout).toBe(0);
    const rows = join.json[0]!.rows!;
    expect(rows.map((r) => r[0]).sort()).toEqual(['female', 'male']);
    expect(rows.reduce((n, r) => n + Number(r[1]), 0)).toBe(usc.rowCount);
    expect(join.json[0]!.scan!.bytes).toBeGreaterThan(1_000_000);
    const summary = sql(`SELECT trim(external_table_name), s3_scanned_rows, s3_scanned_bytes, files, cost_usd FROM svl_s3query_summary ORDER BY query DESC LIMIT 1`);
    const [name, scannedRows, bytes, files, cost] = summary.json[0]!.rows![0]!;
    expect([name, Number(scannedRows), Number(files)]).toEqual(['external_schema.user_session_channel', usc.rowCount, 1]);
    expect(Number(bytes)).toBe(join.json[0]!.scan!.bytes);
    expect(Number(cost)).toBeCloseTo(Math.max(10, Math.ceil(Number(bytes) / 2 ** 20)) * 5 / 2 ** 20, 9);
  });

  it('sees a new object under the location in the next query, and the catalog survives a restart', () => {
    writeFileSync(join(dir, 'extra.csv'), '999999,abc,Organic\n');
    expect(cli(['aws', 's3', 'cp', 'extra.csv', `s3://${bucket}/usc/extra.csv`]).code).toBe(0);
    const r = sql('SELECT count(*), count(DISTINCT "$path") FROM external_schema.user_session_channel');
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const table = cli(['sql', '-c', "SELECT channel FROM external_schema.user_session_channel WHERE userid = 999999"]);
    expect(table.stdout).toContain('Organic');
    expect(table.stderr).toMatch(/Spectrum scan: \d+ bytes, 2 files, \$0\.0000/);
    expect(r.json[0]!.rows![0]!.map(Number)).toEqual([usc.rowCount + 1, 2]);
    const cols = sql(`SELECT columnname, external_type FROM svv_external_columns WHERE tablename = 'user_session_channel' ORDER BY columnnum`);
    expect(cols.json[0]!.rows).toEqual([['userid', 'integer'], ['sessionid', 'varchar(32)'], ['channel', 'varchar(32)']]);
  });

  it("loads the churn CSV with the lecture's COPY", () => {
    expect(cli(['aws', 's3', 'cp', 'orange_telecom_customers.csv', `s3://${bucket}/redshift_ml/`]).code).toBe(0);
    const r = sql(`CREATE TABLE raw_data.orange_telecom_customers (
  state varchar(2), account_length integer, area_code integer, international_plan varchar, voice_mail_plan varchar,
  number_vmail_messages integer, total_day_minutes float8, total_day_calls integer, total_day_charge float8,
  total_eve_minutes float8, total_eve_calls integer, total_eve_charge float8, total_night_minutes float8,
  total_night_calls integer, total_night_charge float8, total_intl_minutes float8, total_intl_calls integer,
  total_intl_charge float8, customer_service_calls integer, churn varchar, purpose varchar);
COPY raw_data.orange_telecom_customers
FROM 's3://${bucket}/redshift_ml/orange_telecom_customers.csv'
CREDENTIALS 'aws_iam_role=arn:aws:iam::123456789012:role/redshift.spectrum'
delimiter ',' dateformat 'auto' timeformat 'auto' IGNOREHEADER 1
removequotes;
SELECT purpose, count(*) FROM raw_data.orange_telecom_customers GROUP BY 1 ORDER BY 1;`);
    expect(r.code, r.stdout).toBe(0);
    expect(r.json[2]!.rows!.map((row) => [row[0], Number(row[1])])).toEqual([['Test', 667], ['Train', 2666]]);
  });
});
