import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDBInstance } from '@duckdb/node-api';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openTempWorkspace } from '../../engine/node';
import type { EmbeddedWarehouse, Session, StatementOutcome } from '../../engine';
import { LocalS3 } from '../../engine/features/s3';
import { aws, makeRole, memoryIo } from './helpers';

let wh: EmbeddedWarehouse;
let s: Session;
let arn: string;
let s3: LocalS3;
beforeAll(async () => {
  wh = await openTempWorkspace();
  s = await wh.session();
  s3 = new LocalS3(wh.store);
  arn = await makeRole(wh, 'LabRole', ['AmazonS3FullAccess', 'AWSGlueConsoleFullAccess']);
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
const err = async (sql: string, session = s) => {
  const out = await session.execute(sql);
  const last = out.at(-1)!;
  if (last.ok) throw new Error(`expected an error from ${sql}`);
  return last.error;
};

describe('aws s3 and iam console', () => {
  it('rejects bad bucket names and refuses to remove a non-empty bucket', async () => {
    const bad = await aws(wh, ['s3', 'mb', 's3://Bad_Bucket']);
    expect(bad.exitCode).toBe(1);
    expect(bad.stderr).toMatch(/^make_bucket failed: s3:\/\/Bad_Bucket An error occurred \(InvalidBucketName\) when calling the CreateBucket operation/);
    expect((await aws(wh, ['s3', 'mb', 's3://empty-bucket'])).stdout).toBe('make_bucket: empty-bucket\n');
    await s3.put('full-bucket', 'a/b.csv', 'x');
    const rb = await aws(wh, ['s3', 'rb', 's3://full-bucket']);
    expect(rb.stderr).toContain('(BucketNotEmpty)');
    const forced = await aws(wh, ['s3', 'rb', 's3://full-bucket', '--force']);
    expect(forced.stdout).toBe('delete: s3://full-bucket/a/b.csv\nremove_bucket: full-bucket\n');
    const ls = await aws(wh, ['s3', 'ls']);
    expect(ls.stdout).toMatch(/ empty-bucket\n/);
    expect(ls.stdout).not.toMatch(/full-bucket/);
    const missing = await aws(wh, ['s3', 'ls', 's3://no-such-bucket/']);
    expect([missing.exitCode, missing.stderr.trim()]).toEqual([254, 'An error occurred (NoSuchBucket) when calling the ListObjectsV2 operation: The specified bucket does not exist']);
  });

  it('copies folders recursively, lists recursively, removes by prefix', async () => {
    const io = memoryIo({ 'data/a.csv': '1\n', 'data/sub/b.csv': '2\n' });
    const up = await aws(wh, ['s3', 'cp', 'data', 's3://copy-bucket/in/', '--recursive'], io);
    expect(up.stdout).toBe('upload: ./data/a.csv to s3://copy-bucket/in/a.csv\nupload: ./data/sub/b.csv to s3://copy-bucket/in/sub/b.csv\n');
    const lsr = await aws(wh, ['s3', 'ls', 's3://copy-bucket/', '--recursive']);
    expect(lsr.stdout.split('\n').filter(Boolean).map((l) => l.split(/\s+/).slice(2).join(' '))).toEqual(['2 in/a.csv', '2 in/sub/b.csv']);
    const down = await aws(wh, ['s3', 'cp', 's3://copy-bucket/in/a.csv', 'out.csv'], io);
    expect(down.stdout).toBe('download: s3://copy-bucket/in/a.csv to ./out.csv\n');
    expect(new TextDecoder().decode(io.files['out.csv'] as Uint8Array)).toBe('1\n');
    const missingKey = await aws(wh, ['s3', 'cp', 's3://copy-bucket/nope.csv', 'x.csv'], io);
    expect(missingKey.stderr).toContain('(404) when calling the HeadObject operation: Key "nope.csv" does not exist');
    const rm = await aws(wh, ['s3', 'rm', 's3://copy-bucket/in/', '--recursive']);
    expect(rm.stdout).toBe('delete: s3://copy-bucket/in/a.csv\ndelete: s3://copy-bucket/in/sub/b.csv\n');
    expect(await s3.list('copy-bucket', '')).toEqual([]);
  });

  it('answers IAM mistakes with AWS errors', async () => {
    const dup = await aws(wh, ['iam', 'create-role', '--role-name', 'LabRole', '--assume-role-policy-document', '{}']);
    expect(dup.stderr.trim()).toBe('An error occurred (EntityAlreadyExists) when calling the CreateRole operation: Role with name LabRole already exists.');
    const badJson = await aws(wh, ['iam', 'create-role', '--role-name', 'X', '--assume-role-policy-document', '{nope']);
    expect(badJson.stderr).toContain('(MalformedPolicyDocument)');
    const unknown = await aws(wh, ['iam', 'attach-role-policy', '--role-name', 'LabRole', '--policy-arn', 'arn:aws:iam::aws:policy/Nope']);
    expect(unknown.stderr.trim()).toBe('An error occurred (NoSuchEntity) when calling the AttachRolePolicy operation: Policy arn:aws:iam::aws:policy/Nope does not exist or is not attachable.');
    const del = await aws(wh, ['iam', 'delete-role', '--role-name', 'LabRole']);
    expect(del.stderr).toContain('(DeleteConflict) when calling the DeleteRole operation: Cannot delete entity, must detach all policies first.');
    const listed = JSON.parse((await aws(wh, ['iam', 'list-attached-role-policies', '--role-name', 'LabRole'])).stdout);
    expect(listed.AttachedPolicies.map((p: { PolicyName: string }) => p.PolicyName)).toEqual(['AmazonS3FullAccess', 'AWSGlueConsoleFullAccess']);
  });
});

describe('COPY', () => {
  it('loads a prefix, a manifest and gzip files; IAM_ROLE default works once set', async () => {
    await q('CREATE TABLE public.people (id integer NOT NULL, name varchar(8), born date, seen timestamp, score numeric(5,2))');
    await s3.put('load-bucket', 'people/part-1.txt', '1|ann|2001-02-03|2024-01-02 03:04:05|1.5\n2|bo|2002-03-04|2024-01-02 03:04:06|2\n');
    await s3.put('load-bucket', 'people/part-2.txt', '3||2003-04-05||\n');
    const r = await q(`COPY people FROM 's3://load-bucket/people/' IAM_ROLE '${arn}'`);
    expect([r.command, r.rowCount]).toEqual(['COPY', 3]);
    expect((await q('SELECT id, name, born, seen, score FROM people ORDER BY id')).rows).toEqual([
      [1, 'ann', '2001-02-03', '2024-01-02 03:04:05', '1.50'], [2, 'bo', '2002-03-04', '2024-01-02 03:04:06', '2.00'], [3, '', '2003-04-05', null, null],
    ]);
    await s3.put('load-bucket', 'gz/p.txt.gz', gzipSync('4,"dee, d",03/04/2005,,\n'));
    await s3.put('load-bucket', 'm.manifest', JSON.stringify({ entries: [{ url: 's3://load-bucket/gz/p.txt.gz', mandatory: true }] }));
    expect((await err(`COPY people FROM 's3://load-bucket/m.manifest' IAM_ROLE default MANIFEST GZIP CSV DATEFORMAT 'MM/DD/YYYY'`)).message).toMatch(/^Default IAM role is not set/);
    await aws(wh, ['redshift', 'modify-cluster-iam-roles', '--cluster-identifier', 'redshift-cluster-1', '--default-iam-role-arn', arn]);
    const m = await q(`COPY people FROM 's3://load-bucket/m.manifest' IAM_ROLE default MANIFEST GZIP CSV DATEFORMAT 'MM/DD/YYYY'`);
    expect(m.rowCount).toBe(1);
    expect((await q('SELECT name, born FROM people WHERE id = 4')).rows).toEqual([['dee, d', '2005-03-04']]);
  });

  it('fails atomically with STL_LOAD_ERRORS rows that survive; MAXERROR lets good rows in with an INFO', async () => {
    await s3.put('load-bucket', 'bad/x.txt', '10|ok|2001-01-01||\n11x|bad|2001-01-01||\n12|waytoolongname|2001-01-01||\n13|extra|2001-01-01|||9\n|nul|2001-01-01||\n14|short\n');
    const before = (await q('SELECT count(*) FROM people')).rows[0]![0];
    const e = await err(`COPY people FROM 's3://load-bucket/bad/' IAM_ROLE '${arn}'`);
    expect([e.code, e.message]).toEqual(['XX000', "Load into table 'people' failed.  Check 'stl_load_errors' system table for details."]);
    expect((await q('SELECT count(*) FROM people')).rows[0]![0]).toBe(before);
    const errors = (await q(`SELECT line_number, trim(colname), trim(err_reason), err_code, trim(filename) FROM stl_load_errors WHERE query = (SELECT max(query) FROM stl_load_errors) ORDER BY line_number`)).rows;
    expect(errors).toEqual([
      [2, 'id', "Invalid digit, Value 'x', Pos 2, Type: Integer", 1207, 's3://load-bucket/bad/x.txt'],
      [3, 'name', 'String length exceeds DDL length', 1204, 's3://load-bucket/bad/x.txt'],
      [4, 'score', 'Extra column(s) found', 1202, 's3://load-bucket/bad/x.txt'],
      [5, 'id', 'Missing data for not-null field', 1213, 's3://load-bucket/bad/x.txt'],
      [6, 'born', 'Delimiter not found', 1214, 's3://load-bucket/bad/x.txt'],
    ]);
    const partial = await q(`COPY people FROM 's3://load-bucket/bad/' IAM_ROLE '${arn}' MAXERROR 10 TRUNCATECOLUMNS`);
    expect(partial.rowCount).toBe(2);
    expect(partial.notices).toContain("INFO:  Load into table 'people' completed, 4 record(s) could not be loaded.  Check 'stl_load_errors' system table for details.");
    expect((await q('SELECT name FROM people WHERE id = 12')).rows).toEqual([['waytoolo']]);
  });

  it('reports load errors of a COPY that failed inside a transaction block at once', async () => {
    const inTx = await s.execute(`BEGIN; COPY people FROM 's3://load-bucket/bad/x.txt' IAM_ROLE '${arn}'; SELECT count(*) FROM stl_load_errors; ROLLBACK;`, { continueOnError: true });
    expect(inTx[1]!.ok).toBe(false);
    expect(Number(ok(inTx[2]!).rows[0]![0])).toBeGreaterThan(0);
  });

  it('checks the role, the privilege and the source', async () => {
    const noS3 = await makeRole(wh, 'GlueOnly', ['AWSGlueConsoleFullAccess']);
    expect((await err(`COPY people FROM 's3://load-bucket/people/' IAM_ROLE '${noS3}'`)).message).toMatch(/^S3ServiceException:Access Denied,Status 403/);
    const unassociated = await makeRole(wh, 'Loose', ['AmazonS3FullAccess'], { associate: false });
    expect((await err(`COPY people FROM 's3://load-bucket/people/' IAM_ROLE '${unassociated}'`)).message).toBe(
      `User arn:aws:redshift:ap-northeast-2:123456789012:dbuser:redshift-cluster-1/awsuser is not authorized to assume IAM Role ${unassociated}`,
    );
    expect((await err(`COPY people FROM 's3://load-bucket/nothing/' IAM_ROLE '${arn}'`)).message).toBe("The specified S3 prefix 'nothing/' does not exist");
    await q("CREATE USER loader PASSWORD 'Abcd1234'; GRANT USAGE ON SCHEMA public TO loader; GRANT SELECT ON people TO loader");
    const loader = await wh.session('loader');
    const denied = await err(`COPY people FROM 's3://load-bucket/people/' IAM_ROLE '${arn}'`, loader);
    expect([denied.code, denied.message]).toEqual(['42501', 'permission denied for relation people']);
    await loader.close();
  });
});

describe('external tables', () => {
  let parquetBytes: Uint8Array;
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wlab-pq-'));
    const duck = await DuckDBInstance.create(':memory:');
    const c = await duck.connect();
    await c.run(`COPY (SELECT i AS id, 'n' || i AS label FROM range(5) t(i)) TO '${dir}/t.parquet' (FORMAT parquet)`);
    parquetBytes = new Uint8Array(readFileSync(join(dir, 't.parquet')));
    c.closeSync();
    rmSync(dir, { recursive: true, force: true });
    await q(`CREATE EXTERNAL SCHEMA spectrum FROM DATA CATALOG DATABASE 'labdb' IAM_ROLE '${arn}' CREATE EXTERNAL DATABASE IF NOT EXISTS`);
  });

  it('prunes partitions, bills only what it reads, and lists partitions', async () => {
    await s3.put('sales-bucket', 'sales/month=1/a.csv', 'id,amount\n1,10\n2,20\n');
    await s3.put('sales-bucket', 'sales/month=2/a.csv', 'id,amount\n3,30\n');
    await q(`CREATE EXTERNAL TABLE spectrum.sales (id int, amount int) PARTITIONED BY (month int)
      ROW FORMAT DELIMITED FIELDS TERMINATED BY ',' STORED AS TEXTFILE LOCATION 's3://sales-bucket/sales/' TABLE PROPERTIES ('skip.header.line.count'='1')`);
    await q(`ALTER TABLE spectrum.sales ADD PARTITION (month=1) LOCATION 's3://sales-bucket/sales/month=1/' PARTITION (month=2) LOCATION 's3://sales-bucket/sales/month=2/'`);
    const all = await q('SELECT month, sum(amount) FROM spectrum.sales GROUP BY 1 ORDER BY 1');
    expect(all.rows).toEqual([[1, 30], [2, 30]]);
    expect(all.scan!.files).toBe(2);
    const one = await q('SELECT sum(amount) FROM spectrum.sales WHERE month = 2');
    expect([one.rows[0]![0], one.scan!.files, one.scan!.rows]).toEqual([30, 1, 1]);
    expect(one.scan!.costUsd).toBeCloseTo((10 * 5) / 1024 / 1024, 12);
    expect((await q(`SELECT "values", location FROM svv_external_partitions WHERE tablename = 'sales' ORDER BY 1`)).rows).toEqual([
      ['["1"]', 's3://sales-bucket/sales/month=1/'], ['["2"]', 's3://sales-bucket/sales/month=2/'],
    ]);
    const sizes = await q(`SELECT "$path", "$size", count(*) FROM spectrum.sales GROUP BY 1, 2 ORDER BY 1`);
    expect(sizes.rows).toEqual([
      ['s3://sales-bucket/sales/month=1/a.csv', 'id,amount\n1,10\n2,20\n'.length, 2],
      ['s3://sales-bucket/sales/month=2/a.csv', 'id,amount\n3,30\n'.length, 1],
    ]);
    await q('ALTER TABLE spectrum.sales DROP PARTITION (month=1)');
    expect((await q('SELECT count(*) FROM spectrum.sales')).rows[0]![0]).toBe(1);
    const star = await q('SELECT * FROM spectrum.sales');
    expect(star.columns.map((c) => c.name)).toEqual(['id', 'amount', 'month']);
  });

  it('reads Parquet and writes text objects with INSERT INTO … SELECT', async () => {
    await s3.put('lake-bucket', 'pq/t.parquet', parquetBytes);
    await q(`CREATE EXTERNAL TABLE spectrum.pq (id bigint, label varchar(10)) STORED AS PARQUET LOCATION 's3://lake-bucket/pq/'`);
    expect((await q('SELECT count(*), max(label) FROM spectrum.pq')).rows).toEqual([[5, 'n4']]);
    await q(`CREATE EXTERNAL TABLE spectrum.out (id int, label varchar(10)) ROW FORMAT DELIMITED FIELDS TERMINATED BY '|' STORED AS TEXTFILE LOCATION 's3://lake-bucket/out/'`);
    const ins = await q(`INSERT INTO spectrum.out SELECT id::int, label FROM spectrum.pq WHERE id < 3`);
    expect(ins.rowCount).toBe(3);
    const files = await s3.list('lake-bucket', 'out/');
    expect(files).toHaveLength(1);
    expect(files[0]!.key).toMatch(/^out\/\d{8}_\d{6}_\d{6}_\d+_0001_part_00\.txt$/);
    expect((await q('SELECT sum(id), count(*) FROM spectrum.out')).rows).toEqual([[3, 3]]);
  });

  it('refuses writes and grants that Redshift refuses; USAGE on the schema gives access', async () => {
    expect((await err('DELETE FROM spectrum.pq')).message).toBe('Operation not supported on external tables');
    expect((await err("UPDATE spectrum.pq SET label = 'x'")).message).toBe('Operation not supported on external tables');
    expect((await err(`COPY spectrum.pq FROM 's3://lake-bucket/pq/' IAM_ROLE '${arn}'`)).message).toBe("Amazon Redshift Spectrum external tables are read-only. You can't COPY to an external table.");
    expect((await err(`CREATE EXTERNAL TABLE spectrum.bad ("$path" int) STORED AS TEXTFILE LOCATION 's3://lake-bucket/x/'`)).message).toMatch(/reserved/);
    expect((await err(`CREATE EXTERNAL TABLE spectrum.bad2 (a int) PARTITIONED BY (a int) STORED AS TEXTFILE LOCATION 's3://lake-bucket/x/'`)).code).toBe('42701');
    await q("CREATE USER analyst PASSWORD 'Abcd1234'");
    const analyst = await wh.session('analyst');
    expect((await err('SELECT count(*) FROM spectrum.pq', analyst)).message).toBe('permission denied for schema spectrum');
    await q('GRANT USAGE ON SCHEMA spectrum TO analyst');
    expect(ok((await analyst.execute('SELECT count(*) FROM spectrum.pq'))[0]!).rows).toEqual([[5]]);
    expect(ok((await analyst.execute('SELECT count(DISTINCT "$path") FROM spectrum.pq'))[0]!).rows).toEqual([[1]]);
    await analyst.close();
  });

  it('needs Glue on the role for external schemas, and drops tables from the catalog', async () => {
    const s3only = await makeRole(wh, 'S3Only', ['AmazonS3ReadOnlyAccess']);
    expect((await err(`CREATE EXTERNAL SCHEMA s2 FROM DATA CATALOG DATABASE 'x' IAM_ROLE '${s3only}' CREATE EXTERNAL DATABASE IF NOT EXISTS`)).message).toMatch(/not authorized to perform: glue:GetDatabase/);
    await q('DROP TABLE spectrum.out');
    expect((await q(`SELECT count(*) FROM svv_external_tables WHERE tablename = 'out'`)).rows[0]![0]).toBe(0);
    expect((await err('SELECT * FROM spectrum.out')).code).toBe('42P01');
  });
});
