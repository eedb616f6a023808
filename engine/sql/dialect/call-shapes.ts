import { SqlError, SQLSTATE } from '../../errors/sql-error';
import { synth } from '../rewrite/render';
import { keyword, type Token } from '../tokenizer';
import type { DialectPass } from './index';
import { build, isPunct, matchingParen, nextSignificantIndex, rewriteCalls, significant } from './token-utils';

/** `NVL2(expr, not_null_result, null_result)` → CASE. */
export const nvl2: DialectPass = (tokens) =>
  rewriteCalls(tokens, new Set(['nvl2']), (call, all) => {
    const at = all[call.name]!.start;
    if (call.args.length !== 3) throw wrongArgs('nvl2', call.args.length, at);
    const [value, ifNotNull, ifNull] = call.args as [Token[], Token[], Token[]];
    return build(at, '(CASE WHEN (', value, ') IS NOT NULL THEN ', ifNotNull, ' ELSE ', ifNull, ' END)');
  });

/**
 * `DECODE(expr, search, result [, search, result]… [, default])` → CASE, where NULL matches NULL as
 * in Redshift. PostgreSQL's own two-argument `decode(text, format)` is left alone.
 */
export const decodeCase: DialectPass = (tokens) =>
  rewriteCalls(tokens, new Set(['decode']), (call, all) => {
    if (call.args.length < 3) return undefined;
    const at = all[call.name]!.start;
    const [subject, ...pairs] = call.args as [Token[], ...Token[][]];
    const parts: Array<string | Token[]> = ['(CASE'];
    for (let i = 0; i + 1 < pairs.length; i += 2) {
      parts.push(' WHEN (', subject, ') IS NOT DISTINCT FROM (', pairs[i]!, ') THEN ', pairs[i + 1]!);
    }
    if (pairs.length % 2 === 1) parts.push(' ELSE ', pairs[pairs.length - 1]!);
    parts.push(' END)');
    return build(at, ...parts);
  });

/** `CONVERT(type, expr)` → `CAST(expr AS type)`. */
export const convertCast: DialectPass = (tokens) =>
  rewriteCalls(tokens, new Set(['convert']), (call, all) => {
    if (call.args.length !== 2) return undefined;
    const at = all[call.name]!.start;
    const [type, value] = call.args as [Token[], Token[]];
    return build(at, [synth('CAST', at)], '(', value, ' AS ', type, ')');
  });

/** Redshift's CONCAT takes exactly two arguments and is NULL if either is NULL. */
export const concatStrict: DialectPass = (tokens) =>
  rewriteCalls(tokens, new Set(['concat']), (call, all) => {
    const at = all[call.name]!.start;
    if (call.args.length !== 2) throw wrongArgs('concat', call.args.length, at);
    const [left, right] = call.args as [Token[], Token[]];
    return build(at, [synth('pg_catalog.concat', at)], '((', left, ')::text, (', right, ')::text)');
  });

/**
 * `LISTAGG([DISTINCT] expr [, delimiter]) [WITHIN GROUP (ORDER BY …)]` → `listagg(expr::varchar,
 * delimiter ORDER BY …)` (an alias of string_agg); an OVER clause after it stays where it is.
 */
export const listagg: DialectPass = (tokens) =>
  rewriteCalls(tokens, new Set(['listagg']), (call, all) => {
    const at = all[call.name]!.start;
    if (call.args.length < 1 || call.args.length > 2) throw wrongArgs('listagg', call.args.length, at);
    let value = call.args[0]!;
    let distinct: Token[] = [];
    const firstIndex = value.findIndex((t) => keyword(t) === 'DISTINCT');
    if (firstIndex !== -1 && significant(value)[0] === value[firstIndex]) {
      distinct = [value[firstIndex]!, synth(' ', at, 'space')];
      value = value.slice(firstIndex + 1);
    }
    const delimiter = call.args[1] ?? [synth("''", at, 'string')];
    let end = call.close;
    let orderBy: Token[] = [];
    const within = nextSignificantIndex(all, call.close);
    if (keyword(all[within]) === 'WITHIN') {
      const group = nextSignificantIndex(all, within);
      const open = nextSignificantIndex(all, group);
      if (keyword(all[group]) !== 'GROUP' || !isPunct(all[open], '(')) {
        throw new SqlError(SQLSTATE.syntaxError, 'syntax error at or near "WITHIN"', { position: all[within]!.start + 1 });
      }
      const close = matchingParen(all, open);
      if (close === -1) return undefined;
      const inside = all.slice(open + 1, close);
      orderBy = [synth(' ', at, 'space'), ...(distinct.length > 0 ? castOrderKey(inside, value) : inside)];
      end = close;
    }
    const over = overClause(all, end);
    if (over && orderBy.length > 0) {
      // PostgreSQL has no ORDER BY inside a window aggregate: order the whole partition instead.
      const frame = ' ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING';
      const call = build(at, [synth('pg_catalog.listagg', at)], '(', distinct, '(', value, ')::varchar, ', delimiter, ')');
      const window = build(at, ' OVER (', over.inside, orderBy, frame, ')');
      return { tokens: [...call, ...window], end: over.close };
    }
    return { tokens: build(at, [synth('pg_catalog.listagg', at)], '(', distinct, '(', value, ')::varchar, ', delimiter, orderBy, ')'), end };
  });

/** `OVER ( … )` right after index `after`: its inside tokens and the index of its `)`. */
function overClause(all: Token[], after: number): { inside: Token[]; close: number } | undefined {
  const over = nextSignificantIndex(all, after);
  if (keyword(all[over]) !== 'OVER') return undefined;
  const open = nextSignificantIndex(all, over);
  if (!isPunct(all[open], '(')) return undefined;
  const close = matchingParen(all, open);
  return close === -1 ? undefined : { inside: all.slice(open + 1, close), close };
}

/** `RATIO_TO_REPORT(expr) OVER (PARTITION BY …)` → `(expr)::float8 / SUM(expr) OVER (PARTITION BY …)`. */
export const ratioToReport: DialectPass = (tokens) =>
  rewriteCalls(tokens, new Set(['ratio_to_report']), (call, all) => {
    const at = all[call.name]!.start;
    const over = overClause(all, call.close);
    if (call.args.length !== 1 || !over) return undefined;
    const value = call.args[0]!;
    return { tokens: build(at, '((', value, ')::float8 / NULLIF(SUM(', value, ') OVER (', over.inside, '), 0))'), end: over.close };
  });

/**
 * With DISTINCT, PostgreSQL wants ORDER BY keys to be aggregate arguments: when the key is the
 * aggregated expression itself, give it the same cast.
 */
function castOrderKey(orderBy: Token[], value: Token[]): Token[] {
  const sig = significant(orderBy);
  if (keyword(sig[0]) !== 'ORDER' || keyword(sig[1]) !== 'BY') return orderBy;
  const keyStart = orderBy.indexOf(sig[2]!);
  let keyEnd = orderBy.length;
  const direction = orderBy.findIndex((t, i) => i > keyStart && ['ASC', 'DESC', 'NULLS'].includes(keyword(t)));
  if (direction !== -1) keyEnd = direction;
  const key = orderBy.slice(keyStart, keyEnd);
  const same = (a: Token[], b: Token[]) => significant(a).map((t) => t.text.toLowerCase()).join(' ') === significant(b).map((t) => t.text.toLowerCase()).join(' ');
  if (!sig[2] || !same(key, value)) return orderBy;
  const at = sig[2].start;
  return [...orderBy.slice(0, keyStart), ...build(at, '(', key, ')::varchar '), ...orderBy.slice(keyEnd)];
}

function wrongArgs(name: string, count: number, at: number): SqlError {
  // The front end does not know the argument types; Redshift names literal arguments "unknown".
  const args = Array.from({ length: count }, () => '"unknown"').join(', ');
  return new SqlError('42883', `function ${name}(${args}) does not exist`, {
    position: at + 1,
    hint: `Redshift's ${name.toUpperCase()} takes ${name === 'listagg' ? 'one or two arguments' : name === 'nvl2' ? 'exactly three arguments' : 'exactly two arguments'}.`,
  });
}
