/**
 * The raw_data session tables: user_session_channel, session_timestamp,
 * session_transaction and channel, generated from the user profiles.
 *
 * Rows are emitted in timestamp order; user_session_channel and
 * session_timestamp list the sessions in the same order.
 */
import { decodeFixedWidth } from './ascii';
import { TimestampColumnBuilder, type DayInfo } from './calendar';
import { CumulativeSampler, Rng } from './prng';
import { makeTable, type GeneratedTable } from './types';
import { CHANNELS, CHANNEL_CONVERSION, CHANNEL_WEIGHTS, type UserProfile } from './users';

export interface SessionOptions {
  sessionCount: number;
  days: readonly DayInfo[];
  /** Probability that a session arrives through the user's preferred channel. */
  loyalty: number;
  refundRate: number;
}

export interface SessionTables {
  userSessionChannel: GeneratedTable;
  sessionTimestamp: GeneratedTable;
  sessionTransaction: GeneratedTable;
  channel: GeneratedTable;
}

/** Relative traffic by weekday, Sunday first: busy early in the week, quiet on Saturdays. */
const WEEKDAY_WEIGHTS = [0.95, 1.12, 1.1, 1.06, 1.0, 0.9, 0.78];

/** Relative traffic by hour of day (KST): lunch and evening peaks, a night trough. */
const HOUR_WEIGHTS = [
  2.0, 1.3, 0.8, 0.5, 0.35, 0.4, 0.8, 1.6, 2.6, 3.2, 3.6, 3.8,
  4.3, 4.0, 3.7, 3.6, 3.6, 3.8, 4.0, 4.4, 4.9, 5.1, 4.5, 3.2,
];

const MICROS_PER_HOUR = 3_600_000_000;

/** Day weights: weekday rhythm × slow growth × a Chuseok holiday dip × a little daily noise. */
function dayWeights(rng: Rng, days: readonly DayInfo[]): number[] {
  const n = days.length;
  return days.map((d, i) => {
    const trend = 1 + (0.35 * i) / Math.max(1, n - 1);
    const holiday = d.date >= '2019-09-12' && d.date <= '2019-09-14' ? 0.6 : 1;
    return (WEEKDAY_WEIGHTS[d.weekday] as number) * trend * holiday * rng.logNormal(0, 0.07);
  });
}

/**
 * Number of sessions per user: one each, the rest spread in proportion to
 * activity × active days by systematic sampling (each user gets the floor or
 * the ceiling of their expected share, and the total is exact).
 */
function sessionsPerUser(rng: Rng, users: readonly UserProfile[], total: number): Int32Array {
  if (total < users.length) throw new Error(`need at least one session per user (${users.length})`);
  const weights = users.map((u) => u.activity * (u.lastDay - u.firstDay + 1));
  const scale = (total - users.length) / weights.reduce((sum, w) => sum + w, 0);
  const counts = new Int32Array(users.length);
  const offset = rng.next();
  let cumulative = 0;
  let assigned = 0;
  weights.forEach((w, u) => {
    cumulative += w * scale;
    const upTo = Math.min(total - users.length, Math.floor(cumulative + offset));
    counts[u] = 1 + upTo - assigned;
    assigned = upTo;
  });
  counts[users.length - 1] += total - users.length - assigned; // floating-point remainder, if any
  return counts;
}

/**
 * The sessions in time order: day index and user index per session. Days are
 * drawn per user inside the user's active window, then counting-sorted by day;
 * sessions within one day are shuffled (their times are assigned later, sorted).
 */
function sessionsByDay(
  rng: Rng,
  users: readonly UserProfile[],
  counts: Int32Array,
  daySampler: CumulativeSampler,
  total: number,
): { dayOf: Int32Array; userOf: Int32Array; dayStart: Int32Array } {
  const drawnDay = new Int32Array(total);
  const drawnUser = new Int32Array(total);
  const perDay = new Int32Array(daySampler.size + 1);
  let s = 0;
  users.forEach((user, u) => {
    for (let k = 0; k < (counts[u] as number); k++, s++) {
      const day = daySampler.sampleRange(rng, user.firstDay, user.lastDay);
      drawnDay[s] = day;
      drawnUser[s] = u;
      perDay[day + 1]++;
    }
  });
  const dayStart = new Int32Array(daySampler.size + 1);
  for (let d = 0; d < daySampler.size; d++) dayStart[d + 1] = (dayStart[d] as number) + (perDay[d + 1] as number);
  const next = dayStart.slice();
  const dayOf = new Int32Array(total);
  const userOf = new Int32Array(total);
  for (let i = 0; i < total; i++) {
    const day = drawnDay[i] as number;
    const at = next[day]++;
    dayOf[at] = day;
    userOf[at] = drawnUser[i] as number;
  }
  for (let d = 0; d < daySampler.size; d++) {
    const lo = dayStart[d] as number;
    for (let i = (dayStart[d + 1] as number) - 1; i > lo; i--) {
      const j = lo + Math.floor(rng.next() * (i - lo + 1));
      const tmp = userOf[i] as number;
      userOf[i] = userOf[j] as number;
      userOf[j] = tmp;
    }
  }
  return { dayOf, userOf, dayStart };
}

/** Inverse-CDF lookup table of HOUR_WEIGHTS (resolution 1/4096): hour = table[floor(u × 4096)]. */
const HOUR_TABLE: Uint8Array = (() => {
  const size = 4096;
  const table = new Uint8Array(size);
  const total = HOUR_WEIGHTS.reduce((s, w) => s + w, 0);
  let hour = 0;
  let upTo = (HOUR_WEIGHTS[0] as number) / total;
  for (let i = 0; i < size; i++) {
    while ((i + 0.5) / size > upTo && hour < 23) upTo += (HOUR_WEIGHTS[++hour] as number) / total;
    table[i] = hour;
  }
  return table;
})();

/** Fills `out` with sorted random times of day (microseconds) following the hourly rhythm. */
function fillTimesOfDay(rng: Rng, out: Float64Array): void {
  for (let i = 0; i < out.length; i++) {
    const hour = HOUR_TABLE[(rng.next() * 4096) | 0] as number;
    out[i] = hour * MICROS_PER_HOUR + Math.floor(rng.next() * MICROS_PER_HOUR);
  }
  out.sort();
}

/** For each byte value, the character codes of its two hex digits. */
const HEX_HIGH = Uint8Array.from({ length: 256 }, (_, b) => '0123456789abcdef'.charCodeAt(b >>> 4));
const HEX_LOW = Uint8Array.from({ length: 256 }, (_, b) => '0123456789abcdef'.charCodeAt(b & 15));

/**
 * `count` distinct 32-hex-digit session ids (MD5-looking). The first 8 digits
 * are a seed-keyed bijection of the session number, which guarantees that the
 * ids are unique without a lookup set; the other 24 digits are random.
 */
function sessionIds(rng: Rng, count: number): string[] {
  const key = rng.nextUint32();
  const bytes = new Uint8Array(count * 32);
  let p = 0;
  for (let i = 0; i < count; i++) {
    for (let w = 0; w < 4; w++) {
      const word = w === 0 ? permute32(i, key) : rng.nextUint32();
      for (let shift = 24; shift >= 0; shift -= 8) {
        const byte = (word >>> shift) & 255;
        bytes[p++] = HEX_HIGH[byte] as number;
        bytes[p++] = HEX_LOW[byte] as number;
      }
    }
  }
  return decodeFixedWidth(bytes, 32);
}

/** A bijection on 32-bit integers (xor, odd multiplications and xor-shifts are all invertible). */
function permute32(x: number, key: number): number {
  let h = (x ^ key) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d) >>> 0;
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

export function generateSessionTables(rng: Rng, users: readonly UserProfile[], opts: SessionOptions): SessionTables {
  const { days, sessionCount } = opts;
  const daySampler = new CumulativeSampler(dayWeights(rng, days));
  const channelSampler = new CumulativeSampler(CHANNEL_WEIGHTS);
  const counts = sessionsPerUser(rng, users, sessionCount);
  const { userOf, dayStart } = sessionsByDay(rng, users, counts, daySampler, sessionCount);
  const ids = sessionIds(rng, sessionCount);

  const uscUser = new Array<number>(sessionCount);
  const uscChannel = new Array<string>(sessionCount);
  const tsBuilder = new TimestampColumnBuilder(sessionCount);
  const trSession: string[] = [];
  const trRefunded: boolean[] = [];
  const trAmount: number[] = [];

  const allTimes = new Float64Array(sessionCount);
  for (let d = 0; d < days.length; d++) {
    const lo = dayStart[d] as number;
    const times = allTimes.subarray(lo, dayStart[d + 1] as number);
    fillTimesOfDay(rng, times);
    const date = (days[d] as DayInfo).date;
    for (let k = 0; k < times.length; k++) {
      const r = lo + k;
      const user = users[userOf[r] as number] as UserProfile;
      const ch = rng.next() < opts.loyalty ? user.preferredChannel : channelSampler.sample(rng);
      uscUser[r] = user.userid;
      uscChannel[r] = CHANNELS[ch] as string;
      tsBuilder.set(r, date, times[k] as number);
      if (rng.next() < user.buyRate * (CHANNEL_CONVERSION[ch] as number)) {
        trSession.push(ids[r] as string);
        trRefunded.push(rng.next() < opts.refundRate);
        trAmount.push(purchaseAmount(rng));
      }
    }
  }

  return {
    userSessionChannel: makeTable(
      'raw_data',
      'user_session_channel',
      [
        { name: 'userid', type: 'integer' },
        { name: 'sessionid', type: 'varchar(32)' },
        { name: 'channel', type: 'varchar(32)' },
      ],
      { userid: uscUser, sessionid: ids, channel: uscChannel },
    ),
    sessionTimestamp: makeTable(
      'raw_data',
      'session_timestamp',
      [
        { name: 'sessionid', type: 'varchar(32)' },
        { name: 'ts', type: 'timestamp' },
      ],
      { sessionid: ids.slice(), ts: tsBuilder.build() },
    ),
    sessionTransaction: makeTable(
      'raw_data',
      'session_transaction',
      [
        { name: 'sessionid', type: 'varchar(32)' },
        { name: 'refunded', type: 'boolean' },
        { name: 'amount', type: 'integer' },
      ],
      { sessionid: trSession, refunded: trRefunded, amount: trAmount },
    ),
    channel: makeTable('raw_data', 'channel', [{ name: 'channelname', type: 'varchar(32)' }], {
      channelname: [...CHANNELS],
    }),
  };
}

/** Integer order amounts (dollar-like units): log-normal around 60, mostly 20–180, clamped to 5..500. */
function purchaseAmount(rng: Rng): number {
  return Math.min(500, Math.max(5, Math.round(rng.logNormal(Math.log(60), 0.6))));
}
