/** VACUUM, ANALYZE and SVV_TABLE_INFO. */
export { vacuumHandler, tableInfoFreshStats } from './vacuum-handler';
export { analyzeHandler } from './analyze-handler';
export { SVV_TABLE_INFO_SQL } from './svv-table-info-sql';
