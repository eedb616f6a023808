/**
 * analytics.* tables, computed from the generated raw_data tables exactly as
 * the lecture's SQL would compute them, so the two always agree.
 */
import { columnValues, makeTable, type GeneratedTable } from './types';

/**
 * analytics.channel_summary =
 *   SELECT channel, COUNT(DISTINCT userid) unique_users, COUNT(1) sessions
 *   FROM raw_data.user_session_channel GROUP BY 1 ORDER BY 1
 */
export function channelSummary(userSessionChannel: GeneratedTable): GeneratedTable {
  const users = columnValues(userSessionChannel, 'userid');
  const channels = columnValues(userSessionChannel, 'channel');
  const stats = new Map<string, { users: Set<number>; sessions: number }>();
  for (let r = 0; r < userSessionChannel.rowCount; r++) {
    const ch = channels[r] as string;
    let s = stats.get(ch);
    if (!s) stats.set(ch, (s = { users: new Set(), sessions: 0 }));
    s.users.add(users[r] as number);
    s.sessions++;
  }
  const names = [...stats.keys()].sort();
  return makeTable(
    'analytics',
    'channel_summary',
    [
      { name: 'channel', type: 'varchar(32)' },
      { name: 'unique_users', type: 'integer' },
      { name: 'sessions', type: 'integer' },
    ],
    {
      channel: names,
      unique_users: names.map((n) => stats.get(n)?.users.size ?? 0),
      sessions: names.map((n) => stats.get(n)?.sessions ?? 0),
    },
  );
}

/**
 * analytics.mau_summary =
 *   SELECT LEFT(ts, 7) "month", COUNT(DISTINCT userid) mau
 *   FROM raw_data.user_session_channel usc
 *   JOIN raw_data.session_timestamp st ON st.sessionid = usc.sessionid
 *   GROUP BY 1 ORDER BY 1
 */
export interface MauOptions {
  /**
   * The caller guarantees that sessionids are unique and that row r of both
   * tables is the same session (true for generateCourseData). The rows are
   * still compared; any mismatch falls back to the general hash join.
   */
  alignedUniqueSessions?: boolean;
}

export function mauSummary(
  userSessionChannel: GeneratedTable,
  sessionTimestamp: GeneratedTable,
  options: MauOptions = {},
): GeneratedTable {
  const byMonth =
    (options.alignedUniqueSessions && alignedMonthlyUsers(userSessionChannel, sessionTimestamp)) ||
    joinedMonthlyUsers(userSessionChannel, sessionTimestamp);
  const codes = [...byMonth.keys()].sort((a, b) => a - b);
  return makeTable(
    'analytics',
    'mau_summary',
    [
      { name: 'month', type: 'varchar(7)' },
      { name: 'mau', type: 'integer' },
    ],
    { month: codes.map(monthLabel), mau: codes.map((c) => byMonth.get(c)?.size ?? 0) },
  );
}

type MonthlyUsers = Map<number, Set<number>>;

function addUser(byMonth: MonthlyUsers, code: number, userid: number): void {
  let set = byMonth.get(code);
  if (!set) byMonth.set(code, (set = new Set()));
  set.add(userid);
}

/** Row-by-row pairing; null when the two tables are not row-aligned. */
function alignedMonthlyUsers(usc: GeneratedTable, st: GeneratedTable): MonthlyUsers | null {
  if (usc.rowCount !== st.rowCount) return null;
  const ids = columnValues(usc, 'sessionid');
  const tsIds = columnValues(st, 'sessionid');
  for (let r = 0; r < usc.rowCount; r++) if (ids[r] !== tsIds[r]) return null;
  const users = columnValues(usc, 'userid');
  const tsValues = columnValues(st, 'ts');
  const byMonth: MonthlyUsers = new Map();
  let lastCode = -1;
  let lastSet = new Set<number>();
  for (let r = 0; r < usc.rowCount; r++) {
    const code = monthCode(tsValues[r] as string);
    if (code !== lastCode) {
      // rows are usually in time order, so the month rarely changes from one row to the next
      lastCode = code;
      lastSet = byMonth.get(code) ?? new Set<number>();
      byMonth.set(code, lastSet);
    }
    lastSet.add(users[r] as number);
  }
  return byMonth;
}

/** General inner hash join on sessionid. */
function joinedMonthlyUsers(userSessionChannel: GeneratedTable, sessionTimestamp: GeneratedTable): MonthlyUsers {
  // month of each session as a small integer code; a sessionid listed twice joins with every copy
  const monthOf = new Map<string, number>();
  const extraMonths = new Map<string, number[]>();
  const tsIds = columnValues(sessionTimestamp, 'sessionid');
  const tsValues = columnValues(sessionTimestamp, 'ts');
  for (let r = 0; r < sessionTimestamp.rowCount; r++) {
    const id = tsIds[r] as string;
    const code = monthCode(tsValues[r] as string);
    if (!monthOf.has(id)) monthOf.set(id, code);
    else extraMonths.set(id, [...(extraMonths.get(id) ?? []), code]);
  }
  const users = columnValues(userSessionChannel, 'userid');
  const ids = columnValues(userSessionChannel, 'sessionid');
  const byMonth: MonthlyUsers = new Map();
  for (let r = 0; r < userSessionChannel.rowCount; r++) {
    const id = ids[r] as string;
    const code = monthOf.get(id);
    if (code === undefined) continue; // inner join
    addUser(byMonth, code, users[r] as number);
    for (const more of extraMonths.get(id) ?? []) addUser(byMonth, more, users[r] as number);
  }
  return byMonth;
}

/** 'YYYY-MM…' -> year * 12 + (month - 1), read digit by digit (no substring allocation). */
function monthCode(ts: string): number {
  const year =
    (ts.charCodeAt(0) - 48) * 1000 + (ts.charCodeAt(1) - 48) * 100 + (ts.charCodeAt(2) - 48) * 10 + (ts.charCodeAt(3) - 48);
  return year * 12 + (ts.charCodeAt(5) - 48) * 10 + (ts.charCodeAt(6) - 48) - 1;
}

function monthLabel(code: number): string {
  const year = Math.floor(code / 12);
  const month = (code % 12) + 1;
  return `${year}-${month < 10 ? '0' : ''}${month}`;
}
