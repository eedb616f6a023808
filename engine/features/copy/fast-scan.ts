import type { CopyCommand } from './copy-options';
import type { TargetColumn } from './field-types';

/**
 * The fast COPY path: a file whose every field is plainly valid for its column can be handed to
 * PostgreSQL's server-side COPY as it is. This module decides that from the raw bytes, without
 * building strings or row arrays (one pass, no allocation per row). Anything unusual — quotes,
 * backslashes, blank lines, a wrong field count, a value Redshift would read differently from
 * PostgreSQL — answers "no", and the row-checking path (with STL_LOAD_ERRORS reasons) runs instead.
 */

const enum Kind {
  Int,
  Decimal,
  Float,
  /** YYYY-MM-DD exactly (PostgreSQL then checks the day exists). */
  Date,
  /** YYYY-MM-DD HH:MI:SS[.f]; `T` and a bare date only with TIMEFORMAT 'auto'. */
  Timestamp,
  /** Character data, limited to `maxBytes` UTF-8 bytes. */
  Text,
}

interface ColumnCheck {
  kind: Kind;
  maxBytes: number;
  /** Empty field → NULL, which a NOT NULL column refuses. */
  emptyIsNull: boolean;
  notNull: boolean;
}

export interface FastPlan {
  delimiter: number;
  headerLines: number;
  checks: ColumnCheck[];
  autoTime: boolean;
  /** PostgreSQL COPY options that read the file the way Redshift would. */
  copyOptions: string;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const LF = 0x0a;
const CR = 0x0d;

/** The plan for a fast load, or undefined when the options need the row-checking path. */
export function fastPlan(command: CopyCommand, columns: TargetColumn[], quoteIdent: (name: string) => string): FastPlan | undefined {
  if (command.json || command.noload || command.blanksAsNull || command.trimBlanks || command.fillRecord || command.truncateColumns) return undefined;
  if (command.ignoreHeader > 1 || (command.nullAs !== '\\N' && command.nullAs !== '')) return undefined;
  const delimiter = command.delimiter.charCodeAt(0);
  if (command.delimiter.length !== 1 || delimiter >= 0x80 || [QUOTE, BACKSLASH, LF, CR].includes(delimiter)) return undefined;
  if (command.csv && command.quote !== '"') return undefined;
  const checks: ColumnCheck[] = [];
  const keepEmptyStrings: string[] = [];
  for (const column of columns) {
    const check = checkFor(column, command);
    if (!check) return undefined;
    check.emptyIsNull = check.kind !== Kind.Text || command.emptyAsNull || command.nullAs === '';
    if (!check.emptyIsNull) keepEmptyStrings.push(quoteIdent(column.name));
    checks.push(check);
  }
  let copyOptions = `FORMAT csv, DELIMITER '${command.delimiter === "'" ? "''" : command.delimiter}', NULL '', HEADER ${command.ignoreHeader === 1}`;
  if (keepEmptyStrings.length) copyOptions += `, FORCE_NOT_NULL (${keepEmptyStrings.join(', ')})`;
  return { delimiter, headerLines: command.ignoreHeader, checks, autoTime: command.timeFormat.toLowerCase() === 'auto', copyOptions };
}

function checkFor(column: TargetColumn, command: CopyCommand): ColumnCheck | undefined {
  const base = { maxBytes: Infinity, emptyIsNull: true, notNull: column.notNull };
  const type = column.type;
  if (type === 'smallint' || type === 'integer' || type === 'bigint') return { ...base, kind: Kind.Int };
  if (/^numeric(\(\d+,\d+\))?$/.test(type)) return { ...base, kind: Kind.Decimal };
  if (type === 'real' || type === 'double precision') return { ...base, kind: Kind.Float };
  if (type === 'date') {
    const format = command.dateFormat.toLowerCase();
    return format === 'auto' || format === 'yyyy-mm-dd' ? { ...base, kind: Kind.Date } : undefined;
  }
  if (type === 'timestamp without time zone' || type === 'timestamp with time zone') {
    const format = command.timeFormat.toLowerCase();
    return format === 'auto' || format === 'yyyy-mm-dd hh:mi:ss' ? { ...base, kind: Kind.Timestamp } : undefined;
  }
  if (type === 'text' || type === 'character varying') return { ...base, kind: Kind.Text };
  const chars = /^(?:character varying|character)\((\d+)\)$/.exec(type);
  if (chars) return { ...base, kind: Kind.Text, maxBytes: Number(chars[1]) };
  return undefined;
}

const isDigit = (b: number) => b >= 0x30 && b <= 0x39;

const ORDINARY = 0;
const DELIMITER = 1;
const END_OF_LINE = 2;
const CARRIAGE_RETURN = 3;
const REFUSED = 4;

/** Byte classes for the scan: quotes, backslashes and NUL send the file to the checking path. */
function byteClasses(delimiter: number): Uint8Array {
  const classes = new Uint8Array(256);
  classes[QUOTE] = REFUSED;
  classes[BACKSLASH] = REFUSED;
  classes[0] = REFUSED;
  classes[LF] = END_OF_LINE;
  classes[CR] = CARRIAGE_RETURN;
  classes[delimiter] = DELIMITER;
  return classes;
}

/** Counts the data rows of `bytes` if every one of them fits the plan; undefined otherwise. */
export function scanFast(bytes: Uint8Array, plan: FastPlan): number | undefined {
  const n = bytes.length;
  if (n >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return undefined; // BOM: the checking path drops it
  let pos = 0;
  for (let skipped = 0; skipped < plan.headerLines && pos < n; skipped++) {
    const nl = bytes.indexOf(LF, pos);
    const end = nl === -1 ? n : nl;
    // PostgreSQL skips a header *record*: a quote could make it span lines where Redshift skips one line.
    const quote = bytes.indexOf(QUOTE, pos);
    if (quote !== -1 && quote < end) return undefined;
    pos = end + 1;
  }
  const { checks } = plan;
  const classes = byteClasses(plan.delimiter);
  const width = checks.length;
  let rows = 0;
  while (pos < n) {
    let column = 0;
    let start = pos;
    for (;;) {
      let end = start;
      let kind = END_OF_LINE;
      while (end < n && (kind = classes[bytes[end]!]!) === ORDINARY) end++;
      if (end === n) kind = END_OF_LINE;
      else if (kind === REFUSED) return undefined;
      let next = end + 1;
      if (kind === CARRIAGE_RETURN) {
        if (bytes[end + 1] !== LF) return undefined;
        kind = END_OF_LINE;
        next = end + 2;
      }
      if (kind === END_OF_LINE && column === 0 && end === start) return undefined; // blank line
      if (column >= width || !fieldFits(bytes, start, end, checks[column]!, plan.autoTime)) return undefined;
      column++;
      if (kind === DELIMITER) {
        start = next;
        continue;
      }
      pos = next;
      break;
    }
    if (column !== width) return undefined;
    rows++;
  }
  return rows;
}

function fieldFits(bytes: Uint8Array, start: number, end: number, check: ColumnCheck, autoTime: boolean): boolean {
  if (end === start) return !(check.notNull && check.emptyIsNull);
  switch (check.kind) {
    case Kind.Text: {
      return end - start <= check.maxBytes;
    }
    case Kind.Int: {
      let i = start;
      while (i < end && bytes[i] === 0x20) i++;
      if (i < end && (bytes[i] === 0x2b || bytes[i] === 0x2d)) i++;
      const digits = i;
      while (i < end && isDigit(bytes[i]!)) i++;
      if (i === digits) return false;
      while (i < end && bytes[i] === 0x20) i++;
      return i === end;
    }
    case Kind.Decimal:
    case Kind.Float: {
      let i = start;
      if (bytes[i] === 0x2b || bytes[i] === 0x2d) i++;
      let digits = 0;
      while (i < end && isDigit(bytes[i]!)) (i++, digits++);
      if (i < end && bytes[i] === 0x2e) {
        i++;
        while (i < end && isDigit(bytes[i]!)) (i++, digits++);
      }
      if (digits === 0) return false;
      if (check.kind === Kind.Float && i < end && (bytes[i] === 0x65 || bytes[i] === 0x45)) {
        i++;
        if (bytes[i] === 0x2b || bytes[i] === 0x2d) i++;
        const exp = i;
        while (i < end && isDigit(bytes[i]!)) i++;
        if (i === exp) return false;
      }
      return i === end;
    }
    case Kind.Date:
      return end - start === 10 && isIsoDate(bytes, start);
    case Kind.Timestamp: {
      const length = end - start;
      if (!isIsoDate(bytes, start)) return false;
      if (length === 10) return autoTime;
      const sep = bytes[start + 10];
      if (length < 19 || !(sep === 0x20 || (autoTime && sep === 0x54))) return false;
      const t = start + 11;
      if (!(isDigit(bytes[t]!) && isDigit(bytes[t + 1]!) && bytes[t + 2] === 0x3a && isDigit(bytes[t + 3]!) && isDigit(bytes[t + 4]!))) return false;
      if (!(bytes[t + 5] === 0x3a && isDigit(bytes[t + 6]!) && isDigit(bytes[t + 7]!))) return false;
      if (length === 19) return true;
      if (bytes[start + 19] !== 0x2e || length === 20) return false;
      for (let i = start + 20; i < end; i++) if (!isDigit(bytes[i]!)) return false;
      return true;
    }
  }
}

function isIsoDate(bytes: Uint8Array, s: number): boolean {
  return (
    isDigit(bytes[s]!) && isDigit(bytes[s + 1]!) && isDigit(bytes[s + 2]!) && isDigit(bytes[s + 3]!) && bytes[s + 4] === 0x2d &&
    isDigit(bytes[s + 5]!) && isDigit(bytes[s + 6]!) && bytes[s + 7] === 0x2d && isDigit(bytes[s + 8]!) && isDigit(bytes[s + 9]!)
  );
}
