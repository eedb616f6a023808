/**
 * SQL mirror of features.ts: each FeatureSpec becomes a float8 expression over the function parameters
 * ($1, $2, …) computing exactly the JS value (same operations, same order, NULL = missing).
 */
import type { FeatureSpec, Scaler } from '../features.js';
import { float8, textLiteral } from './sql-text.js';

/** How to reference the model input column `col` in SQL (e.g. `$3`). */
export type ParamRef = (col: number) => string;

const num = (ref: ParamRef, col: number, fill: number): string => `COALESCE(${ref(col)}::float8, ${float8(fill)})`;

export function featureSql(spec: FeatureSpec, ref: ParamRef): string {
  switch (spec.kind) {
    case 'number':
      return num(ref, spec.col, spec.fill);
    case 'boolean':
      return `COALESCE(${ref(spec.col)}::bool::int::float8, ${float8(spec.fill)})`;
    case 'onehot':
      return `CASE WHEN ${ref(spec.col)}::text = ${textLiteral(spec.value)} THEN ${float8(1)} ELSE ${float8(0)} END`;
    case 'lookup': {
      const values = `'{${spec.values.map((v) => String(v)).join(',')}}'::float8[]`;
      const cats = `ARRAY[${spec.categories.map(textLiteral).join(',')}]::text[]`;
      return `COALESCE((${values})[array_position(${cats}, ${ref(spec.col)}::text)], ${float8(spec.fallback)})`;
    }
    case 'sum':
      return `(${spec.cols.map((c, k) => num(ref, c, spec.fills[k] as number)).join(' + ')})`;
    case 'ratio': {
      const a = num(ref, spec.cols[0], spec.fills[0]);
      const b = num(ref, spec.cols[1], spec.fills[1]);
      return `CASE WHEN ${b} = ${float8(0)} THEN ${float8(spec.fallback)} ELSE ${a} / ${b} END`;
    }
  }
}

/** Feature expressions in spec order, standardised when the model has a scaler. */
export function featureSqlList(specs: FeatureSpec[], scaler: Scaler | null, ref: ParamRef): string[] {
  return specs.map((spec, j) => {
    const e = featureSql(spec, ref);
    if (!scaler) return e;
    return `((${e} - ${float8(scaler.mean[j] as number)}) / ${float8(scaler.std[j] as number)})`;
  });
}
