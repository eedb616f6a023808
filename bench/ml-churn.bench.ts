/**
 * Redshift ML AutoPilot emulation on the real churn split: train on churn-bigml-80.csv, evaluate on
 * churn-bigml-20.csv (label "Churn", positive True), and print F1 / accuracy / time beside the anchors.
 * Run: npx esbuild bench/ml-churn.bench.ts --bundle --platform=node --format=esm --outfile=/tmp/ml-churn.mjs && node /tmp/ml-churn.mjs
 */
import { existsSync, readFileSync } from 'node:fs';
import { accuracy, binaryScores, predict, runAutopilot, tableFromCsv } from '../engine/ml/index.js';

// run from the repo root: the data lives in ../shared/data (never copied into the project)
const dataDir = process.env.CHURN_DATA_DIR ?? `${process.cwd()}/../shared/data`;
const trainPath = `${dataDir}/churn-bigml-80.csv`;
const testPath = `${dataDir}/churn-bigml-20.csv`;
if (!existsSync(trainPath) || !existsSync(testPath)) {
  console.log(`churn data not found in ${dataDir}; set CHURN_DATA_DIR`);
  process.exit(0);
}
const anchors = [
  { name: 'XGBoost, raw columns', f1: 0.846, acc: 0.96 },
  { name: 'XGBoost / RF-500 + sum of charges', f1: 0.933, acc: 0.982 },
];
const train = tableFromCsv(readFileSync(trainPath, 'utf8'));
const test = tableFromCsv(readFileSync(testPath, 'utf8'));
const seed = Number(process.env.SEED ?? 42);
const t0 = performance.now();
const result = await runAutopilot({ table: train, target: 'Churn', seed, maxRuntimeSec: 300 });
const seconds = (performance.now() - t0) / 1000;
const ti = test.columns.findIndex((c) => c.name === 'Churn');
const inputs = test.rows.map((r) => r.filter((_, j) => j !== ti));
const actual = test.rows.map((r) => (r[ti] === true ? 1 : 0));
const predicted = inputs.map((r) => (predict(result.model, r) === true ? 1 : 0));
const s = binaryScores(actual, predicted, 1);
const acc = accuracy(actual, predicted);
console.log(`seed ${seed}: best ${result.bestCandidateId} ${result.model.algorithm} ${JSON.stringify(result.model.params)}`);
console.log(`engineered features kept: ${result.featureEngineering.filter((f) => f.kept).map((f) => f.name).join(', ') || '(none)'}`);
console.log(`validation ${result.metricName} ${result.validationMetric.toFixed(4)}; threshold ${result.model.threshold.toFixed(4)}`);
console.log(`test: F1(True) ${s.f1.toFixed(4)} (P ${s.precision.toFixed(3)} R ${s.recall.toFixed(3)}), accuracy ${acc.toFixed(4)}, search ${seconds.toFixed(1)} s, ${result.leaderboard.length} candidates`);
for (const a of anchors) {
  console.log(`  vs ${a.name}: F1 ${a.f1} (ratio ${(s.f1 / a.f1).toFixed(3)}), accuracy ${a.acc} (ratio ${(acc / a.acc).toFixed(3)})`);
}
console.log('leaderboard (top 8):');
for (const e of result.leaderboard.slice(0, 8)) {
  console.log(`  ${e.id} ${e.algorithm.padEnd(20)} ${e.validationMetric.toFixed(4)} ${String(e.trainMs.toFixed(0)).padStart(6)} ms [${e.featureSet.join(', ')}] ${JSON.stringify(e.params)}`);
}
