/**
 * The simulated user base behind the course data: who exists, how active
 * they are, when they are active, which channel they prefer and how likely
 * they are to buy. Every other course table is derived from these profiles.
 */
import { dayNumber, isoDate, type DayInfo } from './calendar';
import { Rng } from './prng';

export const CHANNELS = ['Facebook', 'Google', 'Instagram', 'Naver', 'Organic', 'Youtube'] as const;
export type Channel = (typeof CHANNELS)[number];

/** Share of sessions per channel (same order as CHANNELS): search and video lead, Facebook trails. */
export const CHANNEL_WEIGHTS: readonly number[] = [0.09, 0.24, 0.12, 0.21, 0.16, 0.18];

/** Relative purchase conversion per channel (same order as CHANNELS). */
export const CHANNEL_CONVERSION: readonly number[] = [0.8, 1.1, 0.9, 1.0, 1.2, 0.85];

export const REGIONS = ['seoul', 'busan', 'incheon', 'daegu', 'gwangju'] as const;
export type Region = (typeof REGIONS)[number];
const REGION_WEIGHTS = [0.46, 0.16, 0.15, 0.12, 0.11];

export interface UserProfile {
  userid: number;
  /** Relative number of sessions (heavy-tailed). */
  activity: number;
  /** Index into CHANNELS of the channel the user mostly arrives from. */
  preferredChannel: number;
  /** First and last active day, as indices into the course day range (inclusive). */
  firstDay: number;
  lastDay: number;
  /** Probability that one of the user's sessions ends in a purchase. */
  buyRate: number;
  region: Region;
  /** Sign-up date, 'YYYY-MM-DD', never after the first active day. */
  signupDate: string;
}

export interface UserOptions {
  userCount: number;
  /** userids are drawn without repetition from 1..maxUserId */
  maxUserId: number;
  days: readonly DayInfo[];
  /** Overall purchase rate per session (before channel factors). */
  baseBuyRate: number;
}

const EARLIEST_SIGNUP = dayNumber('2018-01-01');

export function generateUsers(rng: Rng, opts: UserOptions): UserProfile[] {
  const { days } = opts;
  const lastIndex = days.length - 1;
  const firstDayNumber = (days[0] as DayInfo).day;
  const ids = rng.sampleDistinct(opts.userCount, 1, opts.maxUserId);
  return ids.map((userid) => {
    const existing = rng.bool(0.55);
    const firstDay = existing ? 0 : rng.int(0, lastIndex - 10);
    const stays = rng.bool(0.72);
    const lastDay = stays ? lastIndex : rng.int(Math.min(lastIndex, firstDay + 14), lastIndex);
    const activity = rng.logNormal(0, 0.9);
    const preferredChannel = rng.weightedIndex(CHANNEL_WEIGHTS);
    // mean-one log-normal multiplier around the base rate, capped
    const buyRate = Math.min(0.6, opts.baseBuyRate * rng.logNormal(-0.32, 0.8));
    const region = rng.weighted(REGIONS, REGION_WEIGHTS);
    const startDay = firstDayNumber + firstDay;
    const signupDay = existing ? rng.int(EARLIEST_SIGNUP, firstDayNumber - 1) : startDay - rng.int(0, 3);
    const signupDate = days[signupDay - firstDayNumber]?.date ?? isoDate(signupDay);
    return { userid, activity, preferredChannel, firstDay, lastDay, buyRate, region, signupDate };
  });
}
