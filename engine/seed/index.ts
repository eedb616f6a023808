/**
 * Deterministic, seeded generators of the course data (pure TypeScript: runs
 * in Node, Electron and browser workers alike).
 */
export { Rng, CumulativeSampler, mixSeed } from './prng';
export { makeTable, columnValues, rowObject, type CellValue, type ColumnDef, type GeneratedTable } from './types';
export { generateCourseData, findTable, COURSE_SHAPE, type CourseData } from './course';
export { channelSummary, mauSummary, type MauOptions } from './summaries';
export { CHANNELS, REGIONS, type Channel, type Region } from './users';
export {
  generateChurnData,
  churnCsv,
  churnProbability,
  chargeFor,
  CHURN_COLUMNS,
  CHURN_ROW_COUNT,
  CHURN_TEST_COUNT,
  CHARGE_RATES,
  type ChurnFeatures,
} from './churn';
export { toCsv, csvField, type CsvOptions } from './csv';
