/**
 * Body of `f__proba(s float8[])`: Redshift's `{"probabilities": […], "labels": […]}` from the raw scores,
 * probabilities sorted descending (ties and NaN keep label order, as JS's sort does).
 * Binary models get a PL/pgSQL body that builds the two-element object directly: measured on the churn
 * forest (3,333 rows, CPU time), 11 µs per row instead of 40 µs for the set-based SQL body (unnest,
 * ORDER BY, aggregates through the executor), which was about a tenth of the whole `_probabilities` call.
 */
import type { TrainedModel } from '../model.js';
import type { CellValue } from '../types.js';
import { float8, textLiteral } from './sql-text.js';

export interface ProbabilitiesBody {
  language: 'sql' | 'plpgsql';
  body: string;
}

export function probabilitiesBody(model: TrainedModel, scoreCount: number, jsonType: 'json' | 'jsonb'): ProbabilitiesBody {
  const label = (l: CellValue | undefined): string => `${textLiteral(JSON.stringify(l ?? null))}::${jsonType}`;
  const build = `${jsonType}_build_object`;
  const array = `${jsonType}_build_array`;
  const sigmoid =
    `CASE WHEN $1[1] = 'NaN'::float8 THEN $1[1] ` +
    `ELSE 1 / (1 + exp(-least(${float8(700)}, greatest(${float8(-700)}, $1[1])))) END`;
  if ((model.link === 'logit' || model.link === 'proba') && scoreCount === 1) {
    const [l0, l1] = [label(model.labels[0]), label(model.labels[1])];
    const p1 = model.link === 'logit' ? sigmoid : '$1[1]';
    return {
      language: 'plpgsql',
      body:
        `DECLARE p1 float8 := ${p1}; p0 float8 := 1 - p1; BEGIN ` +
        `IF p1 > p0 THEN RETURN ${build}('probabilities', ${array}(p1, p0), 'labels', ${array}(${l1}, ${l0})); END IF; ` +
        `RETURN ${build}('probabilities', ${array}(p0, p1), 'labels', ${array}(${l0}, ${l1})); END`,
    };
  }
  const probs =
    model.link === 'proba'
      ? 'SELECT $1 AS p'
      : `SELECT array_agg(e / z ORDER BY i) AS p FROM (SELECT e, i, sum(e) OVER () AS z FROM (SELECT exp(v - max(v) OVER ()) AS e, i FROM unnest($1) WITH ORDINALITY AS u(v, i)) a) b`;
  const labels = `ARRAY[${model.labels.map(label).join(', ')}]`;
  const agg = `${jsonType}_agg`;
  return {
    language: 'sql',
    body:
      `SELECT ${build}('probabilities', ${agg}(pr ORDER BY pr DESC, i), 'labels', ${agg}(lb ORDER BY pr DESC, i)) ` +
      `FROM (${probs}) pp, unnest(pp.p, ${labels}) WITH ORDINALITY AS u(pr, lb, i)`,
  };
}
