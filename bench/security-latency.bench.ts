import { openTempWorkspace } from '../engine/node';
import { figure, medianMs, type Figure } from './harness';

/**
 * SELECT latency for a restricted user (privileges through two roles, column-level grants and an
 * RLS policy) beside the same SELECT as the superuser, same workspace and run.
 */
export default async function securityLatency(): Promise<Figure[]> {
  const warehouse = await openTempWorkspace();
  try {
    const admin = await warehouse.session();
    await admin.query(`CREATE ROLE bench_base; CREATE ROLE bench_reader; GRANT ROLE bench_base TO ROLE bench_reader;
      CREATE USER bench_user PASSWORD 'Bench2024x'; GRANT ROLE bench_reader TO bench_user;
      GRANT USAGE ON SCHEMA raw_data TO ROLE bench_base;
      GRANT SELECT (sessionid, userid, channel) ON raw_data.user_session_channel TO ROLE bench_base;
      CREATE RLS POLICY bench_channels WITH (channel varchar(32)) USING (channel <> 'Unknown');
      ATTACH RLS POLICY bench_channels ON raw_data.user_session_channel TO ROLE bench_reader;
      ALTER TABLE raw_data.user_session_channel ROW LEVEL SECURITY ON;`);
    const user = await warehouse.session('bench_user');
    const sql = 'SELECT channel, count(*), count(DISTINCT userid) FROM raw_data.user_session_channel GROUP BY channel ORDER BY channel';
    const figures: Figure[] = [];
    for (const [name, query] of [
      ['aggregate over 101,520 rows', sql],
      ['point lookup', "SELECT sessionid, channel FROM raw_data.user_session_channel WHERE userid = 27 ORDER BY sessionid"],
    ] as const) {
      await user.query(query);
      await admin.query(query);
      const restricted = await medianMs(9, () => user.query(query));
      const superuser = await medianMs(9, () => admin.query(query));
      const ratio = restricted / superuser;
      figures.push(figure(`SELECT as restricted user (roles + column grants + RLS): ${name}`, 'ms', restricted, 'same SELECT as superuser', superuser, { text: 'ratio ≤ 1.2', met: ratio <= 1.2 }));
    }
    await user.close();
    await admin.close();
    return figures;
  } finally {
    await warehouse.close();
  }
}
