export { runAthenaQuery, AthenaError, ATHENA_INSTALL_SQL, type AthenaResult, type AthenaColumn, type AthenaHost } from './run-athena-query';
export { athenaResultSet } from './result-set';
export { athenaOutcome, athenaFailure } from './outcome';
