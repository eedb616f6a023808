import type { EChartsCoreOption } from 'echarts/core';
import type { LeaderboardEntry } from '../../../engine/ml/types';
import type { ColumnProfile, DataExplorationReport } from '../../../engine/ml/profile';
import type { ModelEvaluation } from '../../../engine/features/ml/model-evaluation';

/** ECharts options of the Models panel, built from the report JSON (pure, so they are testable). */

export function metricPerCandidate(entries: LeaderboardEntry[], metric: string): EChartsCoreOption {
  return {
    grid: { left: 50, right: 10, top: 20, bottom: 60 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: entries.map((e) => e.id), axisLabel: { rotate: 40, fontSize: 10 } },
    yAxis: { type: 'value', name: metric, scale: true },
    series: [{ type: 'bar', data: entries.map((e) => Number(e.validationMetric.toFixed(4))) }],
  };
}

export function confusionHeatmap(e: ModelEvaluation, actual: string, predicted: string, dark = false): EChartsCoreOption {
  const data: [number, number, number][] = [];
  e.confusionMatrix.forEach((row, a) => row.forEach((n, p) => data.push([p, a, n])));
  const max = Math.max(1, ...data.map((d) => d[2]));
  return {
    grid: { left: 70, right: 20, top: 10, bottom: 50 },
    xAxis: { type: 'category', data: e.labels, name: predicted, nameLocation: 'middle', nameGap: 28, splitArea: { show: true } },
    yAxis: { type: 'category', data: e.labels, name: actual, nameLocation: 'middle', nameGap: 50, inverse: true, splitArea: { show: true } },
    visualMap: { min: 0, max, show: false, inRange: { color: dark ? ['#232834', '#5b8def'] : ['#e8f1fb', '#0972d3'] } },
    series: [{ type: 'heatmap', data, label: { show: true, fontSize: 14, fontWeight: 'bold' } }],
  };
}

export function rocCurve(e: ModelEvaluation): EChartsCoreOption {
  return {
    grid: { left: 50, right: 20, top: 10, bottom: 40 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'value', min: 0, max: 1, name: 'FPR', nameLocation: 'middle', nameGap: 24 },
    yAxis: { type: 'value', min: 0, max: 1, name: 'TPR', nameLocation: 'middle', nameGap: 32 },
    series: [
      { type: 'line', showSymbol: false, data: (e.roc ?? []).map((p) => [p.fpr, p.tpr]), areaStyle: { opacity: 0.15 } },
      { type: 'line', showSymbol: false, data: [[0, 0], [1, 1]], lineStyle: { type: 'dashed', opacity: 0.5 } },
    ],
  };
}

export function importanceBars(items: { feature: string; value: number }[]): EChartsCoreOption {
  const top = items.slice(0, 15).reverse();
  return {
    grid: { left: 130, right: 20, top: 10, bottom: 30 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'value' },
    yAxis: { type: 'category', data: top.map((i) => i.feature), axisLabel: { fontSize: 11 } },
    series: [{ type: 'bar', data: top.map((i) => Number(i.value.toPrecision(4))) }],
  };
}

export function columnHistogram(c: ColumnProfile): EChartsCoreOption {
  const bins = c.histogram
    ? c.histogram.map((b) => ({ name: `${fmt(b.from)}–${fmt(b.to)}`, value: b.count }))
    : (c.topValues ?? []).map((v) => ({ name: v.value, value: v.count }));
  return {
    grid: { left: 40, right: 8, top: 8, bottom: 36 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: bins.map((b) => b.name), axisLabel: { fontSize: 9, rotate: 30 } },
    yAxis: { type: 'value', axisLabel: { fontSize: 9 } },
    series: [{ type: 'bar', data: bins.map((b) => b.value) }],
  };
}

export function targetBalance(r: DataExplorationReport): EChartsCoreOption {
  const b = r.target?.balance ?? [];
  return {
    grid: { left: 50, right: 10, top: 10, bottom: 30 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: b.map((x) => x.value) },
    yAxis: { type: 'value' },
    series: [{ type: 'bar', data: b.map((x) => x.count), label: { show: true, position: 'top', formatter: (p: { dataIndex: number }) => `${((b[p.dataIndex]?.fraction ?? 0) * 100).toFixed(1)}%` } }],
  };
}

export function correlationHeatmap(r: DataExplorationReport, dark = false): EChartsCoreOption {
  const cols = r.correlation.columns;
  const data: [number, number, number][] = [];
  r.correlation.matrix.forEach((row, i) => row.forEach((v, j) => data.push([j, i, Number((Number.isFinite(v) ? v : 0).toFixed(2))])));
  return {
    grid: { left: 110, right: 20, top: 10, bottom: 90 },
    xAxis: { type: 'category', data: cols, axisLabel: { rotate: 45, fontSize: 10 } },
    yAxis: { type: 'category', data: cols, inverse: true, axisLabel: { fontSize: 10 } },
    visualMap: { min: -1, max: 1, show: false, inRange: { color: dark ? ['#f28b82', '#232834', '#5b8def'] : ['#b42318', '#f4f6fa', '#0972d3'] } },
    series: [{ type: 'heatmap', data, label: { show: cols.length <= 10, fontSize: 9 } }],
  };
}

function fmt(n: number): string {
  return Math.abs(n) >= 1000 ? n.toFixed(0) : Number(n.toPrecision(3)).toString();
}
