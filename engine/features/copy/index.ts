export { copyHandler } from './copy-handler';
export { LOAD_ERRORS_SQL } from './load-errors';
