import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTempWorkspace } from '../../engine/node';
import type { EmbeddedWarehouse, Session, StatementOutcome } from '../../engine';
import { LocalS3 } from '../../engine/features/s3';
import type { ExternalTable } from '../../engine/features/spectrum/catalog';
import { eagerCountPlan } from '../../engine/features/spectrum/eager-count';
import { render } from '../../engine/sql/rewrite/render';
import { splitStatements } from '../../engine/sql/splitter';
import { makeRole } from './helpers';

const FACT: ExternalTable = {
  name: 'visits', columns: [{ name: 'userid', type: 'integer' }, { name: 'channel', type: 'varchar(16)' }], partitionKeys: [], location: 's3://b/v/',
  format: 'TEXTFILE', delimiter: ',', skipHeaderLines: 0, properties: {}, partitions: [], created: '',
};
const rewrite = (sql: string) => {
  const tokens = eagerCountPlan(splitStatements(sql)[0]!, (schema, table) => (schema === 'ext' && table === 'visits' ? FACT : undefined))?.rewrite();
  return tokens && render(tokens).text;
};

describe('eager counting: which statements are rewritten', () => {
  it("rewrites the lecture's shape, either side, with or without aliases", () => {
    expect(rewrite('SELECT gender, COUNT(1) FROM ext.visits v JOIN raw_data.users u ON v.userid = u.userid GROUP BY 1')).toBe(
      'SELECT gender, coalesce(sum(v.wl_fact_rows), 0)::bigint AS count FROM (SELECT userid, count(*) AS wl_fact_rows FROM ext.visits GROUP BY userid) AS v JOIN raw_data.users u ON v.userid = u.userid GROUP BY 1',
    );
    expect(rewrite('select u.gender g, count(*) AS n from raw_data.users AS u inner join ext.visits on u.userid = visits.userid group by u.gender order by n desc limit 5')).toBe(
      'select u.gender g, coalesce(sum(visits.wl_fact_rows), 0)::bigint AS n from raw_data.users AS u inner join (SELECT userid, count(*) AS wl_fact_rows FROM ext.visits GROUP BY userid) AS visits on u.userid = visits.userid group by u.gender order by n desc limit 5',
    );
    expect(rewrite('SELECT COUNT(*) FROM ext.visits v JOIN users u ON u.id = v.userid')).toMatch(/^SELECT coalesce\(sum\(v\.wl_fact_rows\), 0\)::bigint AS count FROM \(SELECT userid, count\(\*\) AS wl_fact_rows FROM ext\.visits GROUP BY userid\) AS v JOIN users u ON u\.id = v\.userid$/);
  });

  it('leaves every other statement as written', () => {
    for (const sql of [
      'SELECT channel, COUNT(1) FROM ext.visits v JOIN users u ON v.userid = u.userid GROUP BY 1', // an external column in the output
      'SELECT v.channel, COUNT(1) FROM ext.visits v JOIN users u ON v.userid = u.userid GROUP BY 1',
      'SELECT gender, COUNT(1) FROM ext.visits v JOIN users u ON v.userid = u.userid WHERE u.age > 3 GROUP BY 1', // WHERE
      'SELECT gender, COUNT(DISTINCT u.userid) FROM ext.visits v JOIN users u ON v.userid = u.userid GROUP BY 1', // another aggregate
      'SELECT gender, SUM(u.age) FROM ext.visits v JOIN users u ON v.userid = u.userid GROUP BY 1',
      'SELECT gender, COUNT(1) FROM ext.visits v LEFT JOIN users u ON v.userid = u.userid GROUP BY 1', // outer join
      'SELECT gender, COUNT(1) FROM ext.visits v JOIN users u USING (userid) GROUP BY 1',
      'SELECT gender, COUNT(1) FROM ext.visits v JOIN users u ON v.userid = u.userid AND u.age > 3 GROUP BY 1',
      'SELECT gender, COUNT(1) FROM ext.visits v JOIN users u ON v.userid = u.userid GROUP BY 1 HAVING COUNT(1) > 2',
      'SELECT gender, COUNT(1) FROM ext.visits v JOIN users u ON v.userid = u.userid GROUP BY channel',
      'SELECT gender, COUNT(1) FROM ext.visits v JOIN users u ON v.userid = u.userid JOIN t ON t.x = u.x GROUP BY 1', // three tables
      'SELECT gender, COUNT(1) FROM ext.other v JOIN users u ON v.userid = u.userid GROUP BY 1', // not external
      'SELECT gender, COUNT(1) FROM ext.visits v JOIN ext.visits u ON v.userid = u.userid GROUP BY 1',
      'SELECT DISTINCT gender, COUNT(1) FROM ext.visits v JOIN users u ON v.userid = u.userid GROUP BY 1',
      'SELECT gender, COUNT(1) FROM ext.visits v JOIN users u ON v.userid = u.userid GROUP BY 1 UNION ALL SELECT 1, 2',
      'SELECT gender || channel, COUNT(1) FROM ext.visits v JOIN users u ON v.userid = u.userid GROUP BY 1',
      'SELECT gender, COUNT(1) FROM ext.visits v JOIN users u ON v.channel = u.userid GROUP BY 1 ORDER BY channel',
      'SELECT * FROM ext.visits v JOIN users u ON v.userid = u.userid',
    ]) expect(rewrite(sql), sql).toBeUndefined();
  });
});

describe('eager counting: the answers do not change', () => {
  let wh: EmbeddedWarehouse;
  let s: Session;
  beforeAll(async () => {
    wh = await openTempWorkspace({ seeded: false });
    s = await wh.session();
    const arn = await makeRole(wh, 'EagerRole', ['AmazonS3FullAccess', 'AWSGlueConsoleFullAccess']);
    const s3 = new LocalS3(wh.store);
    // NULL keys, keys with no match, keys matching several rows, two objects.
    await s3.put('eager-bucket', 'visits/a.csv', '1,web\n1,app\n2,web\n,web\n7,app\n');
    await s3.put('eager-bucket', 'visits/b.csv', '2,app\n3,web\n3,web\n3,app\n');
    await s3.put('eager-bucket', 'empty/none.csv', '');
    const out = await s.execute(`CREATE EXTERNAL SCHEMA ext FROM DATA CATALOG DATABASE 'eager_db' IAM_ROLE '${arn}' CREATE EXTERNAL DATABASE IF NOT EXISTS;
CREATE EXTERNAL TABLE ext.visits (userid integer, channel varchar(16)) ROW FORMAT DELIMITED FIELDS TERMINATED BY ',' STORED AS TEXTFILE LOCATION 's3://eager-bucket/visits/';
CREATE EXTERNAL TABLE ext.nothing (userid integer, channel varchar(16)) ROW FORMAT DELIMITED FIELDS TERMINATED BY ',' STORED AS TEXTFILE LOCATION 's3://eager-bucket/empty/';
CREATE TABLE users (userid integer, gender varchar(8));
INSERT INTO users VALUES (1, 'male'), (2, 'female'), (3, 'female'), (3, 'male'), (4, 'male'), (NULL, 'female');
CREATE TABLE visits_copy AS SELECT * FROM ext.visits;`);
    for (const o of out) if (!o.ok) throw new Error(`${o.sql}: ${o.error.message}`);
  });
  afterAll(async () => {
    await s?.close();
    await wh?.close();
  });
  const result = async (sql: string) => {
    const o: StatementOutcome = (await s.execute(sql)).at(-1)!;
    if (!o.ok) throw new Error(`${sql}: ${o.error.message}`);
    return { columns: o.result.columns.map((c) => [c.name, c.type]), rows: o.result.rows };
  };

  it('counts as the plain join does, with the same column names and types', async () => {
    for (const shape of [
      'SELECT gender, COUNT(1) FROM %f v JOIN users up ON v.userid = up.userid GROUP BY 1 ORDER BY 1',
      'SELECT up.gender AS g, count(*) n, COUNT(1) FROM users up JOIN %f ON up.userid = %t.userid GROUP BY up.gender ORDER BY n DESC, g',
      'SELECT COUNT(*) FROM %f v JOIN users up ON v.userid = up.userid',
      'SELECT up.userid, COUNT(1) FROM %f v JOIN users up ON v.userid = up.userid GROUP BY 1 ORDER BY 1 LIMIT 2',
    ]) {
      const ours = await result(shape.replace('%f', 'ext.visits').replace('%t', 'visits'));
      const plain = await result(shape.replace('%f', 'public.visits_copy').replace('%t', 'visits_copy'));
      expect(ours, shape).toEqual(plain);
      expect(ours.rows.length, shape).toBeGreaterThan(0);
    }
    expect((await result('SELECT gender, COUNT(1) FROM ext.visits v JOIN users up ON v.userid = up.userid GROUP BY 1 ORDER BY 1')).rows).toEqual([['female', 5], ['male', 5]]);
  });

  it('answers 0 rows or a count of 0 over an empty table, and bills the scan as before', async () => {
    expect((await result('SELECT COUNT(*) FROM ext.nothing v JOIN users up ON v.userid = up.userid')).rows).toEqual([[0]]);
    expect((await result('SELECT gender, COUNT(*) FROM ext.nothing v JOIN users up ON v.userid = up.userid GROUP BY 1')).rows).toEqual([]);
    const o = (await s.execute('SELECT gender, COUNT(1) FROM ext.visits v JOIN users up ON v.userid = up.userid GROUP BY 1')).at(-1)!;
    expect(o.ok && o.result.scan).toMatchObject({ files: 2 });
    expect((await result(`SELECT s3_scanned_rows FROM svl_s3query_summary WHERE trim(external_table_name) = 'ext.visits' ORDER BY query DESC LIMIT 1`)).rows).toEqual([[9]]);
  });
});
