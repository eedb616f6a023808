import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TRUST_POLICY } from './helpers';

// Every CLI command is its own process: the data catalog must come back from the workspace each time.
const root = join(__dirname, '..', '..');
const bin = join(root, 'bin', 'warehouse-lab.mjs');
const bucket = 'wlab-catalog-restart';
const role = 'arn:aws:iam::123456789012:role/spectrum.restart';
let dir: string;

function cli(args: string[]) {
  const r = spawnSync('node', [bin, ...args, '--workspace', join(dir, 'ws')], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}
type Result = { rows?: unknown[][]; error?: { code: string; message: string } };
function sql(text: string): Result[] {
  const r = cli(['sql', '--format', 'json', '-c', text]);
  return JSON.parse(r.stdout || '[]') as Result[];
}

beforeAll(() => {
  execFileSync('node', [join(root, 'scripts', 'build-cli.mjs')], { cwd: root, stdio: 'ignore' });
  dir = mkdtempSync(join(tmpdir(), 'wlab-catalog-restart-'));
  for (const [day, rows] of [['2024-01-01', '1,a\n2,b\n'], ['2024-01-02', '3,c\n4,d\n5,e\n']] as const) {
    mkdirSync(join(dir, day));
    writeFileSync(join(dir, day, 'part.csv'), rows);
  }
  writeFileSync(join(dir, 'trust.json'), TRUST_POLICY);
}, 300_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the data catalog across CLI processes', () => {
  it('sets up the role and the objects', () => {
    expect(cli(['aws', 'iam', 'create-role', '--role-name', 'spectrum.restart', '--assume-role-policy-document', 'file://trust.json']).code).toBe(0);
    for (const p of ['AmazonS3FullAccess', 'AWSGlueConsoleFullAccess']) {
      expect(cli(['aws', 'iam', 'attach-role-policy', '--role-name', 'spectrum.restart', '--policy-arn', `arn:aws:iam::aws:policy/${p}`]).code).toBe(0);
    }
    expect(cli(['aws', 'redshift', 'modify-cluster-iam-roles', '--cluster-identifier', 'redshift-cluster-1', '--add-iam-roles', role]).code).toBe(0);
    for (const day of ['2024-01-01', '2024-01-02']) {
      expect(cli(['aws', 's3', 'cp', join(day, 'part.csv'), `s3://${bucket}/events/day=${day}/part.csv`]).code).toBe(0);
    }
  });

  it('creates an external schema and a partitioned table in one process', () => {
    const r = sql(`CREATE EXTERNAL SCHEMA ext_r FROM DATA CATALOG DATABASE 'restart_db' IAM_ROLE '${role}' CREATE EXTERNAL DATABASE IF NOT EXISTS;
CREATE EXTERNAL TABLE ext_r.events (id integer, tag varchar(8)) PARTITIONED BY (day date)
ROW FORMAT DELIMITED FIELDS TERMINATED BY ',' STORED AS TEXTFILE LOCATION 's3://${bucket}/events/';
ALTER TABLE ext_r.events ADD PARTITION (day='2024-01-01') LOCATION 's3://${bucket}/events/day=2024-01-01/';`);
    expect(r.map((x) => x.error)).toEqual([undefined, undefined, undefined]);
  });

  it('queries the table in a new process', () => {
    const [r] = sql('SELECT day, count(*) FROM ext_r.events GROUP BY 1 ORDER BY 1');
    expect(r!.error).toBeUndefined();
    expect(r!.rows!.map((row) => [String(row[0]), Number(row[1])])).toEqual([['2024-01-01', 2]]);
  });

  it('adds a partition in another process, and the next process reads it', () => {
    const [added] = sql(`ALTER TABLE ext_r.events ADD PARTITION (day='2024-01-02') LOCATION 's3://${bucket}/events/day=2024-01-02/'`);
    expect(added!.error).toBeUndefined();
    const [again] = sql(`ALTER TABLE ext_r.events ADD PARTITION (day='2024-01-02') LOCATION 's3://${bucket}/events/day=2024-01-02/'`);
    expect(again!.error?.message).toBe('Partition already exists.');
    const [r] = sql('SELECT day, count(*), max(tag) FROM ext_r.events GROUP BY 1 ORDER BY 1');
    expect(r!.rows!.map((row) => [String(row[0]), Number(row[1]), row[2]])).toEqual([['2024-01-01', 2, 'b'], ['2024-01-02', 3, 'e']]);
  });

  it('lists the catalog in SVV_EXTERNAL_* from a new process', () => {
    const [schemas, tables, columns, partitions] = sql(`SELECT schemaname, databasename FROM svv_external_schemas WHERE schemaname = 'ext_r';
SELECT tablename, location, is_partitioned FROM svv_external_tables WHERE schemaname = 'ext_r';
SELECT columnname, external_type, part_key FROM svv_external_columns WHERE schemaname = 'ext_r' ORDER BY columnnum;
SELECT "values", location FROM svv_external_partitions WHERE tablename = 'events' ORDER BY 1`);
    expect(schemas!.rows).toEqual([['ext_r', 'restart_db']]);
    expect(tables!.rows).toEqual([['events', `s3://${bucket}/events/`, 1]]);
    expect(columns!.rows).toEqual([['id', 'integer', 0], ['tag', 'varchar(8)', 0], ['day', 'date', 1]]);
    expect(partitions!.rows).toEqual([
      ['["2024-01-01"]', `s3://${bucket}/events/day=2024-01-01/`],
      ['["2024-01-02"]', `s3://${bucket}/events/day=2024-01-02/`],
    ]);
  });

  it('drops the table in a new process: it is gone from the catalog and from queries', () => {
    const [dropped] = sql('DROP TABLE ext_r.events');
    expect(dropped!.error).toBeUndefined();
    const [query, tables] = sql(`SELECT count(*) FROM ext_r.events;
SELECT count(*) FROM svv_external_tables WHERE schemaname = 'ext_r'`);
    expect(query!.error?.code).toBe('42P01');
    const [count] = sql(`SELECT count(*) FROM svv_external_tables WHERE schemaname = 'ext_r'`);
    expect(Number(count!.rows![0]![0])).toBe(0);
    expect(tables).toBeUndefined(); // the batch stopped at the error
  });

  it('drops the schema and its external database in a new process', () => {
    const [dropped] = sql('DROP SCHEMA ext_r DROP EXTERNAL DATABASE');
    expect(dropped!.error).toBeUndefined();
    const [schemas, namespaces] = sql(`SELECT count(*) FROM svv_external_schemas;
SELECT count(*) FROM pg_namespace WHERE nspname = 'ext_r'`);
    expect(Number(schemas!.rows![0]![0])).toBe(0);
    expect(Number(namespaces!.rows![0]![0])).toBe(0);
    // The database went with it: pointing a schema at it again needs CREATE EXTERNAL DATABASE.
    const [recreate] = sql(`CREATE EXTERNAL SCHEMA ext_r2 FROM DATA CATALOG DATABASE 'restart_db' IAM_ROLE '${role}'`);
    expect(recreate!.error?.message).toMatch(/External database "restart_db" does not exist/);
  });
});
