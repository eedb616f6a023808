import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTempWorkspace } from '../../engine/node';
import type { EmbeddedWarehouse, Session } from '../../engine';
import { LocalS3 } from '../../engine/features/s3';
import { KeyCounter, type KeyCounterOptions } from '../../engine/features/spectrum/key-counter';
import { LinePieces } from '../../engine/features/spectrum/line-pieces';
import { countHelper, useCountHelper } from '../../engine/features/spectrum/count-helper';
import { makeRole } from './helpers';

const INT = { kind: 'int', min: -2147483648, max: 2147483647 } as const;
const options = (over: Partial<KeyCounterOptions> = {}): KeyCounterOptions => ({
  fields: [INT, { kind: 'text', max: 8 }],
  keyIndex: 0,
  delimiter: ','.charCodeAt(0),
  ...over,
});
const bytes = (text: string) => new TextEncoder().encode(text);

/**
 * Counts `objects` fed in chunks of `chunk` bytes, cut into lines by LinePieces; with `split`, every
 * other piece goes to a second counter merged at the end (as the helper thread does). The pairs
 * sorted by key, or undefined when it gives up.
 */
function count(objects: Array<string | Uint8Array>, over: Partial<KeyCounterOptions> & { header?: boolean } = {}, chunk = 1 << 20, split = false) {
  const { header = false, ...rest } = over;
  const counter = new KeyCounter(options(rest));
  const helper = new KeyCounter(options(rest));
  let n = 0;
  const take = (piece: Uint8Array | false) => piece !== false && (piece.length === 0 || (split && n++ % 2 === 0 ? helper : counter).countLines(piece));
  for (const object of objects) {
    const data = typeof object === 'string' ? bytes(object) : object;
    const lines = new LinePieces(header);
    for (let at = 0; at < data.length; at += chunk) if (!take(lines.push(data.subarray(at, at + chunk)))) return undefined;
    if (!take(lines.endObject())) return undefined;
  }
  counter.merge(helper.share());
  const { keys, counts } = counter.result();
  return { pairs: keys.map((k, i) => [k, counts[i]!]).sort((a, b) => a[0]! - b[0]!), rows: counter.rows };
}

describe('KeyCounter: the Spectrum side of an eager-counted join', () => {
  it('counts the key column the same however the objects are cut into pieces', () => {
    const text = '3,a\n1,bb\n3,ccc\n-5,d\n5000000,e\n 3 ,f\n+1,g\n,h\n007,i';
    const whole = count([text]);
    expect(whole).toEqual({ pairs: [[-5, 1], [1, 2], [3, 3], [7, 1], [5000000, 1]], rows: 9 });
    for (let chunk = 1; chunk <= text.length; chunk++) {
      expect(count([text], {}, chunk), `chunks of ${chunk}`).toEqual(whole);
      expect(count([text], {}, chunk, true), `chunks of ${chunk}, every other piece counted by a second counter`).toEqual(whole);
    }
  });

  it("skips each object's header line, counts the last line without a newline, and NULL keys join nothing", () => {
    expect(count(['userid,name\n1,a\n2,b\n', 'userid,name\n2,c'], { header: true })).toEqual({ pairs: [[1, 1], [2, 2]], rows: 3 });
    expect(count(['\\N,a\n4,\\N\n', ',b\n'], { nullFormat: '\\N' })).toBeUndefined(); // an empty integer is not NULL when NULL is \N
    expect(count(['\\N,a\n4,\\N\n'], { nullFormat: '\\N' })).toEqual({ pairs: [[4, 1]], rows: 2 });
    expect(count(['1,a\n,b\n'])).toEqual({ pairs: [[1, 1]], rows: 2 });
    expect(count([''])).toEqual({ pairs: [], rows: 0 });
    expect(count(['userid,name'], { header: true })).toEqual({ pairs: [], rows: 0 });
    expect(count(['"user\nid",name\n1,a\n'], { header: true }), 'a quoted header may span lines in CSV').toBeUndefined();
    expect(count(['userid,name\r\n1,a\n'], { header: true }), 'a CRLF header').toBeUndefined();
  });

  it('counts a key that is not the first column, between text in UTF-8', () => {
    expect(count(['가나,2\nxy,2\n', 'é,9\n'], { fields: [{ kind: 'text', max: 8 }, INT], keyIndex: 1 })).toEqual({ pairs: [[2, 2], [9, 1]], rows: 3 });
  });

  it('gives the text to PostgreSQL whenever its CSV rules or its types could decide differently', () => {
    for (const [text, why] of [
      ['1,"a"\n', 'a quote'],
      ['1,a\r\n', 'CRLF'],
      ['1,a\n\n2,b\n', 'a blank line'],
      ['1,a,x\n', 'an extra field'],
      ['1\n', 'a missing field'],
      ['1.5,a\n', 'not an integer'],
      ['0x1F,a\n', 'a hexadecimal integer'],
      ['1_000,a\n', 'an integer with underscores'],
      ['2147483648,a\n', 'out of range for integer'],
      ['1234567890123456,a\n', 'too many digits to be exact'],
      ['1,abcdefghi\n', 'text over varchar(8)'],
      ['1,a\u0000\n', 'a NUL byte'],
    ] as const) expect(count([text]), why).toBeUndefined();
    expect(count([new Uint8Array([49, 44, 0xc3, 0x28, 10])]), 'invalid UTF-8').toBeUndefined();
  });
});

describe('count pushdown: answers and errors as through PostgreSQL', () => {
  let wh: EmbeddedWarehouse;
  let s: Session;
  let s3: LocalS3;
  let table = 0;
  beforeAll(async () => {
    wh = await openTempWorkspace({ seeded: false });
    s = await wh.session();
    s3 = new LocalS3(wh.store);
    const arn = await makeRole(wh, 'PushdownRole', ['AmazonS3FullAccess', 'AWSGlueConsoleFullAccess']);
    const out = await s.execute(`CREATE EXTERNAL SCHEMA pd FROM DATA CATALOG DATABASE 'pd_db' IAM_ROLE '${arn}' CREATE EXTERNAL DATABASE IF NOT EXISTS;
CREATE TABLE people (userid integer, gender varchar(8));
INSERT INTO people SELECT g, CASE WHEN g % 3 = 0 THEN 'female' ELSE 'male' END FROM generate_series(-3, 40) g;`);
    for (const o of out) if (!o.ok) throw new Error(`${o.sql}: ${o.error.message}`);
  });
  afterAll(async () => {
    await s?.close();
    await wh?.close();
  });

  /** The lecture's join over a new external table of `objects`: counted by the pushdown, and with WHERE true (no pushdown). */
  async function both(objects: string[], header = false) {
    const name = `t${++table}`;
    const properties = header ? ` TABLE PROPERTIES ('skip.header.line.count'='1')` : '';
    const ddl = await s.execute(`CREATE EXTERNAL TABLE pd.${name} (userid integer, sessionid varchar(12), channel varchar(10)) ROW FORMAT DELIMITED FIELDS TERMINATED BY ',' STORED AS TEXTFILE LOCATION 's3://pd-bucket/${name}/'${properties}`);
    if (!ddl.at(-1)!.ok) throw new Error(JSON.stringify(ddl));
    // The objects arrive after CREATE EXTERNAL TABLE, which reads what is there already.
    for (const [i, text] of objects.entries()) await s3.put('pd-bucket', `${name}/part-${i}.csv`, text);
    const run = async (where: string) => {
      const o = (await s.execute(`SELECT gender, COUNT(1) FROM pd.${name} usc JOIN people up ON usc.userid = up.userid ${where} GROUP BY 1 ORDER BY 1`)).at(-1)!;
      return o.ok ? { rows: o.result.rows, scanned: o.result.scan?.rows } : { code: o.error.code, message: o.error.message };
    };
    const pushed = await run('');
    // Objects PostgreSQL has loaded for this table (the pushdown reads them without loading).
    const loaded = Number((await s.query(`SELECT count(*) FROM wl_sys.spectrum_files WHERE store_path LIKE 's3/pd-bucket/${name}/%'`)).rows[0]![0]);
    return { pushed, plain: await run('WHERE true'), loaded };
  }

  it('counts the lecture join as PostgreSQL does over the same objects', async () => {
    const lines = (from: number, n: number) => Array.from({ length: n }, (_, i) => `${((from + i) * 7) % 45 - 3},s${from + i},web`).join('\n');
    const result = await both([`${lines(0, 500)}\n`, lines(500, 300), `${lines(800, 2)}\n,orphan,app\n99,nobody,app\n`]);
    const { pushed, plain, loaded } = result;
    expect(pushed).toEqual(plain);
    expect(pushed).toMatchObject({ scanned: 804 });
    expect(loaded).toBe(0);
  });

  it('reads objects whole from a store without pieces (IndexedDB in a browser), with the same answer', async () => {
    const store = wh.store as { readChunks?: unknown };
    const pieces = store.readChunks;
    store.readChunks = undefined;
    try {
      const { pushed, plain, loaded } = await both(['5,a,web\n6,b,web\n', '6,c,app']);
      expect(pushed).toEqual(plain);
      expect(pushed).toMatchObject({ rows: [['female', 2], ['male', 1]], scanned: 3 });
      expect(loaded).toBe(0);
    } finally {
      store.readChunks = pieces;
    }
  });

  it('falls back to PostgreSQL for quoted or CRLF text, with the same answer', async () => {
    const quoted = await both(['userid,sessionid,channel\n1,"s,1",web\n2,s2,"app"\n'], true);
    expect(quoted.pushed).toEqual(quoted.plain);
    expect(quoted.loaded).toBe(1);
    expect(quoted.pushed).toMatchObject({ rows: [['male', 2]] });
    const crlf = await both(['3,s3,web\r\n4,s4,app\r\n']);
    expect(crlf.pushed).toEqual(crlf.plain);
    expect(crlf.pushed).toMatchObject({ rows: [['female', 1], ['male', 1]] });
  });

  it('reports bad data with the same Spectrum error as without the pushdown', async () => {
    for (const text of ['1,s1,web\nx,s2,web\n', '1,s1,web\n2,much-too-long-session,web\n', '1,s1\n']) {
      const { pushed, plain } = await both([text]);
      expect(pushed, text).toEqual(plain);
      expect(pushed, text).toMatchObject({ code: 'XX000', message: expect.stringContaining('Spectrum Scan Error') });
    }
  });

  it('looks the counts up for integer keys of any width, and lets PostgreSQL judge other key types', async () => {
    const text = '1,s1,web\n2,s2,web\n2,s3,app\n40,s4,app\n';
    await both([text]);
    const join = (other: string, key: string) => `SELECT gender, COUNT(1) FROM pd.t${table} usc JOIN ${other} ON usc.userid = ${key} GROUP BY 1 ORDER BY 1`;
    const outcome = async (sql: string) => {
      const o = (await s.execute(sql)).at(-1)!;
      return o.ok ? o.result.rows : `${o.error.code} ${o.error.message} @${o.error.position}`;
    };
    await s.execute(`CREATE TABLE wide AS SELECT userid::bigint AS userid, gender FROM people UNION ALL SELECT 5000000000, 'far';
CREATE TABLE small AS SELECT userid::smallint AS userid, gender FROM people;
CREATE TABLE named AS SELECT userid::text AS userid, gender FROM people`);
    const plain = (sql: string) => outcome(sql.replace('GROUP BY', 'WHERE true GROUP BY'));
    expect(await outcome(join('wide w', 'w.userid'))).toEqual([['male', 4]]);
    expect(await outcome(join('wide w', 'w.userid'))).toEqual(await plain(join('wide w', 'w.userid')));
    expect(await outcome(join('small sm', 'sm.userid'))).toEqual([['male', 4]]);
    // The external table on the right, no GROUP BY, an alias with AS and a comment inside the join.
    const right = `SELECT COUNT(1) AS n FROM wide AS w /* dimension */ INNER JOIN pd.t${table} usc ON w.userid = usc.userid`;
    expect(await outcome(right)).toEqual([[4]]);
    expect(await outcome(right.replace('INNER JOIN', 'JOIN').replace('usc.userid', 'usc.userid AND w.userid < 2'))).toEqual([[1]]); // not pushed down: same rules
    const typeError = await outcome(join('named n', 'n.userid'));
    expect(typeError).toBe(await plain(join('named n', 'n.userid')));
    expect(typeError).toContain('operator does not exist: integer = text');
  });

  it('inside a transaction, a join PostgreSQL rejects reports its own error and the transaction stays usable until then', async () => {
    await both(['1,s1,web\n']);
    await s.execute('BEGIN');
    try {
      const o = (await s.execute(`SELECT gender, COUNT(1) FROM pd.t${table} usc JOIN people up ON usc.userid = up.nosuch GROUP BY 1`)).at(-1)!;
      expect(o.ok ? 'ok' : o.error.message).toBe('column up.nosuch does not exist');
    } finally {
      await s.execute('ROLLBACK');
    }
  });

  it('counts big objects on two threads with the same answer and rows per object', async () => {
    const helper = countHelper();
    expect(helper, 'engine/node installs a helper thread').toBeDefined();
    let jobs = 0;
    useCountHelper({ warm: () => helper!.warm(), start: (o) => { const job = helper!.start(o); if (job) jobs++; return job; } });
    try {
      const line = (i: number) => `${(i * 7) % 45 - 3},s${i % 100000},web`;
      const object = (from: number, n: number) => Array.from({ length: n }, (_, i) => line(from + i)).join('\n') + '\n';
      const big = [object(0, 400_000), object(400_000, 350_000)];
      const first = await both(big);
      expect(first.pushed).toEqual(first.plain);
      // The first query starts the helper; once it is up, queries use it.
      for (let i = 0; i < 50 && jobs === 0; i++) {
        await new Promise((r) => setTimeout(r, 100));
        const again = (await s.execute(`SELECT gender, COUNT(1) FROM pd.t${table} usc JOIN people up ON usc.userid = up.userid GROUP BY 1 ORDER BY 1`)).at(-1)!;
        expect(again.ok && again.result.rows).toEqual(first.plain.rows);
      }
      expect(jobs).toBeGreaterThan(0);
      const perObject = await s.query(`SELECT files, s3_scanned_rows FROM svl_s3query_summary ORDER BY query DESC LIMIT 1`);
      expect(perObject.rows[0]).toEqual([2, 750_000]);
    } finally {
      useCountHelper(helper);
    }
  }, 120_000);

  it('needs USAGE on the external schema like any read of it', async () => {
    await both(['1,s1,web\n']);
    await s.execute('CREATE USER pd_reader PASSWORD \'Passw0rd1\'; GRANT SELECT ON people TO pd_reader');
    const reader = await wh.session('pd_reader');
    try {
      const o = (await reader.execute(`SELECT gender, COUNT(1) FROM pd.t${table} usc JOIN people up ON usc.userid = up.userid GROUP BY 1`)).at(-1)!;
      expect(o.ok ? 'ok' : o.error.message).toContain('permission denied for schema pd');
    } finally {
      await reader.close();
    }
  });
});
