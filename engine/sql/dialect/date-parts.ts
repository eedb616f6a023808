import { SqlError } from '../../errors/sql-error';
import { synth } from '../rewrite/render';
import { stringValue, type Token } from '../tokenizer';
import type { DialectPass } from './index';
import { build, rewriteCalls, significant, splice } from './token-utils';

/** Redshift date part names and abbreviations → the name PostgreSQL (and our shims) understand. */
const DATE_PARTS: Record<string, string> = {};
const ALIASES: Record<string, string[]> = {
  millennium: ['millennium', 'millennia', 'mil', 'mils'],
  century: ['century', 'centuries', 'c', 'cent', 'cents'],
  decade: ['decade', 'decades', 'dec', 'decs'],
  epoch: ['epoch'],
  year: ['year', 'years', 'y', 'yr', 'yrs'],
  quarter: ['quarter', 'quarters', 'qtr', 'qtrs'],
  month: ['month', 'months', 'mon', 'mons'],
  week: ['week', 'weeks', 'w'],
  dow: ['dayofweek', 'dow', 'dw', 'weekday'],
  doy: ['dayofyear', 'doy', 'dy', 'yearday'],
  day: ['day', 'days', 'd'],
  hour: ['hour', 'hours', 'h', 'hr', 'hrs'],
  minute: ['minute', 'minutes', 'm', 'min', 'mins'],
  second: ['second', 'seconds', 's', 'sec', 'secs'],
  millisecond: ['millisecond', 'milliseconds', 'ms', 'msec', 'msecs', 'msecond', 'mseconds', 'millisec', 'millisecs', 'millisecon'],
  microsecond: ['microsecond', 'microseconds', 'microsec', 'microsecs', 'microsecond', 'usecond', 'useconds', 'us', 'usec', 'usecs'],
  timezone: ['timezone'],
  timezone_hour: ['timezone_hour'],
  timezone_minute: ['timezone_minute'],
};
for (const [canonical, names] of Object.entries(ALIASES)) for (const name of names) DATE_PARTS[name] = canonical;

/** PostgreSQL's names for the parts where they differ from ours (date_part/date_trunc/extract). */
const PG_NAMES: Record<string, string> = { millisecond: 'milliseconds', microsecond: 'microseconds' };

export function canonicalDatePart(name: string): string | undefined {
  return DATE_PARTS[name.toLowerCase()];
}

/** The canonical part named by an argument (unquoted word or quoted literal), if it is one. */
function partOf(arg: Token[]): { name: string; at: number } | undefined {
  const sig = significant(arg);
  if (sig.length !== 1) return undefined;
  const t = sig[0]!;
  if (t.kind === 'word' || t.kind === 'quoted') {
    const name = canonicalDatePart(t.kind === 'quoted' ? t.text.slice(1, -1) : t.text);
    return name ? { name, at: t.start } : undefined;
  }
  if (t.kind === 'string' && t.text.startsWith("'")) {
    const name = canonicalDatePart(stringValue(t).trim());
    return name ? { name, at: t.start } : undefined;
  }
  return undefined;
}

/** A bare string literal argument gets a timestamp type, so the result is timestamp (not timestamptz). */
function typedDatetime(arg: Token[]): Token[] {
  const sig = significant(arg);
  if (sig.length === 1 && sig[0]!.kind === 'string') return [...arg, synth('::timestamp', sig[0]!.start, 'op')];
  return arg;
}

function literal(name: string, at: number): Token {
  return synth(`'${name}'`, at, 'string');
}

const CALLS = new Set(['dateadd', 'date_add', 'datediff', 'date_diff', 'date_part', 'pgdate_part', 'date_trunc', 'timestampdiff']);

/**
 * `DATEADD(day, 1, d)`, `DATEDIFF(mon, a, b)`, `DATE_PART(dw, d)`, `DATE_TRUNC('qtr', d)`: the date
 * part becomes a canonical string literal, and bare literal dates become timestamps.
 */
export const datePartArguments: DialectPass = (tokens) =>
  rewriteCalls(tokens, CALLS, (call, all) => {
    const nameToken = all[call.name]!;
    const fn = nameToken.text.toLowerCase();
    const [first, ...rest] = call.args;
    if (!first) return undefined;
    const part = partOf(first);
    if (!part) {
      const word = significant(first);
      if (word.length === 1 && word[0]!.kind === 'word') {
        const target = fn.includes('add') ? 'dateadd' : fn.includes('diff') ? 'datediff' : fn;
        throw new SqlError('22023', `${target}: unsupported date part "${word[0]!.text}"`, { position: word[0]!.start + 1 });
      }
      return undefined;
    }
    const isPgBuiltin = fn === 'date_part' || fn === 'pgdate_part' || fn === 'date_trunc';
    const partName = isPgBuiltin ? (PG_NAMES[part.name] ?? part.name) : part.name;
    let target = fn;
    if (fn === 'date_add') target = 'dateadd';
    if (fn === 'date_diff' || fn === 'timestampdiff') target = 'datediff';
    if (fn === 'pgdate_part') target = 'date_part';
    const args: Array<string | Token[]> = [[literal(partName, part.at)]];
    rest.forEach((arg, index) => {
      const isAmount = target === 'dateadd' && index === 0;
      const typed = isAmount ? arg : typedDatetime(arg);
      args.push(',', typed);
    });
    return build(nameToken.start, [synth(target, nameToken.start)], '(', ...args, ')');
  });

/** `EXTRACT(d FROM ts)`: Redshift abbreviations inside EXTRACT. */
export const extractParts: DialectPass = (tokens) =>
  rewriteCalls(tokens, new Set(['extract']), (call, all) => {
    const first = significant(all.slice(call.open + 1, call.close))[0];
    if (!first || first.kind !== 'word') return undefined;
    const canonical = canonicalDatePart(first.text);
    if (!canonical) return undefined;
    const pgName = PG_NAMES[canonical] ?? canonical;
    if (pgName === first.text.toLowerCase()) return undefined;
    const index = all.indexOf(first);
    return splice(all, index, index, [synth(pgName, first.start)]).slice(call.name, call.close + 1);
  });

/** `ADD_MONTHS('2024-01-31', 1)`: a bare literal date is a timestamp, as in Redshift. */
export const addMonthsLiteral: DialectPass = (tokens) =>
  rewriteCalls(tokens, new Set(['add_months']), (call, all) => {
    const [date, ...rest] = call.args;
    if (!date || rest.length !== 1) return undefined;
    const typed = typedDatetime(date);
    if (typed === date) return undefined;
    const at = all[call.name]!.start;
    return build(at, [all[call.name]!], '(', typed, ',', rest[0]!, ')');
  });
