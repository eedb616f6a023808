import { PGlite } from '@electric-sql/pglite';
import { DuckDBInstance } from '@duckdb/node-api';
import { mkdtemp, rm, cp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openFolderWorkspace, templateDir } from '../engine/node';
import { PgliteBackend } from '../engine/backend/pglite-backend';
import { bulkInsert, createTableSql } from '../engine/data/bulk-load';
import { generateCourseData } from '../engine/seed/course';
import { figure, medianMs, type Benchmark, type Figure } from './harness';

const RUNS = 3;

/** Engine-ready time, COPY-free bulk load of the seed data, and the lecture join on 1M rows. */
const run: Benchmark = async () => {
  const figures: Figure[] = [];
  const scratch = await mkdtemp(join(tmpdir(), 'wlab-bench-'));
  try {
    // 1. Engine ready: a new workspace (template copy + open) and an existing one (reopen).
    let n = 0;
    const newReady = await medianMs(RUNS, async () => {
      const w = await openFolderWorkspace(join(scratch, `new-${n++}`));
      await (await w.session()).query('SELECT 1');
      await w.close();
    });
    const existing = join(scratch, 'new-0');
    const existingReady = await medianMs(RUNS, async () => {
      const w = await openFolderWorkspace(existing);
      await (await w.session()).query('SELECT 1');
      await w.close();
    });
    const rawDir = join(scratch, 'raw');
    await cp(join(templateDir('seeded'), 'pgdata'), rawDir, { recursive: true });
    const rawReopen = await medianMs(RUNS, async () => {
      const db = await PGlite.create({ dataDir: rawDir, database: 'dev' });
      await db.query('SELECT 1');
      await db.close();
    });
    let initdbMs = 0;
    {
      const t = performance.now();
      const db = await PGlite.create({ dataDir: join(scratch, 'initdb') });
      await db.query('SELECT 1');
      initdbMs = performance.now() - t;
      await db.close();
    }
    figures.push(
      figure('engine ready, new workspace', 'ms', newReady, 'raw PGlite initdb (new data dir)', initdbMs, { text: '≤ 1000 ms', met: newReady <= 1000 }),
      figure('engine ready, existing workspace', 'ms', existingReady, 'raw PGlite reopen', rawReopen, { text: '≤ 1000 ms', met: existingReady <= 1000 }),
    );

    // 2. COPY-free bulk load of the course data vs PGlite's COPY FROM a CSV blob, same rows.
    const data = generateCourseData(1);
    const usc = data.userSessionChannel;
    const loadDir = join(scratch, 'load');
    await cp(join(templateDir('empty'), 'pgdata'), loadDir, { recursive: true });
    const backend = await PgliteBackend.open({ dataDir: loadDir, database: 'dev' });
    await backend.exec('CREATE SCHEMA raw_data');
    const oursLoad = await medianMs(RUNS, async () => {
      await backend.exec('DROP TABLE IF EXISTS raw_data.user_session_channel');
      await backend.exec(createTableSql(usc));
      await bulkInsert(backend, usc);
    });
    const csv = usc.rows[0]!.map((_, r) => usc.rows.map((col) => col[r]).join(',')).join('\n') + '\n';
    const copyLoad = await medianMs(RUNS, async () => {
      await backend.exec('DROP TABLE IF EXISTS raw_data.usc_copy');
      await backend.exec('CREATE TABLE raw_data.usc_copy (userid integer, sessionid varchar(32), channel varchar(32))');
      await backend.db.query("COPY raw_data.usc_copy FROM '/dev/blob' WITH (FORMAT csv)", [], { blob: new Blob([csv]) });
    });
    figures.push(figure(`bulk load ${usc.rowCount} seed rows (generated rows as CSV into COPY)`, 'ms', oursLoad, 'PGlite COPY FROM blob', copyLoad));

    // 3. The lecture join on 1M rows: our session vs raw PGlite vs DuckDB, same data.
    await backend.exec(`CREATE TABLE raw_data.usc_1m AS
      SELECT (1 + (i::bigint * 7919) % 50000)::int AS userid, md5(i::text)::varchar(32) AS sessionid,
             (ARRAY['Facebook','Google','Instagram','Naver','Organic','Youtube'])[1 + i % 6]::varchar(32) AS channel
      FROM generate_series(1, 1000000) i;
      CREATE TABLE raw_data.user_property AS
      SELECT u AS userid, CASE WHEN u % 2 = 0 THEN 'male' ELSE 'female' END AS gender, 18 + u % 50 AS age
      FROM generate_series(1, 50000) u;
      ANALYZE;`);
    await backend.close();
    const joinSql = `SELECT gender, COUNT(1) FROM raw_data.usc_1m usc JOIN raw_data.user_property up ON usc.userid = up.userid GROUP BY 1`;
    const ws = await openFolderWorkspace(join(scratch, 'joinws'));
    await ws.close();
    await rm(join(scratch, 'joinws', 'pgdata'), { recursive: true });
    await cp(loadDir, join(scratch, 'joinws', 'pgdata'), { recursive: true });
    const w = await openFolderWorkspace(join(scratch, 'joinws'));
    const session = await w.session();
    await session.query(joinSql);
    const oursJoin = await medianMs(RUNS, () => session.query(joinSql));
    await w.close();
    const raw = await PGlite.create({ dataDir: join(scratch, 'joinws', 'pgdata'), database: 'dev' });
    await raw.query(joinSql);
    const rawJoin = await medianMs(RUNS, () => raw.query(joinSql));
    await raw.close();
    const duck = await (await DuckDBInstance.create(':memory:')).connect();
    await duck.run(`CREATE TABLE usc_1m AS SELECT (1 + (i * 7919) % 50000)::int AS userid, md5(i::varchar) AS sessionid,
      (['Facebook','Google','Instagram','Naver','Organic','Youtube'])[1 + i % 6] AS channel FROM range(1, 1000001) t(i)`);
    await duck.run(`CREATE TABLE user_property AS SELECT u::int AS userid, CASE WHEN u % 2 = 0 THEN 'male' ELSE 'female' END AS gender FROM range(1, 50001) t(u)`);
    const duckSql = joinSql.replace(/raw_data\./g, '');
    const duckJoin = await medianMs(RUNS, () => duck.run(duckSql));
    figures.push(
      figure('lecture join, 1M rows (session API)', 'ms', oursJoin, 'raw PGlite, same data', rawJoin, { text: 'ratio ≤ 1.1', met: oursJoin / rawJoin <= 1.1 }),
      figure('lecture join, 1M rows (session API)', 'ms', oursJoin, 'DuckDB (@duckdb/node-api) table', duckJoin),
    );
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
  return figures;
};

export default run;
