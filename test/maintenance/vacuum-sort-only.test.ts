import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmbeddedWarehouse, Session } from '../../engine';
import { openTempWorkspace } from '../../engine/node';

/**
 * VACUUM SORT ONLY sorts without reclaiming deleted rows. The rewrite behind it drops deleted rows
 * physically; SVV_TABLE_INFO must still count them, whatever the timing of the statistics that
 * PostgreSQL writes lazily (these figures used to differ from run to run).
 */
let warehouse: EmbeddedWarehouse;
let admin: Session;

beforeAll(async () => {
  warehouse = await openTempWorkspace({ seeded: false });
  admin = await warehouse.session();
});
afterAll(async () => {
  await admin.close();
  await warehouse.close();
});

const info = async (table: string) => {
  const r = await admin.query(`SELECT unsorted, tbl_rows, estimated_visible_rows FROM svv_table_info WHERE "table" = '${table}'`);
  return r.rows[0]!.map(Number);
};
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function lectureTable(name: string): Promise<void> {
  await admin.query(`CREATE TABLE public.${name} (id integer, ts timestamp) SORTKEY (ts)`);
  await admin.query(`INSERT INTO public.${name} SELECT g, '2024-01-01'::timestamp + g * interval '1 minute' FROM generate_series(1, 5000) g`);
  await admin.query(`INSERT INTO public.${name} SELECT g, '2023-01-01'::timestamp + g * interval '1 minute' FROM generate_series(5001, 6000) g`);
}

describe('VACUUM SORT ONLY', () => {
  // Run right after the DELETE, and after the statistics had time to be written on their own.
  for (const [name, wait] of [['so_now', 0], ['so_later', 1100]] as const) {
    it(`sorts fully and keeps the deleted rows counted (${wait ? 'statistics settled' : 'right after the DELETE'})`, async () => {
      await lectureTable(name);
      await admin.query(`DELETE FROM public.${name} WHERE id % 4 = 0`);
      if (wait) await pause(wait);
      await admin.query(`VACUUM SORT ONLY public.${name}`);
      expect(await info(name)).toEqual([0, 6000, 4500]);
      const order = await admin.query(`SELECT bool_and(ts >= prev) FROM (SELECT ts, lag(ts, 1, ts) OVER (ORDER BY ctid) AS prev FROM public.${name}) x`);
      expect(order.rows[0]![0]).toBe(true);
      // The delete phase reclaims them; the table stays sorted.
      await admin.query(`VACUUM DELETE ONLY public.${name}`);
      expect(await info(name)).toEqual([0, 4500, 4500]);
    });
  }

  it('a full VACUUM right after a DELETE reclaims every deleted row', async () => {
    await lectureTable('full_now');
    await admin.query('DELETE FROM public.full_now WHERE id % 4 = 0');
    await admin.query('VACUUM public.full_now');
    expect(await info('full_now')).toEqual([0, 4500, 4500]);
  });

  it('RECLUSTER sorts without reclaiming; REINDEX (interleaved) runs a full VACUUM', async () => {
    await lectureTable('reclustered');
    await admin.query('DELETE FROM public.reclustered WHERE id % 4 = 0');
    await admin.query('VACUUM RECLUSTER public.reclustered');
    expect(await info('reclustered')).toEqual([0, 6000, 4500]);
    await admin.query('CREATE TABLE public.il2 (a int, b int) INTERLEAVED SORTKEY (a, b)');
    await admin.query('INSERT INTO public.il2 SELECT g, g FROM generate_series(1, 2000) g');
    await admin.query('DELETE FROM public.il2 WHERE a % 2 = 0');
    await admin.query('VACUUM REINDEX public.il2');
    expect((await info('il2')).slice(1)).toEqual([1000, 1000]);
  });

  it('sorts on a compound key with ties and NULLs', async () => {
    await admin.query('CREATE TABLE public.so2 (a int, b varchar(10), c int) COMPOUND SORTKEY (a, b)');
    await admin.query(`INSERT INTO public.so2 SELECT g % 50, CASE WHEN g % 13 = 0 THEN NULL ELSE chr(65 + g % 26) END, g FROM generate_series(1, 30000) g`);
    await admin.query('VACUUM SORT ONLY public.so2');
    expect((await info('so2'))[0]).toBe(0);
  });

  it('a TRUNCATE forgets the deleted rows a sort kept count of', async () => {
    await admin.query('TRUNCATE public.so_now');
    await admin.query("INSERT INTO public.so_now VALUES (1, '2024-01-01')");
    expect(await info('so_now')).toEqual([0, 1, 1]);
  });
});
