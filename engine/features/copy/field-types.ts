/** Checks and converts one text field for a target column, with Redshift's load error reasons. */

export interface TargetColumn {
  name: string;
  /** format_type() spelling, e.g. `character varying(32)`. */
  type: string;
  notNull: boolean;
}

export type FieldResult = { ok: true; value: string | null } | { ok: false; code: number; reason: string };

export interface ConvertOptions {
  dateFormat: string;
  timeFormat: string;
  truncateColumns: boolean;
}

const INT_RANGES: Record<string, [bigint, bigint, string]> = {
  smallint: [-32768n, 32767n, 'Short'],
  integer: [-2147483648n, 2147483647n, 'Integer'],
  bigint: [-9223372036854775808n, 9223372036854775807n, 'Long'],
};
const INT_RE = /^[+-]?\d+$/;
const DECIMAL_RE = /^[+-]?(\d+\.?\d*|\.\d+)$/;
const FLOAT_RE = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$|^[+-]?(inf|infinity|nan)$/i;

export type Converter = (text: string) => FieldResult;

/** Builds the converter for a column type once per load. */
export function converterFor(column: TargetColumn, options: ConvertOptions): Converter {
  const type = column.type;
  const range = INT_RANGES[type];
  if (range) {
    const [min, max, label] = range;
    const safe = type !== 'bigint';
    return (text) => {
      const t = text.trim();
      if (!INT_RE.test(t)) return { ok: false, code: 1207, reason: invalidDigit(t, false, label) };
      const inRange = safe && t.length < 10 ? true : BigInt(t) >= min && BigInt(t) <= max;
      if (!inRange) return { ok: false, code: 1216, reason: `Overflow, Value '${t}', Type: ${label}` };
      return { ok: true, value: t };
    };
  }
  const numeric = /^numeric(?:\((\d+),(\d+)\))?$/.exec(type);
  if (numeric) {
    const precision = numeric[1] ? Number(numeric[1]) : 38;
    const scale = numeric[2] ? Number(numeric[2]) : 0;
    return (text) => {
      const t = text.trim();
      // 'NaN' and 'Infinity' too: Redshift's DECIMAL has neither (PostgreSQL's numeric has both).
      if (!DECIMAL_RE.test(t)) return { ok: false, code: 1209, reason: invalidDigit(t, true, 'Decimal') };
      const whole = t.replace(/^[+-]/, '').split('.')[0]!.replace(/^0+/, '');
      if (whole.length > precision - scale) return { ok: false, code: 1216, reason: `Numeric data overflow (result precision), Value '${t}', Type: Decimal(${precision},${scale})` };
      return { ok: true, value: t };
    };
  }
  if (type === 'real' || type === 'double precision') {
    return (text) => {
      const t = text.trim();
      return FLOAT_RE.test(t) ? { ok: true, value: t } : { ok: false, code: 1208, reason: invalidDigit(t, true, 'Double') };
    };
  }
  if (type === 'boolean') {
    return (text) => {
      const t = text.trim().toLowerCase();
      if (['t', 'true', '1', 'y', 'yes'].includes(t)) return { ok: true, value: 'true' };
      if (['f', 'false', '0', 'n', 'no'].includes(t)) return { ok: true, value: 'false' };
      return { ok: false, code: 1210, reason: `Invalid Boolean value, Value '${text}'` };
    };
  }
  if (type === 'date') {
    const parse = dateParser(options.dateFormat);
    return (text) => {
      const value = parse(text.trim());
      return value ? { ok: true, value } : { ok: false, code: 1205, reason: `Invalid Date Format - Value '${text}', DATEFORMAT '${options.dateFormat}'` };
    };
  }
  if (type.startsWith('timestamp')) {
    const parse = timestampParser(options.timeFormat);
    return (text) => {
      const value = parse(text.trim());
      return value ? { ok: true, value } : { ok: false, code: 1206, reason: `Invalid timestamp format or value [${options.timeFormat}], Value '${text}'` };
    };
  }
  const chars = /^(character varying|character)\((\d+)\)$/.exec(type);
  if (chars) {
    const limit = Number(chars[2]);
    const isChar = chars[1] === 'character';
    return (text) => {
      // Redshift lengths count bytes, not characters.
      if (text.length <= limit && utf8Length(text, limit) <= limit) return { ok: true, value: text };
      if (options.truncateColumns) return { ok: true, value: truncateBytes(text, limit) };
      return { ok: false, code: 1204, reason: isChar ? 'Char length exceeds DDL length' : 'String length exceeds DDL length' };
    };
  }
  return (text) => ({ ok: true, value: text });
}

/** UTF-8 byte length, counting no further than `limit + 1` (no allocation). */
function utf8Length(text: string, limit: number): number {
  let bytes = 0;
  for (let i = 0; i < text.length && bytes <= limit; i++) {
    const c = text.charCodeAt(i);
    bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c <= 0xdbff ? (i++, 4) : 3;
  }
  return bytes;
}

/**
 * Redshift names the first character that can't continue the number and its 0-based position, e.g.
 * `Invalid digit, Value 'N', Pos 0, Type: Decimal` for 'NaN', `Value '.', Pos 1` for '1.5' as an integer.
 */
function invalidDigit(t: string, allowPoint: boolean, label: string): string {
  let pos = 0;
  let point = !allowPoint;
  for (; pos < t.length; pos++) {
    const c = t[pos]!;
    if (c >= '0' && c <= '9') continue;
    if ((c === '+' || c === '-') && pos === 0) continue;
    if (c === '.' && !point) {
      point = true;
      continue;
    }
    break;
  }
  // A sign or point with no digit ('-', '.'): the offending character is the last one read.
  if (pos === t.length) pos = Math.max(0, t.length - 1);
  return `Invalid digit, Value '${t[pos] ?? ''}', Pos ${pos}, Type: ${label}`;
}

function truncateBytes(text: string, limit: number): string {
  let out = text.slice(0, limit);
  while (utf8Length(out, limit) > limit) out = out.slice(0, -1);
  return out;
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const p2 = (n: number | string) => String(n).padStart(2, '0');

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
function validDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const leap = m === 2 && (y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0));
  return d <= DAYS[m - 1]! + (leap ? 1 : 0);
}

const ISO_DATE = /^(\d{4})-(\d\d)-(\d\d)$/;

/** Turns a DATEFORMAT/TIMEFORMAT string (YYYY, MM, DD, MON, HH24, HH12, HH, MI, SS, AM/PM) into a regex. */
function formatRegex(format: string): { re: RegExp; parts: string[] } {
  const parts: string[] = [];
  let source = '';
  const tokens = /YYYY|YY|MON|MM|DD|HH24|HH12|HH|MI|SS(?:\.F+)?|AM|PM|./g;
  for (const m of format.matchAll(tokens)) {
    const tok = m[0];
    const groups: Record<string, string> = {
      YYYY: '(\\d{4})', YY: '(\\d{2})', MON: '([A-Za-z]{3})', MM: '(\\d{1,2})', DD: '(\\d{1,2})', HH24: '(\\d{1,2})', HH12: '(\\d{1,2})',
      HH: '(\\d{1,2})', MI: '(\\d{2})', AM: '([AaPp][Mm])', PM: '([AaPp][Mm])',
    };
    if (tok.startsWith('SS')) {
      parts.push('SS');
      source += '(\\d{2}(?:\\.\\d+)?)';
    } else if (groups[tok]) {
      parts.push(tok);
      source += groups[tok];
    } else source += tok.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  return { re: new RegExp(`^${source}$`), parts };
}

function fromParts(parts: string[], m: RegExpExecArray): { y: number; mo: number; d: number; h: number; mi: number; s: string } | undefined {
  let y = 1900, mo = 1, d = 1, h = 0, mi = 0, s = '00';
  let pm: boolean | undefined;
  parts.forEach((part, i) => {
    const v = m[i + 1]!;
    if (part === 'YYYY') y = Number(v);
    else if (part === 'YY') y = 2000 + Number(v) - (Number(v) >= 70 ? 100 : 0);
    else if (part === 'MM') mo = Number(v);
    else if (part === 'MON') mo = MONTHS.indexOf(v.toUpperCase()) + 1;
    else if (part === 'DD') d = Number(v);
    else if (part.startsWith('HH')) h = Number(v);
    else if (part === 'MI') mi = Number(v);
    else if (part === 'SS') s = v;
    else if (part === 'AM' || part === 'PM') pm = v.toUpperCase() === 'PM';
  });
  if (pm !== undefined) h = (h % 12) + (pm ? 12 : 0);
  if (!validDate(y, mo, d) || h > 23 || mi > 59 || Number(s) >= 60) return undefined;
  return { y, mo, d, h, mi, s };
}

const AUTO_DATES: Array<{ re: RegExp; parts: string[] }> = [
  'YYYY-MM-DD', 'YYYY/MM/DD', 'YYYYMMDD', 'MM/DD/YYYY', 'MM-DD-YYYY', 'DD-MON-YYYY', 'MON DD YYYY', 'DD MON YYYY', 'YYYY.MM.DD',
].map(formatRegex);

export function dateParser(format: string): (text: string) => string | undefined {
  const formats = format.toLowerCase() === 'auto' ? AUTO_DATES : [formatRegex(format)];
  const isoFirst = format.toLowerCase() === 'auto' || format === 'YYYY-MM-DD';
  return (text) => {
    if (isoFirst) {
      const m = ISO_DATE.exec(text);
      if (m && validDate(+m[1]!, +m[2]!, +m[3]!)) return text;
    }
    for (const f of formats) {
      const m = f.re.exec(text);
      const v = m && fromParts(f.parts, m);
      if (v) return `${v.y}-${p2(v.mo)}-${p2(v.d)}`;
    }
    return undefined;
  };
}

const AUTO_TIMES = [
  'YYYY-MM-DD HH:MI:SS', 'YYYY-MM-DDTHH:MI:SS', 'YYYY-MM-DD HH:MI', 'YYYY/MM/DD HH:MI:SS', 'MM/DD/YYYY HH:MI:SS', 'MM/DD/YYYY HH12:MI:SS AM',
  'YYYYMMDD HH:MI:SS', 'DD-MON-YYYY HH:MI:SS', 'YYYY-MM-DD',
].map(formatRegex);

export function timestampParser(format: string): (text: string) => string | undefined {
  const lower = format.toLowerCase();
  if (lower === 'epochsecs' || lower === 'epochmillisecs') {
    const scale = lower === 'epochsecs' ? 1000 : 1;
    return (text) => (/^-?\d+(\.\d+)?$/.test(text) ? new Date(Number(text) * scale).toISOString().replace('T', ' ').replace('Z', '') : undefined);
  }
  const formats = lower === 'auto' ? AUTO_TIMES : [formatRegex(format)];
  return (text) => {
    const bare = lower === 'auto' ? text.replace(/(Z|[+-]\d{2}(:?\d{2})?)$/, '') : text;
    for (const f of formats) {
      const m = f.re.exec(bare);
      const v = m && fromParts(f.parts, m);
      if (v) return `${v.y}-${p2(v.mo)}-${p2(v.d)} ${p2(v.h)}:${p2(v.mi)}:${v.s.length === 1 ? '0' + v.s : v.s}`;
    }
    return undefined;
  };
}
