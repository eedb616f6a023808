/**
 * Redshift ML AutoPilot emulation on the real churn split: train on churn-bigml-80.csv, evaluate on
 * churn-bigml-20.csv (label "Churn", positive True); F1 / accuracy beside the anchors measured on the same
 * split (XGBoost or a 500-tree random forest given the sum of the four charges: F1 0.933, accuracy 0.982
 * — 83 TP, 0 FP, 12 FN), and the full search time beside the 30 s budget.
 * Run from the repo root: node scripts/run-bench.mjs ml-churn  (CHURN_DATA_DIR overrides ../shared/data; SEED the seed).
 */
import { existsSync, readFileSync } from 'node:fs';
import { accuracy, binaryScores, predict, runAutopilot, tableFromCsv } from '../engine/ml/index.js';
import type { Figure } from './harness.js';
import { figure } from './harness.js';

const ANCHOR = { name: 'XGBoost / RF-500 + sum of charges', f1: 0.933, acc: 0.982 };
const TIME_BUDGET_SEC = 30;

export default async function run(): Promise<Figure[]> {
  // the data lives in ../shared/data (never copied into the project)
  const dataDir = process.env.CHURN_DATA_DIR ?? `${process.cwd()}/../shared/data`;
  const trainPath = `${dataDir}/churn-bigml-80.csv`;
  const testPath = `${dataDir}/churn-bigml-20.csv`;
  if (!existsSync(trainPath) || !existsSync(testPath)) {
    console.log(`churn data not found in ${dataDir}; set CHURN_DATA_DIR`);
    return [];
  }
  const train = tableFromCsv(readFileSync(trainPath, 'utf8'));
  const test = tableFromCsv(readFileSync(testPath, 'utf8'));
  const seed = Number(process.env.SEED ?? 42);
  const t0 = performance.now();
  const result = await runAutopilot({ table: train, target: 'Churn', seed, maxRuntimeSec: 300 });
  const seconds = (performance.now() - t0) / 1000;
  const ti = test.columns.findIndex((c) => c.name === 'Churn');
  const actual = test.rows.map((r) => (r[ti] === true ? 1 : 0));
  const predicted = test.rows.map((r) => (predict(result.model, r.filter((_, j) => j !== ti)) === true ? 1 : 0));
  const s = binaryScores(actual, predicted, 1);
  const acc = accuracy(actual, predicted);
  const best = result.leaderboard.find((e) => e.id === result.bestCandidateId);
  console.log(`seed ${seed}: best ${result.bestCandidateId} ${result.model.algorithm}${best?.members ? ` ensemble of ${best.members.join(', ')}` : ''} ${JSON.stringify(result.model.params)}`);
  console.log(`engineered features kept: ${result.featureEngineering.filter((f) => f.kept).map((f) => f.name).join(', ') || '(none)'}`);
  console.log(`validation ${result.metricName} ${result.validationMetric.toFixed(4)}; threshold ${result.model.threshold.toFixed(4)}`);
  console.log(`test: F1(True) ${s.f1.toFixed(4)} (TP ${s.tp} FP ${s.fp} FN ${s.fn}), accuracy ${acc.toFixed(4)}, search ${seconds.toFixed(1)} s, ${result.leaderboard.length} candidates`);
  for (const e of result.leaderboard.slice(0, 8)) {
    console.log(`  ${e.id} ${e.algorithm.padEnd(20)} ${e.validationMetric.toFixed(4)} ${String(e.trainMs.toFixed(0)).padStart(6)} ms [${e.featureSet.join(', ')}] ${JSON.stringify(e.params)}`);
  }
  return [
    figure('churn test F1(True)', 'F1', s.f1, ANCHOR.name, ANCHOR.f1, { text: 'F1 ≥ 0.93', met: s.f1 >= 0.93 }),
    figure('churn test accuracy', 'fraction', acc, ANCHOR.name, ANCHOR.acc, { text: 'accuracy ≥ 0.98', met: acc >= 0.98 }),
    figure('full AutoPilot search, churn train (2,666 rows)', 's', seconds, 'time budget', TIME_BUDGET_SEC, {
      text: `≤ ${TIME_BUDGET_SEC} s`,
      met: seconds <= TIME_BUDGET_SEC,
    }),
  ];
}
