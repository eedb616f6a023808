/**
 * Calendar helpers for the generators: a precomputed list of days and fast
 * timestamp formatting without a Date object per row. Pure ECMAScript (UTC only).
 */
import { decodeFixedWidth, writeAscii, writePair } from './ascii';

const MS_PER_DAY = 86_400_000;

/** Two-digit strings '00'..'99'. */
export const PAD2: readonly string[] = Array.from({ length: 100 }, (_, i) => (i < 10 ? `0${i}` : String(i)));

/** 'YYYY-MM-DD' -> days since 1970-01-01 (UTC). */
export function dayNumber(isoDate: string): number {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  return Math.round(Date.UTC(y, m - 1, d) / MS_PER_DAY);
}

/** days since 1970-01-01 -> 'YYYY-MM-DD'. */
export function isoDate(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(day: number): number {
  return (((day + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
}

export interface DayInfo {
  /** days since epoch */
  day: number;
  /** 'YYYY-MM-DD' */
  date: string;
  /** 'YYYY-MM' */
  month: string;
  weekday: number;
}

/** Every day from `first` to `last` inclusive ('YYYY-MM-DD'). */
export function dayRange(first: string, last: string): DayInfo[] {
  const out: DayInfo[] = [];
  for (let d = dayNumber(first); d <= dayNumber(last); d++) {
    const date = isoDate(d);
    out.push({ day: d, date, month: date.slice(0, 7), weekday: weekday(d) });
  }
  return out;
}

/** Microseconds (0 ≤ v < 86 400 000 000) -> 'HH:MM:SS.ffffff'. */
export function timeOfDay(micros: number): string {
  const totalSeconds = Math.floor(micros / 1_000_000);
  const frac = micros - totalSeconds * 1_000_000;
  const h = Math.floor(totalSeconds / 3600);
  const rest = totalSeconds - h * 3600;
  const m = Math.floor(rest / 60);
  const s = rest - m * 60;
  // frac = ab·cd·ef -> three two-digit groups
  const ab = Math.floor(frac / 10_000);
  const cdef = frac - ab * 10_000;
  const cd = Math.floor(cdef / 100);
  return `${PAD2[h]}:${PAD2[m]}:${PAD2[s]}.${PAD2[ab]}${PAD2[cd]}${PAD2[cdef - cd * 100]}`;
}

/** Length of 'YYYY-MM-DD HH:MM:SS.ffffff'. */
export const TIMESTAMP_WIDTH = 26;

/** Builds a column of 'YYYY-MM-DD HH:MM:SS.ffffff' strings in one buffer. */
export class TimestampColumnBuilder {
  private readonly bytes: Uint8Array;

  constructor(readonly count: number) {
    this.bytes = new Uint8Array(count * TIMESTAMP_WIDTH);
  }

  /** Row `row` = `date` ('YYYY-MM-DD') plus `micros` microseconds after midnight. */
  set(row: number, date: string, micros: number): void {
    const b = this.bytes;
    const at = writeAscii(b, row * TIMESTAMP_WIDTH, date);
    const totalSeconds = Math.floor(micros / 1_000_000);
    const frac = micros - totalSeconds * 1_000_000;
    const h = Math.floor(totalSeconds / 3600);
    const rest = totalSeconds - h * 3600;
    const m = Math.floor(rest / 60);
    const fracHigh = Math.floor(frac / 10_000); // digits 1-2 of the fraction
    const fracLow = frac - fracHigh * 10_000; // digits 3-6
    const fracMid = Math.floor(fracLow / 100);
    b[at] = 32; // ' '
    writePair(b, at + 1, h);
    b[at + 3] = 58; // ':'
    writePair(b, at + 4, m);
    b[at + 6] = 58;
    writePair(b, at + 7, rest - m * 60);
    b[at + 9] = 46; // '.'
    writePair(b, at + 10, fracHigh);
    writePair(b, at + 12, fracMid);
    writePair(b, at + 14, fracLow - fracMid * 100);
  }

  build(): string[] {
    return decodeFixedWidth(this.bytes, TIMESTAMP_WIDTH);
  }
}
