/**
 * EXPLAIN_MODEL: global feature importance in Redshift's JSON shape
 *   {"version":"1.0","explanations":{"kernel_shap":{"label0":{"global_shap_values":{…},"expected_value":x}}}}
 *
 * Method (documented choice):
 * - tree models: exact TreeSHAP per sample row on the raw score (log-odds for boosted classification,
 *   probability for forests, value for regression);
 * - linear models: exact linear SHAP, w_j · (x_j − mean_j) over the sample;
 * - MLP / k-means: one-at-a-time interventional attribution, score(x) − score(x with the column taken from
 *   another sample row), a cheap SHAP approximation.
 * Model features are attributed back to input columns (one-hot / lookup → their column; an engineered
 * sum or ratio is split equally among its columns). global_shap_values[column] = mean over rows of
 * |Σ the column's attributions|. Binary and regression models report `label0`; multiclass one
 * `label<k>` per class score; expected_value is the mean score over the sample.
 */
import { featureRow, featureSourceColumns, scaleRow } from '../features.js';
import type { InputRow, TrainedModel } from '../model.js';
import { modelScores, rowValues } from '../model.js';
import type { CellValue } from '../types.js';
import { treeExpectedValue, treeShap } from './tree-shap.js';

export const MAX_EXPLAIN_ROWS = 500;

export interface ExplainModelResult {
  version: '1.0';
  explanations: {
    kernel_shap: Record<string, { global_shap_values: Record<string, number>; expected_value: number }>;
  };
}

/** Per-row attributions over model features, one Float64Array per output score. */
function featureAttributions(model: TrainedModel, rows: CellValue[][]): Float64Array[][] {
  const p = model.predictor;
  const F = model.features.length;
  const xs = rows.map((r) => {
    const x = featureRow(model.features, r);
    return model.scaler ? scaleRow(model.scaler, x) : x;
  });
  if (p.kind === 'trees') {
    return xs.map((x) =>
      p.base.map((_, k) => {
        const phi = new Float64Array(F);
        p.trees.forEach((tree, t) => {
          const out = p.treeOutput[t] as number;
          if (out === k) treeShap(tree, x, 0, phi, p.scale);
          else if (out < 0) treeShap(tree, x, k, phi, p.scale);
        });
        return phi;
      }),
    );
  }
  if (p.kind === 'linear') {
    const mean = new Float64Array(F);
    for (const x of xs) for (let j = 0; j < F; j++) mean[j]! += (x[j] as number) / xs.length;
    return xs.map((x) => p.weights.map((w) => Float64Array.from(w, (wj, j) => wj * ((x[j] as number) - (mean[j] as number)))));
  }
  const cols = model.inputColumns.length;
  return rows.map((r, i) => {
    const base = modelScores(model, r);
    const donor = rows[(i + 1) % rows.length] as CellValue[];
    const perOutput = Array.from(base, () => new Float64Array(cols));
    for (let c = 0; c < cols; c++) {
      const changed = [...r];
      changed[c] = donor[c] ?? null;
      const s = modelScores(model, changed);
      s.forEach((v, k) => ((perOutput[k] as Float64Array)[c] = (base[k] as number) - v));
    }
    return perOutput;
  });
}

export function explainModel(model: TrainedModel, sampleRows: InputRow[]): ExplainModelResult {
  const rows = sampleRows.slice(0, MAX_EXPLAIN_ROWS).map((r) => rowValues(model, r));
  const attributions = featureAttributions(model, rows);
  const perColumnInput = model.predictor.kind === 'mlp' || model.predictor.kind === 'kmeans';
  const names = model.inputColumns.map((c) => c.name);
  const K = attributions[0]?.length ?? 1;
  const explanations: ExplainModelResult['explanations']['kernel_shap'] = {};
  for (let k = 0; k < K; k++) {
    const total = new Float64Array(names.length);
    for (const rowAttr of attributions) {
      const phi = rowAttr[k] as Float64Array;
      const byColumn = new Float64Array(names.length);
      if (perColumnInput) byColumn.set(phi);
      else {
        model.features.forEach((spec, j) => {
          const src = featureSourceColumns(spec);
          for (const c of src) byColumn[c]! += (phi[j] as number) / src.length;
        });
      }
      for (let c = 0; c < names.length; c++) total[c]! += Math.abs(byColumn[c] as number);
    }
    const global: Record<string, number> = {};
    names.forEach((n, c) => (global[n] = rows.length ? (total[c] as number) / rows.length : 0));
    let expected = 0;
    const p = model.predictor;
    if (p.kind === 'trees') {
      expected = p.base[k] as number;
      p.trees.forEach((tree, t) => {
        const out = p.treeOutput[t] as number;
        if (out === k) expected += treeExpectedValue(tree, 0);
        else if (out < 0) expected += treeExpectedValue(tree, k);
      });
      expected *= p.scale;
    } else {
      for (const r of rows) expected += (modelScores(model, r)[k] as number) / Math.max(1, rows.length);
    }
    explanations[`label${k}`] = { global_shap_values: global, expected_value: expected };
  }
  return { version: '1.0', explanations: { kernel_shap: explanations } };
}

