import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openFolderWorkspace } from '../../engine/node';
import { AthenaError, runAthenaQuery } from '../../engine/features/athena';
import { LocalS3 } from '../../engine/features/s3';
import { createHostHandlers } from '../../engine/host/host-core';
import { validateRequest } from '../../engine/host/contract';
import { aws, makeRole } from '../spectrum/helpers';

const root = join(__dirname, '..', '..');
const bin = join(root, 'bin', 'warehouse-lab.mjs');
let dir: string;
let workspace: string;
const FACTS = '1,s1,Google\n2,s2,Naver\n2,s3,Naver\n3,s4,Organic\n';
const USERS = 'userid,gender\n1,male\n2,female\n3,female\n';

function cli(args: string[]) {
  const r = spawnSync('node', [bin, ...args, '--workspace', workspace], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(async () => {
  execFileSync('node', [join(root, 'scripts', 'build-cli.mjs')], { cwd: root, stdio: 'ignore' });
  dir = mkdtempSync(join(tmpdir(), 'wlab-athena-'));
  workspace = join(dir, 'ws');
  const warehouse = await openFolderWorkspace(workspace, { seeded: false });
  try {
    const arn = await makeRole(warehouse, 'AthenaLab', ['AmazonS3FullAccess', 'AWSGlueConsoleFullAccess']);
    const s3 = new LocalS3(warehouse.store);
    await s3.put('athena-bucket', 'usc/part-0.csv', FACTS);
    await s3.put('athena-bucket', 'users/users.csv', USERS);
    const session = await warehouse.session();
    await session.query(`CREATE EXTERNAL SCHEMA spectrum FROM DATA CATALOG DATABASE 'myspectrum_db' IAM_ROLE '${arn}' CREATE EXTERNAL DATABASE IF NOT EXISTS`);
    await session.query(`CREATE EXTERNAL TABLE spectrum.usc (userid integer, sessionid varchar(32), channel varchar(32))
      ROW FORMAT DELIMITED FIELDS TERMINATED BY ',' STORED AS TEXTFILE LOCATION 's3://athena-bucket/usc/'`);
    await session.query(`CREATE EXTERNAL TABLE spectrum.users (userid integer, gender varchar(8))
      ROW FORMAT DELIMITED FIELDS TERMINATED BY ',' STORED AS TEXTFILE LOCATION 's3://athena-bucket/users/' TABLE PROPERTIES ('skip.header.line.count'='1')`);
    await session.query('CREATE TABLE public.internal_only (id integer)');
    await session.close();
  } finally {
    await warehouse.close();
  }
}, 300_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('Athena engine API', () => {
  it('joins catalog tables, answers WITH queries and "$path", and bills the scan', async () => {
    const warehouse = await openFolderWorkspace(workspace);
    try {
      const joined = await runAthenaQuery(
        warehouse,
        `WITH g AS (SELECT u.gender, count(*) AS n FROM usc JOIN myspectrum_db.users u ON usc.userid = u.userid GROUP BY 1)
         SELECT gender, n FROM g ORDER BY gender`,
        { database: 'myspectrum_db' },
      );
      expect(joined.columns).toEqual([{ name: 'gender', type: 'varchar' }, { name: 'n', type: 'bigint' }]);
      expect(joined.rows).toEqual([['female', '3'], ['male', '1']]);
      expect(joined.scan).toMatchObject({ bytes: FACTS.length + USERS.length, files: 2, rows: 7 });
      expect(joined.scan.costUsd).toBeCloseTo((10 * 5) / (1024 * 1024), 12); // the 10 MB minimum at $5/TB
      const paths = await runAthenaQuery(warehouse, 'SELECT DISTINCT "$path" FROM awsdatacatalog.myspectrum_db.usc');
      expect(paths.rows).toEqual([['s3://athena-bucket/usc/part-0.csv']]);
      await expect(runAthenaQuery(warehouse, 'SELECT nope FROM myspectrum_db.usc')).rejects.toThrow(/^COLUMN_NOT_FOUND: line 1:8: column "nope" does not exist/);
      await expect(runAthenaQuery(warehouse, 'DELETE FROM myspectrum_db.usc')).rejects.toBeInstanceOf(AthenaError);
      // Spectrum and Athena read the same object versions: a new version seen by one keeps the other working.
      const session = await warehouse.session();
      expect((await session.query('SELECT count(*) FROM spectrum.usc')).rows).toEqual([[4]]);
      await new LocalS3(warehouse.store).put('athena-bucket', 'usc/part-0.csv', FACTS + '4,s5,Google\n');
      expect((await runAthenaQuery(warehouse, 'SELECT count(*) AS n FROM myspectrum_db.usc')).rows).toEqual([['5']]);
      expect((await session.query('SELECT count(*) FROM spectrum.usc')).rows).toEqual([[5]]);
      await session.close();
      await new LocalS3(warehouse.store).put('athena-bucket', 'usc/part-0.csv', FACTS);
    } finally {
      await warehouse.close();
    }
  });
});

describe('warehouse-lab athena', () => {
  it('answers while the cluster is paused, shaped like get-query-results', async () => {
    const paused = cli(['aws', 'redshift', 'pause-cluster', '--cluster-identifier', 'redshift-cluster-1']);
    expect(paused.code, paused.stderr).toBe(0);
    const refused = cli(['sql', '--format', 'json', '-c', 'SELECT count(*) FROM spectrum.usc']);
    expect(JSON.parse(refused.stdout)[0].error.code).toBe('57P03');
    const r = cli(['athena', '--database', 'myspectrum_db', '--format', 'json', '-c', 'SELECT channel, count(*) AS n FROM usc GROUP BY channel ORDER BY n DESC, channel']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.ResultSet.Rows).toEqual([
      { Data: [{ VarCharValue: 'channel' }, { VarCharValue: 'n' }] },
      { Data: [{ VarCharValue: 'Naver' }, { VarCharValue: '2' }] },
      { Data: [{ VarCharValue: 'Google' }, { VarCharValue: '1' }] },
      { Data: [{ VarCharValue: 'Organic' }, { VarCharValue: '1' }] },
    ]);
    expect(out.ResultSet.ResultSetMetadata.ColumnInfo.map((c: { Name: string; Type: string }) => [c.Name, c.Type])).toEqual([['channel', 'varchar'], ['n', 'bigint']]);
    expect(out.Statistics.DataScannedInBytes).toBe(FACTS.length);
    expect(r.stderr).toBe(`Athena scan: ${FACTS.length} bytes (0.00 MB), 1 file, $0.000048\n`);
  });

  it("the app's athena.query channel: one outcome with the rows and the Athena bill, or Athena's error type and message", async () => {
    const warehouse = await openFolderWorkspace(workspace);
    try {
      const handlers = createHostHandlers({
        engineVersion: 'test',
        emit: () => undefined,
        loadLabs: async () => undefined,
        openWorkspace: async () => ({ warehouse, created: false, location: workspace, kind: 'node-dir' }),
      });
      const [ok] = await handlers['athena.query']({ sql: 'SELECT gender, count(*) AS n FROM users GROUP BY 1 ORDER BY 1', database: 'myspectrum_db' });
      expect(ok).toMatchObject({ ok: true, result: { columns: [{ name: 'gender', type: 'varchar' }, { name: 'n', type: 'bigint' }], rows: [['female', '2'], ['male', '1']], rowCount: 2 } });
      expect(ok!.ok && ok!.result.scan).toMatchObject({ bytes: USERS.length, files: 1, rows: 3 });
      const [missing] = await handlers['athena.query']({ sql: 'SELECT * FROM internal_only', database: 'myspectrum_db' });
      expect(missing).toMatchObject({ ok: false, error: { code: 'TABLE_NOT_FOUND', message: expect.stringMatching(/^TABLE_NOT_FOUND: line 1:15: .*internal_only/) } });
      const [noDatabase] = await handlers['athena.query']({ sql: 'SELECT * FROM users' });
      expect(noDatabase).toMatchObject({ ok: false, error: { code: 'SCHEMA_NOT_FOUND' } });
      expect(validateRequest('athena.query', { sql: 'SELECT 1', database: '' })?.message).toContain('invalid athena.query request');
    } finally {
      await warehouse.close();
    }
  });

  it('prints tables and CSV, and sees only the catalog, never the cluster tables', () => {
    writeFileSync(join(dir, 'q.sql'), 'SELECT userid, gender FROM myspectrum_db.users ORDER BY userid');
    const table = cli(['athena', '-f', 'q.sql']);
    expect(table.stdout).toBe(' userid | gender \n--------+--------\n 1      | male\n 2      | female\n 3      | female\n(3 rows)\n\n');
    const csv = cli(['athena', '--format', 'csv', '-c', 'SELECT count(*) AS n FROM myspectrum_db.users']);
    expect(csv.stdout).toBe('n\n3\n');
    const internal = cli(['athena', '--database', 'myspectrum_db', '-c', 'SELECT * FROM internal_only']);
    expect(internal.code).toBe(1);
    expect(internal.stderr).toBe(
      "An error occurred (InvalidRequestException) when calling the StartQueryExecution operation: TABLE_NOT_FOUND: line 1:15: Table 'awsdatacatalog.myspectrum_db.internal_only' does not exist\n",
    );
    const schema = cli(['athena', '-c', 'SELECT id FROM public.internal_only']);
    expect(schema.stderr).toContain("SCHEMA_NOT_FOUND: line 1:16: Schema 'public' does not exist");
    const nested = cli(['athena', '-c', 'SELECT (SELECT count(*) FROM pg_catalog.pg_authid) FROM myspectrum_db.users']);
    expect(nested.stderr).toContain("SCHEMA_NOT_FOUND: line 1:30: Schema 'pg_catalog' does not exist");
  });
});

describe('aws athena console operations', () => {
  it('start-query-execution stores the result CSV under OutputLocation; get-query-execution/results read it back', async () => {
    const start = cli(['aws', 'athena', 'start-query-execution', '--query-string', 'SELECT channel, count(*) AS sessions FROM usc GROUP BY 1 ORDER BY 1',
      '--query-execution-context', 'Database=myspectrum_db', '--result-configuration', 'OutputLocation=s3://athena-bucket/results/']);
    expect(start.code, start.stderr).toBe(0);
    const id = JSON.parse(start.stdout).QueryExecutionId as string;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);

    const execution = JSON.parse(cli(['aws', 'athena', 'get-query-execution', '--query-execution-id', id]).stdout).QueryExecution;
    expect(execution.Status.State).toBe('SUCCEEDED');
    expect(execution.ResultConfiguration.OutputLocation).toBe(`s3://athena-bucket/results/${id}.csv`);
    expect(execution.Statistics.DataScannedInBytes).toBe(FACTS.length);

    const warehouse = await openFolderWorkspace(workspace);
    try {
      const csv = new TextDecoder().decode(await new LocalS3(warehouse.store).get('athena-bucket', `results/${id}.csv`));
      expect(csv).toBe('"channel","sessions"\n"Google","1"\n"Naver","2"\n"Organic","1"\n');
    } finally {
      await warehouse.close();
    }
    const results = JSON.parse(cli(['aws', 'athena', 'get-query-results', '--query-execution-id', id]).stdout);
    expect(results.ResultSet.Rows[1].Data).toEqual([{ VarCharValue: 'Google' }, { VarCharValue: '1' }]);
  });

  it('records a failed query with Athena\'s reason, and refuses unknown ids and missing buckets', () => {
    const failed = cli(['aws', 'athena', 'start-query-execution', '--query-string', 'SELECT * FROM internal_only', '--query-execution-context', 'Database=myspectrum_db']);
    expect(failed.code).toBe(0);
    const id = JSON.parse(failed.stdout).QueryExecutionId as string;
    const execution = JSON.parse(cli(['aws', 'athena', 'get-query-execution', '--query-execution-id', id]).stdout).QueryExecution;
    expect(execution.Status).toMatchObject({ State: 'FAILED', StateChangeReason: expect.stringMatching(/^TABLE_NOT_FOUND/) });
    const unknown = cli(['aws', 'athena', 'get-query-execution', '--query-execution-id', 'nope']);
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toMatch(/An error occurred \(InvalidRequestException\) when calling the GetQueryExecution operation: QueryExecution nope was not found/);
    const noBucket = cli(['aws', 'athena', 'start-query-execution', '--query-string', 'SELECT 1', '--result-configuration', 'OutputLocation=s3://no-such-bucket-here/']);
    expect(noBucket.stderr).toMatch(/Unable to verify\/create output bucket no-such-bucket-here/);
  });
});
