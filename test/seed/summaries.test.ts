import { describe, expect, it } from 'vitest';
import { generateCourseData } from '../../engine/seed/course';
import { channelSummary, mauSummary } from '../../engine/seed/summaries';
import { makeTable } from '../../engine/seed/types';
import { col } from './helpers';

const data = generateCourseData(3);

/** Naive recomputation of the lecture's SQL, independent of the generator's code. */
function expectedChannelSummary(): Record<string, { users: number; sessions: number }> {
  const out: Record<string, { users: Set<number>; sessions: number }> = {};
  const users = col<number>(data.userSessionChannel, 'userid');
  col<string>(data.userSessionChannel, 'channel').forEach((ch, r) => {
    out[ch] ??= { users: new Set(), sessions: 0 };
    out[ch].users.add(users[r]!);
    out[ch].sessions++;
  });
  return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, { users: v.users.size, sessions: v.sessions }]));
}

function expectedMau(): Record<string, number> {
  const tsById = new Map<string, string>();
  const tsIds = col<string>(data.sessionTimestamp, 'sessionid');
  col<string>(data.sessionTimestamp, 'ts').forEach((t, r) => tsById.set(tsIds[r]!, t));
  const byMonth: Record<string, Set<number>> = {};
  const users = col<number>(data.userSessionChannel, 'userid');
  col<string>(data.userSessionChannel, 'sessionid').forEach((id, r) => {
    const month = tsById.get(id)!.slice(0, 7);
    (byMonth[month] ??= new Set()).add(users[r]!);
  });
  return Object.fromEntries(Object.entries(byMonth).map(([m, s]) => [m, s.size]));
}

describe('analytics.channel_summary', () => {
  it('matches a recomputation from raw_data.user_session_channel', () => {
    const table = data.channelSummary;
    expect(table.columns.map((c) => `${c.name} ${c.type}`)).toEqual(['channel varchar(32)', 'unique_users integer', 'sessions integer']);
    const expected = expectedChannelSummary();
    const channels = col<string>(table, 'channel');
    expect(channels).toEqual(Object.keys(expected).sort());
    channels.forEach((ch, r) => {
      expect(col<number>(table, 'unique_users')[r]).toBe(expected[ch]!.users);
      expect(col<number>(table, 'sessions')[r]).toBe(expected[ch]!.sessions);
    });
    expect(col<number>(table, 'sessions').reduce((a, b) => a + b, 0)).toBe(data.userSessionChannel.rowCount);
  });
});

describe('analytics.mau_summary', () => {
  it('matches a join of user_session_channel and session_timestamp', () => {
    const table = data.mauSummary;
    expect(table.columns.map((c) => `${c.name} ${c.type}`)).toEqual(['month varchar(7)', 'mau integer']);
    const expected = expectedMau();
    expect(col<string>(table, 'month')).toEqual(['2019-05', '2019-06', '2019-07', '2019-08', '2019-09', '2019-10', '2019-11']);
    col<string>(table, 'month').forEach((m, r) => expect(col<number>(table, 'mau')[r]).toBe(expected[m]));
    const distinctUsers = new Set(col<number>(data.userSessionChannel, 'userid')).size;
    for (const mau of col<number>(table, 'mau')) {
      expect(mau).toBeGreaterThan(distinctUsers * 0.4);
      expect(mau).toBeLessThanOrEqual(distinctUsers);
    }
  });

  it('gives the same answer through the general hash join as through the aligned fast path', () => {
    const general = mauSummary(data.userSessionChannel, data.sessionTimestamp);
    const fast = mauSummary(data.userSessionChannel, data.sessionTimestamp, { alignedUniqueSessions: true });
    expect(general.rows).toEqual(fast.rows);
    expect(general.rows).toEqual(data.mauSummary.rows);
  });

  it('implements inner-join semantics for missing, reordered and duplicated sessions', () => {
    const usc = makeTable(
      'raw_data',
      'user_session_channel',
      [
        { name: 'userid', type: 'integer' },
        { name: 'sessionid', type: 'varchar(32)' },
        { name: 'channel', type: 'varchar(32)' },
      ],
      { userid: [1, 2, 3, 1], sessionid: ['a', 'b', 'c', 'd'], channel: ['Google', 'Naver', 'Google', 'Google'] },
    );
    const st = makeTable(
      'raw_data',
      'session_timestamp',
      [
        { name: 'sessionid', type: 'varchar(32)' },
        { name: 'ts', type: 'timestamp' },
      ],
      // 'c' has no timestamp; 'b' is listed twice (two months); order differs from usc
      { sessionid: ['d', 'b', 'a', 'b'], ts: ['2019-06-02 10:00:00', '2019-05-03 00:00:00', '2019-05-01 09:00:00', '2019-07-01 00:00:00'] },
    );
    for (const options of [{}, { alignedUniqueSessions: true }]) {
      const mau = mauSummary(usc, st, options);
      expect(mau.rows).toEqual([
        ['2019-05', '2019-06', '2019-07'],
        [2, 1, 1],
      ]);
    }
    const summary = channelSummary(usc);
    expect(summary.rows).toEqual([
      ['Google', 'Naver'],
      [2, 1],
      [3, 1],
    ]);
  });
});
