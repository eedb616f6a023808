import { DuckDBInstance } from '@duckdb/node-api';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openTempWorkspace } from '../engine/node';
import { LocalS3 } from '../engine/features/s3';
import { makeRole } from '../test/spectrum/helpers';
import { cpuMs, figure, type Benchmark } from './harness';

const ROWS = 1_000_000;

/** 1M rows of 4 columns, as a COPY source would hold them. */
function csv(): string {
  const lines: string[] = new Array(ROWS);
  for (let i = 0; i < ROWS; i++) lines[i] = `${i},session-${(i * 7919) % 1_000_003},${['Google', 'Naver', 'Facebook', 'Organic'][i % 4]},2024-0${1 + (i % 9)}-1${i % 10}`;
  return lines.join('\n') + '\n';
}

/** COPY of a 1M-row CSV from the local S3 into an internal table, beside DuckDB's read_csv load of the same file. */
const run: Benchmark = async () => {
  const text = csv();
  const scratch = await mkdtemp(join(tmpdir(), 'wlab-copy-bench-'));
  const file = join(scratch, 'rows.csv');
  await writeFile(file, text);
  const warehouse = await openTempWorkspace({ seeded: false });
  let oursMs: number;
  let oursCpuMs: number;
  try {
    const arn = await makeRole(warehouse, 'BenchRole', ['AmazonS3FullAccess']);
    await new LocalS3(warehouse.store).put('bench-bucket', 'rows/rows.csv', text);
    const session = await warehouse.session();
    await session.query('CREATE TABLE rows_t (id integer, sessionid varchar(32), channel varchar(32), day date)');
    const t = performance.now();
    const cpu = process.cpuUsage();
    const result = await session.query(`COPY rows_t FROM 's3://bench-bucket/rows/' IAM_ROLE '${arn}' DELIMITER ','`);
    oursMs = performance.now() - t;
    oursCpuMs = cpuMs(cpu);
    if (result.rowCount !== ROWS) throw new Error(`loaded ${result.rowCount} rows`);
    await session.close();
  } finally {
    await warehouse.close();
  }
  const duck = await DuckDBInstance.create(':memory:');
  const connection = await duck.connect();
  const t = performance.now();
  const cpu = process.cpuUsage();
  await connection.run(`CREATE TABLE rows_t AS SELECT * FROM read_csv('${file}', header = false, columns = {'id': 'INTEGER', 'sessionid': 'VARCHAR', 'channel': 'VARCHAR', 'day': 'DATE'})`);
  const duckMs = performance.now() - t;
  const duckCpuMs = cpuMs(cpu);
  connection.closeSync();
  await rm(scratch, { recursive: true, force: true });
  const ours = ROWS / (oursMs / 1000);
  const peer = ROWS / (duckMs / 1000);
  // The machine is shared: rows per CPU-second (all threads of this process) shows the work itself.
  const oursPerCpu = ROWS / (oursCpuMs / 1000);
  return [
    figure('COPY 1M-row CSV from local S3 into a table', 'rows/s', ours, 'DuckDB read_csv into a table', peer, { text: '≥ 150k rows/s', met: ours >= 150_000 }),
    figure('COPY 1M-row CSV, rows per CPU-second', 'rows/cpu-s', oursPerCpu, 'DuckDB read_csv into a table', ROWS / (duckCpuMs / 1000), { text: '≥ 150k rows/s', met: oursPerCpu >= 150_000 }),
  ];
};

export default run;
