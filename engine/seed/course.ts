/**
 * generateCourseData(seed): every table of the course's sample warehouse,
 * deterministic for a given seed (different seeds give different data of
 * the same shape — used for hidden-variant grading).
 */
import { dayRange } from './calendar';
import { generateUserContact, generateUserNotes } from './people';
import { Rng } from './prng';
import { generateSessionTables } from './sessions';
import { channelSummary, mauSummary } from './summaries';
import type { GeneratedTable } from './types';
import { generateUsers } from './users';

/** Shape of the course data set (the sizes of the original course tables). */
export const COURSE_SHAPE = {
  firstDay: '2019-05-01',
  lastDay: '2019-11-30',
  userCount: 949,
  maxUserId: 1000,
  sessionCount: 101_520,
  noteCount: 300,
  /** purchases per session before channel factors (~10 % of sessions end in a purchase) */
  baseBuyRate: 0.1,
  refundRate: 0.05,
  loyalty: 0.55,
} as const;

export interface CourseData {
  seed: number;
  /** All tables in load order (raw_data first, then analytics, adhoc, pii). */
  tables: GeneratedTable[];
  userSessionChannel: GeneratedTable;
  sessionTimestamp: GeneratedTable;
  sessionTransaction: GeneratedTable;
  channel: GeneratedTable;
  channelSummary: GeneratedTable;
  mauSummary: GeneratedTable;
  userNotes: GeneratedTable;
  userContact: GeneratedTable;
}

/** Independent random streams, so changing one table's generator leaves the others unchanged. */
const STREAM = { users: 1, sessions: 2, contact: 3, notes: 4 } as const;

export function generateCourseData(seed = 1): CourseData {
  const shape = COURSE_SHAPE;
  const days = dayRange(shape.firstDay, shape.lastDay);
  const users = generateUsers(new Rng(seed, STREAM.users), {
    userCount: shape.userCount,
    maxUserId: shape.maxUserId,
    days,
    baseBuyRate: shape.baseBuyRate,
  });
  const raw = generateSessionTables(new Rng(seed, STREAM.sessions), users, {
    sessionCount: shape.sessionCount,
    days,
    loyalty: shape.loyalty,
    refundRate: shape.refundRate,
  });
  const summaryByChannel = channelSummary(raw.userSessionChannel);
  const mau = mauSummary(raw.userSessionChannel, raw.sessionTimestamp, { alignedUniqueSessions: true });
  const userNotes = generateUserNotes(new Rng(seed, STREAM.notes), users, shape.noteCount);
  const userContact = generateUserContact(new Rng(seed, STREAM.contact), users);
  return {
    seed,
    tables: [
      raw.userSessionChannel,
      raw.sessionTimestamp,
      raw.sessionTransaction,
      raw.channel,
      summaryByChannel,
      mau,
      userNotes,
      userContact,
    ],
    ...raw,
    channelSummary: summaryByChannel,
    mauSummary: mau,
    userNotes,
    userContact,
  };
}

/** Looks a table up by 'schema.name' (throws when it is not part of the data set). */
export function findTable(data: { tables: GeneratedTable[] }, qualifiedName: string): GeneratedTable {
  const table = data.tables.find((t) => `${t.schema}.${t.name}` === qualifiedName);
  if (!table) throw new Error(`no generated table ${qualifiedName}`);
  return table;
}
